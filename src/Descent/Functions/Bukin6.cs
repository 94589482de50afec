namespace Descent.Functions;

/// <summary>
/// Bukin's function N. 6 on [-15, -5] x [-3, 3]: 100 sqrt(|y - 0.01 x^2|) + 0.01 |x + 10|. A ridge of kinks
/// along the parabola y = 0.01 x^2; its minimum f(-10, 1) = 0 is a kink.
/// </summary>
public sealed record Bukin6 : TestFunction
{
    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "100*sqrt(abs(y - 0.01*x^2)) + 0.01*abs(x + 10)";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-15, -5), new(-3, 3)];

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([-10.0, 1.0], 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[-7.0, 2.0]];

    /// <inheritdoc/>
    public override bool SmoothAtMinima => false;
}
