using System.ComponentModel;

namespace Descent.Functions;

/// <summary>The sphere function, x1^2 + ... + xn^2, on [-5.12, 5.12]^n: convex, its minimum f(0, ..., 0) = 0.</summary>
public sealed record Sphere : TestFunction
{
    /// <summary>The number of variables.</summary>
    [Description("number of variables")]
    public int N { get; init; } = 2;

    /// <inheritdoc/>
    public override int Dimension => N;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variables => Numbered(N);

    /// <inheritdoc/>
    public override string Formula => Join(1, N, i => $"x{i}^2");

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -5.12, 5.12);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new(Repeat(N, 0), 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [Repeat(N, 2)];

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N);
}
