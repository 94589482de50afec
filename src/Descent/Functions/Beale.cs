namespace Descent.Functions;

/// <summary>Beale's function on [-4.5, 4.5]^2: flat plateaus and steep ridges around its minimum f(3, 0.5) = 0.</summary>
public sealed record Beale : TestFunction
{
    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-4.5, 4.5), new(-4.5, 4.5)];

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([3.0, 0.5], 0)];

    /// <summary>Moré, Garbow and Hillstrom's (1981): (1, 1).</summary>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[1.0, 1.0]];
}
