using System.ComponentModel;

namespace Descent.Functions;

/// <summary>
/// Ackley's function on [-32.768, 32.768]^n, with a = 20, b = 0.2, c = 2 pi:
/// -a exp(-b sqrt(mean of xi^2)) - exp(mean of cos(c xi)) + a + e. A nearly flat outer region full of local
/// minima around a cone-shaped hole; its minimum f(0, ..., 0) = 0 is a kink.
/// </summary>
public sealed record Ackley : TestFunction
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
            string Mean(string sum) => N == 1 ? sum : $"({sum})/{N}";
            return $"-20*exp(-0.2*sqrt({Mean(Join(1, N, i => $"x{i}^2"))})) - exp({Mean(Join(1, N, i => $"cos(2*pi*x{i})"))}) + 20 + e";
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -32.768, 32.768);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new(Repeat(N, 0), 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [Repeat(N, 2.5)];

    /// <inheritdoc/>
    public override bool SmoothAtMinima => false;

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N);
}
