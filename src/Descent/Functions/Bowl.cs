namespace Descent.Functions;

/// <summary>The tutorial's second function, x^2 + y^2: a round bowl with its minimum f(0, 0) = 0.</summary>
public sealed record Bowl : TestFunction
{
    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "x^2 + y^2";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-3, 3), new(-3, 3)];

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([0.0, 0.0], 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[2.0, 2.0]];
}
