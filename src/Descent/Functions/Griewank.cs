using System.ComponentModel;

namespace Descent.Functions;

/// <summary>
/// Griewank's function on [-600, 600]^n: the sum of xi^2/4000 minus the product of cos(xi / sqrt(i)), plus 1.
/// A wide bowl with small regular ripples; its minimum is f(0, ..., 0) = 0.
/// </summary>
public sealed record Griewank : TestFunction
{
    /// <summary>The number of variables.</summary>
    [Description("number of variables")]
    public int N { get; init; } = 2;

    /// <inheritdoc/>
    public override int Dimension => N;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variables => Numbered(N);

    /// <inheritdoc/>
    public override string Formula =>
        $"({Join(1, N, i => $"x{i}^2")})/4000 - {Join(1, N, i => i == 1 ? "cos(x1)" : $"cos(x{i}/sqrt({i}))", "*")} + 1";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -600, 600);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new(Repeat(N, 0), 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [Repeat(N, 10)];

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N);
}
