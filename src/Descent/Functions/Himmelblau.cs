namespace Descent.Functions;

/// <summary>Himmelblau's function on [-5, 5]^2: four global minima, all with f = 0, and a local maximum between them.</summary>
public sealed record Himmelblau : TestFunction
{
    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-5, 5), new(-5, 5)];

    /// <summary>(3, 2) exactly; the other three are roots of a cubic, to double precision.</summary>
    public override IReadOnlyList<Minimum> GlobalMinima =>
    [
        new([3.0, 2.0], 0),
        new([-2.805118086952745, 3.131312518250573], 0),
        new([-3.779310253377747, -3.2831859912861696], 0),
        new([3.5844283403304917, -1.8481265269644036], 0),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[0.0, 0.0], [-1.0, 0.0]];
}
