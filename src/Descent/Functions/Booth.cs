namespace Descent.Functions;

/// <summary>Booth's function on [-10, 10]^2: a quadratic with Hessian eigenvalues 2 and 18, its minimum f(1, 3) = 0.</summary>
public sealed record Booth : TestFunction
{
    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "(x + 2*y - 7)^2 + (2*x + y - 5)^2";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-10, 10), new(-10, 10)];

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([1.0, 3.0], 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[0.0, 0.0]];
}
