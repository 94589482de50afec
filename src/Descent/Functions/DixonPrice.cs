using System.ComponentModel;

namespace Descent.Functions;

/// <summary>
/// The Dixon-Price function on [-10, 10]^n: (x1 - 1)^2 + the sum over i &gt;= 2 of i (2 xi^2 - x(i-1))^2.
/// f* = 0 where x1 = 1 and 2 xi^2 = x(i-1), so xi = 2^(-(2^i - 2)/2^i) for 1 &lt; i &lt; n (each must be
/// positive for the next to exist) and xn = ±2^(-(2^n - 2)/2^n): two global minima for n &gt;= 2.
/// </summary>
public sealed record DixonPrice : TestFunction
{
    /// <inheritdoc/>
    public override string Name => "dixon_price";

    /// <summary>The number of variables.</summary>
    [Description("number of variables")]
    public int N { get; init; } = 2;

    /// <inheritdoc/>
    public override int Dimension => N;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variables => Numbered(N);

    /// <inheritdoc/>
    public override string Formula => "(x1 - 1)^2" + (N == 1 ? "" : " + " + Join(2, N, i => $"{i}*(2*x{i}^2 - x{i - 1})^2"));

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -10, 10);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima
    {
        get
        {
            // 2^(-(2^i - 2)/2^i) = 2^(2^(1-i) - 1), which stays finite for large i.
            double[] point = [.. Enumerable.Range(1, N).Select(i => Math.Pow(2, Math.Pow(2, 1 - i) - 1))];
            if (N == 1) return [new(point, 0)];
            double[] mirrored = [.. point];
            mirrored[^1] = -mirrored[^1];
            return [new(point, 0), new(mirrored, 0)];
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [Repeat(N, 2)];

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N);
}
