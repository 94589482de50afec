using System.ComponentModel;

namespace Descent.Functions;

/// <summary>
/// The Styblinski-Tang function on [-5, 5]^n: half the sum of xi^4 - 16 xi^2 + 5 xi. Separable, with 2^n local
/// minima; the global one has every xi = -2.9035... (a root of 4x^3 - 32x + 5) and f* = -39.166... n.
/// </summary>
public sealed record StyblinskiTang : TestFunction
{
    // The root of 4x^3 - 32x + 5 near -2.9 and the value of (x^4 - 16x^2 + 5x)/2 there (Newton's method in 40 digits, rounded).
    private const double Root = -2.903534027771177, PerVariable = -39.16616570377141546;

    /// <inheritdoc/>
    public override string Name => "styblinski_tang";

    /// <summary>The number of variables.</summary>
    [Description("number of variables")]
    public int N { get; init; } = 2;

    /// <inheritdoc/>
    public override int Dimension => N;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variables => Numbered(N);

    /// <inheritdoc/>
    public override string Formula => $"({Join(1, N, i => $"x{i}^4 - 16*x{i}^2 + 5*x{i}")})/2";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -5, 5);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new(Repeat(N, Root), PerVariable * N)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [Repeat(N, 0)];

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N);
}
