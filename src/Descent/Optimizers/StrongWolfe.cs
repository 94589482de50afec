using System.Numerics;

namespace Descent.Optimizers;

/// <summary>
/// The strong Wolfe line search of PyTorch 1.13's L-BFGS (a port of minFunc's, via torch's lswolfe.lua):
/// bracket a step satisfying sufficient decrease (c1 = 1e-4) and the curvature condition (c2 = 0.9),
/// then zoom in with safeguarded cubic interpolation; at most 25 evaluations.
/// </summary>
/// <remarks>
/// PyTorch runs this in Python, mixing Python floats (double) with 0-dimensional tensors of the
/// parameters' type (directional derivatives, and anything computed from them). <see cref="Num{T}"/>
/// carries that distinction, so float32 runs round where PyTorch's do.
/// </remarks>
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
    public static (double F, T[] G, Num<T> T, int Evaluations) Search<T>(
        Func<Num<T>, (double Loss, T[] Gradient)> evaluate, Num<T> t, T[] d, double f, T[] g, T gtd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T dNormValue = T.Zero;
        foreach (T v in d) dNormValue = T.Max(dNormValue, T.Abs(v));
        Num<T> dNorm = Num<T>.Tensor(dNormValue), gtdStart = Num<T>.Tensor(gtd);
        Num<T> Gtd(T[] gradient) => Num<T>.Tensor(Lbfgs<T>.Dot(gradient, d));
        Num<T> c1 = Num<T>.Python(C1), c2 = Num<T>.Python(C2);
        // The sufficient-decrease bound f + c1 t g·d, computed as PyTorch's expression computes it.
        Num<T> Armijo(Num<T> step) => Num<T>.Python(f) + c1 * step * gtdStart;

        var (fNew, gNew) = evaluate(t);
        int evaluations = 1;
        Num<T> gtdNew = Gtd(gNew);
        Num<T> tPrev = Num<T>.Python(0), gtdPrev = gtdStart;
        double fPrev = f;
        T[] gPrev = g;
        bool done = false;
        int iteration = 0;
        Num<T>[] bracket, bracketGtd = [];
        double[] bracketF;
        T[][] bracketG;

        // Bracketing: grow the step until an interval must contain an acceptable one.
        while (true)
        {
            if (iteration >= MaxLineSearch)
            {
                bracket = [Num<T>.Python(0), t]; bracketF = [f, fNew]; bracketG = [g, gNew];
                break;
            }
            if (Num<T>.Python(fNew) > Armijo(t) || (iteration > 1 && fNew >= fPrev))
            {
                bracket = [tPrev, t]; bracketF = [fPrev, fNew]; bracketG = [gPrev, gNew]; bracketGtd = [gtdPrev, gtdNew];
                break;
            }
            if (Num<T>.Abs(gtdNew) <= -c2 * gtdStart)
            {
                bracket = [t]; bracketF = [fNew]; bracketG = [gNew];
                done = true;
                break;
            }
            if (gtdNew >= Num<T>.Python(0))
            {
                bracket = [tPrev, t]; bracketF = [fPrev, fNew]; bracketG = [gPrev, gNew]; bracketGtd = [gtdPrev, gtdNew];
                break;
            }
            Num<T> minStep = t + Num<T>.Python(0.01) * (t - tPrev), maxStep = t * Num<T>.Python(10), previous = t;
            t = CubicInterpolate(tPrev, Num<T>.Python(fPrev), gtdPrev, t, Num<T>.Python(fNew), gtdNew, (minStep, maxStep));
            tPrev = previous; fPrev = fNew; gPrev = gNew; gtdPrev = gtdNew;
            (fNew, gNew) = evaluate(t);
            evaluations++;
            gtdNew = Gtd(gNew);
            iteration++;
        }

        // Zoom: shrink the bracket until a step satisfies both conditions.
        bool insufficientProgress = false;
        int low = 0, high = 1;
        if (bracket.Length == 2 && !(bracketF[0] <= bracketF[1])) (low, high) = (1, 0);
        while (!done && iteration < MaxLineSearch)
        {
            if (Num<T>.Abs(bracket[1] - bracket[0]) * dNorm < Num<T>.Python(ToleranceChange)) break;
            t = CubicInterpolate(bracket[0], Num<T>.Python(bracketF[0]), bracketGtd[0], bracket[1], Num<T>.Python(bracketF[1]), bracketGtd[1], null);
            Num<T> hi = Num<T>.Max(bracket[0], bracket[1]), lo = Num<T>.Min(bracket[0], bracket[1]);
            Num<T> eps = Num<T>.Python(0.1) * (hi - lo);
            if (Num<T>.Min(hi - t, t - lo) < eps)
            {
                // Too close to an end of the bracket: step 10% of its length away from it.
                if (insufficientProgress || t >= hi || t <= lo)
                {
                    t = Num<T>.Abs(t - hi) < Num<T>.Abs(t - lo) ? hi - eps : lo + eps;
                    insufficientProgress = false;
                }
                else insufficientProgress = true;
            }
            else insufficientProgress = false;

            (fNew, gNew) = evaluate(t);
            evaluations++;
            gtdNew = Gtd(gNew);
            iteration++;

            if (Num<T>.Python(fNew) > Armijo(t) || fNew >= bracketF[low])
            {
                bracket[high] = t; bracketF[high] = fNew; bracketG[high] = gNew; bracketGtd[high] = gtdNew;
                (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0);
            }
            else
            {
                if (Num<T>.Abs(gtdNew) <= -c2 * gtdStart) done = true;
                else if (gtdNew * (bracket[high] - bracket[low]) >= Num<T>.Python(0))
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
    internal static Num<T> CubicInterpolate<T>(Num<T> x1, Num<T> f1, Num<T> g1, Num<T> x2, Num<T> f2, Num<T> g2, (Num<T> Min, Num<T> Max)? bounds)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (minBound, maxBound) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1));
        Num<T> three = Num<T>.Python(3), two = Num<T>.Python(2);
        Num<T> d1 = g1 + g2 - three * (f1 - f2) / (x1 - x2);
        Num<T> d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= Num<T>.Python(0))
        {
            Num<T> d2 = Num<T>.Sqrt(d2Square);
            Num<T> minPos = x1 <= x2
                ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + two * d2))
                : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + two * d2));
            return Num<T>.Min(Num<T>.Max(minPos, minBound), maxBound);
        }
        return (minBound + maxBound) / two;
    }
}
