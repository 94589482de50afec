namespace Descent.Functions;

/// <summary>The closed interval [<paramref name="Low"/>, <paramref name="High"/>]: one variable's usual domain.</summary>
/// <param name="Low">The lower end.</param>
/// <param name="High">The upper end.</param>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>Whether <paramref name="x"/> lies in the interval, ends included.</summary>
    public bool Contains(double x) => x >= Low && x <= High;
}
