namespace Descent.Functions;

/// <summary>Matyas's function on [-10, 10]^2: a quadratic with Hessian eigenvalues 0.04 and 1 (condition number 25), its minimum f(0, 0) = 0.</summary>
public sealed record Matyas : TestFunction
{
    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "0.26*(x^2 + y^2) - 0.48*x*y";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-10, 10), new(-10, 10)];

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([0.0, 0.0], 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[8.0, 6.0]];
}
