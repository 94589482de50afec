namespace Descent.Functions;

/// <summary>Easom's function on [-100, 100]^2: flat almost everywhere, with a narrow hole f(pi, pi) = -1.</summary>
public sealed record Easom : TestFunction
{
    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "-cos(x)*cos(y)*exp(-((x - pi)^2 + (y - pi)^2))";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-100, 100), new(-100, 100)];

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([Math.PI, Math.PI], -1)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[2.0, 2.0]];
}
