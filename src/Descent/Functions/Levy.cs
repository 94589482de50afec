using System.ComponentModel;

namespace Descent.Functions;

/// <summary>
/// Levy's function on [-10, 10]^n, with wi = 1 + (xi - 1)/4: sin^2(pi w1) + the sum over i &lt; n of
/// (wi - 1)^2 (1 + 10 sin^2(pi wi + 1)) + (wn - 1)^2 (1 + sin^2(2 pi wn)). Many local minima; the global
/// one is f(1, ..., 1) = 0.
/// </summary>
public sealed record Levy : TestFunction
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
            // wi - 1 = (xi - 1)/4 is written out, as the language has no definitions.
            string W(int i) => $"(1 + (x{i} - 1)/4)";
            string first = $"sin(pi*{W(1)})^2";
            string middle = N == 1 ? "" : " + " + Join(1, N - 1, i => $"((x{i} - 1)/4)^2*(1 + 10*sin(pi*{W(i)} + 1)^2)");
            return first + middle + $" + ((x{N} - 1)/4)^2*(1 + sin(2*pi*{W(N)})^2)";
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -10, 10);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new(Repeat(N, 1), 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [Repeat(N, -4)];

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N);
}
