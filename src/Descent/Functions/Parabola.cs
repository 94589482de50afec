namespace Descent.Functions;

/// <summary>The tutorial's first function, x^2 + 4x + 1: a parabola with curvature 2 and its minimum f(-2) = -3.</summary>
public sealed record Parabola : TestFunction
{
    /// <inheritdoc/>
    public override int Dimension => 1;

    /// <inheritdoc/>
    public override string Formula => "x^2 + 4*x + 1";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-6, 2)];

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([-2.0], -3)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[2.0]];
}
