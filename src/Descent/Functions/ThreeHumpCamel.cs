namespace Descent.Functions;

/// <summary>The three-hump camel on [-5, 5]^2: three local minima, the global one f(0, 0) = 0.</summary>
public sealed record ThreeHumpCamel : TestFunction
{
    /// <inheritdoc/>
    public override string Name => "three_hump_camel";

    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-5, 5), new(-5, 5)];

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([0.0, 0.0], 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[2.0, 1.0]];
}
