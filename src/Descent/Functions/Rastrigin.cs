using System.ComponentModel;

namespace Descent.Functions;

/// <summary>
/// Rastrigin's function on [-5.12, 5.12]^n: 10 n + the sum of xi^2 - 10 cos(2 pi xi). A bowl covered in a
/// regular grid of local minima; its global minimum is f(0, ..., 0) = 0.
/// </summary>
public sealed record Rastrigin : TestFunction
{
    /// <summary>The number of variables.</summary>
    [Description("number of variables")]
    public int N { get; init; } = 2;

    /// <inheritdoc/>
    public override int Dimension => N;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variables => Numbered(N);

    /// <inheritdoc/>
    public override string Formula => $"{10 * N} + " + Join(1, N, i => $"x{i}^2 - 10*cos(2*pi*x{i})");

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -5.12, 5.12);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new(Repeat(N, 0), 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [Repeat(N, 2.2)];

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N);
}
