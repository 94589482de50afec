namespace Descent.Functions;

/// <summary>The six-hump camel on [-3, 3] x [-2, 2]: six local minima, two of them global (f* = -1.0316...), symmetric through the origin.</summary>
public sealed record SixHumpCamel : TestFunction
{
    /// <inheritdoc/>
    public override string Name => "six_hump_camel";

    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-3, 3), new(-2, 2)];

    /// <summary>Found numerically (Newton's method in 40-digit arithmetic), rounded to double.</summary>
    public override IReadOnlyList<Minimum> GlobalMinima =>
    [
        new([0.08984201310031806, -0.7126564030207396], -1.0316284534898774),
        new([-0.08984201310031806, 0.7126564030207396], -1.0316284534898774),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[-1.5, -1.0]];
}
