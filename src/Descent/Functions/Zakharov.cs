using System.ComponentModel;

namespace Descent.Functions;

/// <summary>
/// Zakharov's function on [-5, 10]^n: the sum of xi^2 + s^2 + s^4 with s the sum of 0.5 i xi. Convex, a
/// plate-shaped valley; its minimum is f(0, ..., 0) = 0.
/// </summary>
public sealed record Zakharov : TestFunction
{
    /// <summary>The number of variables.</summary>
    [Description("number of variables")]
    public int N { get; init; } = 2;

    /// <inheritdoc/>
    public override int Dimension => N;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variables => Numbered(N);

    /// <inheritdoc/>
    public override string Formula
    {
        get
        {
            string s = Join(1, N, i => i == 2 ? "x2" : $"{Number(0.5 * i)}*x{i}");
            return $"{Join(1, N, i => $"x{i}^2")} + ({s})^2 + ({s})^4";
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -5, 10);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new(Repeat(N, 0), 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [Repeat(N, 1)];

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N);
}
