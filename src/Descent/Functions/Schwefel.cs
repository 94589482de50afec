using System.ComponentModel;

namespace Descent.Functions;

/// <summary>
/// Schwefel's function on [-500, 500]^n: c n minus the sum of xi sin(sqrt(|xi|)), with c = 418.98288727243...
/// Its global minimum, every xi = 420.9687..., is far from the next best local minima, near the domain's corners.
/// </summary>
public sealed record Schwefel : TestFunction
{
    // max of x sin(sqrt(x)) over [0, 500], and where (Newton's method in 40 digits, rounded): with this c, f* = 0.
    private const double C = 418.9828872724337, Root = 420.96874635998205;

    /// <summary>The number of variables.</summary>
    [Description("number of variables")]
    public int N { get; init; } = 2;

    /// <inheritdoc/>
    public override int Dimension => N;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variables => Numbered(N);

    /// <inheritdoc/>
    public override string Formula => $"{Number(C)}*{N} - " + Join(1, N, i => $"x{i}*sin(sqrt(abs(x{i})))", " - ");

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -500, 500);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new(Repeat(N, Root), 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [Repeat(N, 200)];

    /// <inheritdoc/>
    public override string Note => "The constant is written to 16 digits so that f* = 0; references round it to 418.9829, which puts f* at 1.3e-5 n.";

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N);
}
