using System.Numerics;

namespace Descent.Optimizers;

/// <summary>
/// The strong Wolfe line search of PyTorch 1.13's L-BFGS (a port of minFunc's, via torch's lswolfe.lua):
/// bracket a step satisfying sufficient decrease (c1 = 1e-4) and the curvature condition (c2 = 0.9),
/// then zoom in with safeguarded cubic interpolation; at most 25 evaluations.
/// </summary>
internal static class StrongWolfe
{
    private const double C1 = 1e-4, C2 = 0.9, ToleranceChange = 1e-9;
    private const int MaxLineSearch = 25;

    /// <param name="evaluate">f and its gradient at the start point plus step * d.</param>
    /// <param name="t">The first step length to try.</param>
    /// <param name="d">The search direction.</param>
    /// <param name="f">f at the start point.</param>
    /// <param name="g">The gradient at the start point.</param>
    /// <param name="gtd">The directional derivative g·d at the start point.</param>
    /// <returns>f and the gradient at the accepted step, the step, and how many evaluations were made.</returns>
    public static (double F, T[] G, double T, int Evaluations) Search<T>(
        Func<double, (double Loss, T[] Gradient)> evaluate, double t, T[] d, double f, T[] g, double gtd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double dNorm = 0;
        foreach (T v in d) dNorm = Math.Max(dNorm, Math.Abs(double.CreateChecked(v)));
        double Gtd(T[] gradient) => double.CreateChecked(Lbfgs<T>.Dot(gradient, d));

        var (fNew, gNew) = evaluate(t);
        int evaluations = 1;
        double gtdNew = Gtd(gNew);
        double tPrev = 0, fPrev = f, gtdPrev = gtd;
        T[] gPrev = g;
        bool done = false;
        int iteration = 0;
        double[] bracket, bracketF, bracketGtd = [];
        T[][] bracketG;

        // Bracketing: grow the step until an interval must contain an acceptable one.
        while (true)
        {
            if (iteration >= MaxLineSearch)
            {
                bracket = [0, t]; bracketF = [f, fNew]; bracketG = [g, gNew];
                break;
            }
            if (fNew > f + C1 * t * gtd || (iteration > 1 && fNew >= fPrev))
            {
                bracket = [tPrev, t]; bracketF = [fPrev, fNew]; bracketG = [gPrev, gNew]; bracketGtd = [gtdPrev, gtdNew];
                break;
            }
            if (Math.Abs(gtdNew) <= -C2 * gtd)
            {
                bracket = [t]; bracketF = [fNew]; bracketG = [gNew];
                done = true;
                break;
            }
            if (gtdNew >= 0)
            {
                bracket = [tPrev, t]; bracketF = [fPrev, fNew]; bracketG = [gPrev, gNew]; bracketGtd = [gtdPrev, gtdNew];
                break;
            }
            double minStep = t + 0.01 * (t - tPrev), maxStep = t * 10, previous = t;
            t = CubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, (minStep, maxStep));
            tPrev = previous; fPrev = fNew; gPrev = gNew; gtdPrev = gtdNew;
            (fNew, gNew) = evaluate(t);
            evaluations++;
            gtdNew = Gtd(gNew);
            iteration++;
        }

        // Zoom: shrink the bracket until a step satisfies both conditions.
        bool insufficientProgress = false;
        int low = 0, high = 1;
        if (bracket.Length == 2 && bracketF[0] > bracketF[1]) (low, high) = (1, 0);
        while (!done && iteration < MaxLineSearch)
        {
            if (Math.Abs(bracket[1] - bracket[0]) * dNorm < ToleranceChange) break;
            t = CubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], null);
            double hi = Math.Max(bracket[0], bracket[1]), lo = Math.Min(bracket[0], bracket[1]);
            double eps = 0.1 * (hi - lo);
            if (Math.Min(hi - t, t - lo) < eps)
            {
                // Too close to an end of the bracket: step 10% of its length away from it.
                if (insufficientProgress || t >= hi || t <= lo)
                {
                    t = Math.Abs(t - hi) < Math.Abs(t - lo) ? hi - eps : lo + eps;
                    insufficientProgress = false;
                }
                else insufficientProgress = true;
            }
            else insufficientProgress = false;

            (fNew, gNew) = evaluate(t);
            evaluations++;
            gtdNew = Gtd(gNew);
            iteration++;

            if (fNew > f + C1 * t * gtd || fNew >= bracketF[low])
            {
                bracket[high] = t; bracketF[high] = fNew; bracketG[high] = gNew; bracketGtd[high] = gtdNew;
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0);
            }
            else
            {
                if (Math.Abs(gtdNew) <= -C2 * gtd) done = true;
                else if (gtdNew * (bracket[high] - bracket[low]) >= 0)
                {
                    bracket[high] = bracket[low]; bracketF[high] = bracketF[low]; bracketG[high] = bracketG[low]; bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t; bracketF[low] = fNew; bracketG[low] = gNew; bracketGtd[low] = gtdNew;
            }
        }
        if (bracket.Length == 1) low = 0;
        return (bracketF[low], bracketG[low], bracket[low], evaluations);
    }

    /// <summary>The minimizer of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to the bounds (default: between x1 and x2).</summary>
    internal static double CubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2, (double Min, double Max)? bounds)
    {
        var (minBound, maxBound) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1));
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0)
        {
            double d2 = Math.Sqrt(d2Square);
            double minPos = x1 <= x2
                ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.Min(Math.Max(minPos, minBound), maxBound);
        }
        return (minBound + maxBound) / 2;
    }
}
