namespace Descent.Functions;

/// <summary>
/// The eggholder function on [-512, 512]^2: -(y + 47) sin(sqrt(|x/2 + y + 47|)) - x sin(sqrt(|x - (y + 47)|)).
/// Deep, irregular local minima; the global one, f* = -959.6407..., lies on the domain's edge at x = 512.
/// </summary>
public sealed record Eggholder : TestFunction
{
    /// <inheritdoc/>
    public override int Dimension => 2;

    /// <inheritdoc/>
    public override string Formula => "-(y + 47)*sin(sqrt(abs(x/2 + y + 47))) - x*sin(sqrt(abs(x - (y + 47))))";

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => [new(-512, 512), new(-512, 512)];

    /// <summary>x = 512 on the edge, y from Newton's method on df/dy in 40-digit arithmetic, rounded to double.</summary>
    public override IReadOnlyList<Minimum> GlobalMinima => [new([512.0, 404.2318051137578], -959.6406627208509)];

    /// <inheritdoc/>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[400.0, 300.0]];

    /// <inheritdoc/>
    public override string Note => "The minimum is on the domain's edge (the gradient there is not zero: f keeps falling as x grows past 512).";
}
