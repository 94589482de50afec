using Descent.Expressions;
using Descent.Specs;

namespace Descent.Functions;

/// <summary>
/// A standard test function for optimizers, as a spec names it (<c>rosenbrock</c>, <c>rastrigin(n=10)</c>):
/// its formula in the function language, its usual domain, every one of its global minima, and start points.
/// An n-dimensional function takes its number of variables as the hyperparameter <c>n</c> (default 2) and
/// names its variables x1 ... xn; a fixed one names them x (one variable) or x, y (two).
/// </summary>
public abstract record TestFunction : SpecOptions
{
    /// <summary>The largest <c>n</c> an n-dimensional function takes.</summary>
    public const int MaxDimension = 1000;

    /// <summary>The number of variables.</summary>
    public abstract int Dimension { get; }

    /// <summary>The variable names, in parameter order.</summary>
    public virtual IReadOnlyList<string> Variables => Dimension == 1 ? ["x"] : ["x", "y"];

    /// <summary>The function as text of the function language, e.g. <c>(1 - x1)^2 + 100*(x2 - x1^2)^2</c>.</summary>
    public abstract string Formula { get; }

    /// <summary>The usual domain, one interval per variable; the global minima are the minima over it.</summary>
    public abstract IReadOnlyList<Interval> Domain { get; }

    /// <summary>Every global minimum over the domain (they share one value).</summary>
    public abstract IReadOnlyList<Minimum> GlobalMinima { get; }

    /// <summary>
    /// Start points, the default first: the literature's where it has one (Rosenbrock's and Beale's from Moré,
    /// Garbow and Hillstrom 1981, the tutorial's two), otherwise a point of the domain away from the minima.
    /// </summary>
    public abstract IReadOnlyList<IReadOnlyList<double>> Starts { get; }

    /// <summary>Whether f is twice differentiable at its global minima (Ackley's and Bukin's are kinks).</summary>
    public virtual bool SmoothAtMinima => true;

    /// <summary>What to know before using it (a minimum on the domain's edge, a constant written more precisely than usual), or null.</summary>
    public virtual string? Note => null;

    /// <summary>The global minimum value f*.</summary>
    public double MinimumValue => GlobalMinima[0].Value;

    /// <summary>The default start point.</summary>
    public IReadOnlyList<double> Start => Starts[0];

    /// <summary>The formula parsed, ready to evaluate or minimize.</summary>
    public Expression ToExpression() => Expression.Parse(Formula);

    /// <summary><paramref name="value"/> - f*: how far a value of f lies above the global minimum value (below it only outside the domain).</summary>
    public double Gap(double value) => value - MinimumValue;

    /// <summary>The global minimum nearest to <paramref name="point"/> and the Euclidean distance to it.</summary>
    public (Minimum Minimum, double Distance) Nearest(IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        Minimum best = GlobalMinima[0];
        double bestDistance = double.PositiveInfinity;
        foreach (Minimum m in GlobalMinima)
        {
            double sum = 0;
            for (int i = 0; i < point.Count; i++) sum += (point[i] - m.Point[i]) * (point[i] - m.Point[i]);
            if (sum < bestDistance) (best, bestDistance) = (m, sum);
        }
        return (best, Math.Sqrt(bestDistance));
    }

    /// <summary>Whether <paramref name="point"/> lies in the domain.</summary>
    public bool InDomain(IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        IReadOnlyList<Interval> domain = Domain;
        for (int i = 0; i < point.Count; i++)
            if (!domain[i].Contains(point[i])) return false;
        return true;
    }

    /// <summary>The spec with every hyperparameter, e.g. <c>rastrigin(n=2)</c>, or the bare name of a fixed function.</summary>
    public sealed override string ToString() => ToSpec(full: true);

    /// <summary>Requires 1 &lt;= <paramref name="n"/> (or <paramref name="min"/>) &lt;= <see cref="MaxDimension"/>.</summary>
    protected void RequireDimension(int n, int min = 1) =>
        Require(n >= min && n <= MaxDimension, "n", n, $"it must be a whole number from {min} to {MaxDimension}");

    /// <summary>x1 ... xn.</summary>
    protected static IReadOnlyList<string> Numbered(int n) => [.. Enumerable.Range(1, n).Select(i => $"x{i}")];

    /// <summary>The same interval for each of <paramref name="n"/> variables.</summary>
    protected static IReadOnlyList<Interval> Box(int n, double low, double high) => [.. Enumerable.Repeat(new Interval(low, high), n)];

    /// <summary>A point with every coordinate <paramref name="value"/>.</summary>
    protected static double[] Repeat(int n, double value) => [.. Enumerable.Repeat(value, n)];

    /// <summary>The terms for i = <paramref name="from"/> ... <paramref name="to"/>, joined with <paramref name="separator"/>.</summary>
    protected static string Join(int from, int to, Func<int, string> term, string separator = " + ") =>
        string.Join(separator, Enumerable.Range(from, to - from + 1).Select(term));

    /// <summary>A number as the formulas write it (shortest round-trip form).</summary>
    protected static string Number(double value) => SpecFormat.Number(value);
}
