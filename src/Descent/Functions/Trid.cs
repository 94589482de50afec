using System.ComponentModel;

namespace Descent.Functions;

/// <summary>
/// The Trid function on [-n^2, n^2]^n: the sum of (xi - 1)^2 minus the sum of xi x(i-1). A convex quadratic
/// whose minimum is at xi = i (n + 1 - i), with f* = -n (n + 4)(n - 1)/6.
/// </summary>
public sealed record Trid : TestFunction
{
    /// <summary>The number of variables.</summary>
    [Description("number of variables")]
    public int N { get; init; } = 2;

    /// <inheritdoc/>
    public override int Dimension => N;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variables => Numbered(N);

    /// <inheritdoc/>
    public override string Formula => Join(1, N, i => $"(x{i} - 1)^2") + (N == 1 ? "" : " - " + Join(2, N, i => $"x{i}*x{i - 1}", " - "));

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -(double)N * N, (double)N * N);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima =>
        [new([.. Enumerable.Range(1, N).Select(i => (double)i * (N + 1 - i))], -(double)N * (N + 4) * (N - 1) / 6)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [Repeat(N, 0)];

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N);
}
