namespace Descent.Functions;

/// <summary>
/// The Hölder table function on [-10, 10]^2: -|sin x cos y exp(|1 - sqrt(x^2 + y^2)/pi|)|. Four global minima,
/// f* = -19.2085..., at (±8.0550..., ±9.6646...), near the domain's corners.
/// </summary>
public sealed record HolderTable : TestFunction
{
    /// <inheritdoc/>
    public override string Name => "holder_table";

    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "-abs(sin(x)*cos(y)*exp(abs(1 - sqrt(x^2 + y^2)/pi)))";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-10, 10), new(-10, 10)];

    /// <summary>Found numerically (Newton's method in 40-digit arithmetic), rounded to double.</summary>
    public override IReadOnlyList<Minimum> GlobalMinima
    {
        get
        {
            const double X = 8.055023475736563, Y = 9.664590019241272, F = -19.208502567886732;
            return [new([X, Y], F), new([-X, Y], F), new([X, -Y], F), new([-X, -Y], F)];
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[7.0, 8.0]];
}
