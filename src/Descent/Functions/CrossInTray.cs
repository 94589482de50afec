namespace Descent.Functions;

/// <summary>
/// The cross-in-tray function on [-10, 10]^2: -0.0001 (|sin x sin y exp(|100 - sqrt(x^2 + y^2)/pi|)| + 1)^0.1.
/// Four global minima, f* = -2.0626..., at (±1.3494..., ±1.3494...).
/// </summary>
public sealed record CrossInTray : TestFunction
{
    /// <inheritdoc/>
    public override string Name => "cross_in_tray";

    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "-0.0001*(abs(sin(x)*sin(y)*exp(abs(100 - sqrt(x^2 + y^2)/pi))) + 1)^0.1";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-10, 10), new(-10, 10)];

    /// <summary>Found numerically (Newton's method in 40-digit arithmetic), rounded to double; references round them to ±1.3491, 3e-4 off.</summary>
    public override IReadOnlyList<Minimum> GlobalMinima
    {
        get
        {
            const double A = 1.3494066171539107, F = -2.062611870822737;
            return [new([A, A], F), new([-A, A], F), new([A, -A], F), new([-A, -A], F)];
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[0.5, 1.0]];
}
