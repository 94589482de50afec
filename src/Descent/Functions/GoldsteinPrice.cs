namespace Descent.Functions;

/// <summary>The Goldstein-Price function on [-2, 2]^2: values spanning six orders of magnitude, local minima, and its global minimum f(0, -1) = 3.</summary>
public sealed record GoldsteinPrice : TestFunction
{
    /// <inheritdoc/>
    public override string Name => "goldstein_price";

    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula =>
        "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-2, 2), new(-2, 2)];

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([0.0, -1.0], 3)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[0.5, 1.0]];
}
