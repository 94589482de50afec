namespace Descent.Functions;

/// <summary>
/// McCormick's function on [-1.5, 4] x [-3, 4]: its minimum over the domain is at x - y = 1, x + y = -2 pi/3,
/// so x* = 1/2 - pi/3 and f* = -sqrt(3)/2 - pi/3 = -1.9132...
/// </summary>
public sealed record McCormick : TestFunction
{
    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-1.5, 4), new(-3, 4)];

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([-0.5471975511965977, -1.5471975511965979], -1.9132229549810364)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[0.0, 0.0]];

    /// <inheritdoc/>
    public override string Note => "Outside the domain f is unbounded below (along x - y = 1): a run that leaves it can go below f*.";
}
