namespace Descent.Statistics;

/// <summary>
/// Student's t distribution with ν degrees of freedom: P(T ≤ t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0, where I is the
/// regularized incomplete beta function. Its quantiles give the confidence interval of a mean from a small sample.
/// </summary>
public static class StudentT
{
    /// <summary>P(T ≤ <paramref name="t"/>) for <paramref name="degreesOfFreedom"/> &gt; 0.</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (double.IsNaN(t)) return double.NaN;
        double tail = UpperTail(Math.Abs(t), degreesOfFreedom);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The t with P(T ≤ t) = <paramref name="p"/>, for p in (0, 1) and <paramref name="degreesOfFreedom"/> &gt; 0; e.g. 2.776 for p = 0.975 and 4 degrees of freedom.</summary>
    public static double Quantile(double p, double degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in (0, 1).");
        if (p < 0.5) return -Quantile(1 - p, degreesOfFreedom);
        if (p == 0.5) return 0;
        // Solve on the upper tail, 1 - p, which keeps its precision where p is close to 1.
        double tail = 1 - p, low = 0, high = 1;
        while (UpperTail(high, degreesOfFreedom) > tail) high *= 2;
        for (int i = 0; i < 200 && high - low > 1e-15 * high; i++)
        {
            double mid = 0.5 * (low + high);
            if (UpperTail(mid, degreesOfFreedom) > tail) low = mid;
            else high = mid;
        }
        return 0.5 * (low + high);
    }

    // P(T > t) for t >= 0.
    private static double UpperTail(double t, double nu) => 0.5 * RegularizedIncompleteBeta(nu / 2, 0.5, nu / (nu + t * t));

    /// <summary>I_x(a, b) by its continued fraction (modified Lentz), on the side of x where it converges fast.</summary>
    private static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2) ? front * ContinuedFraction(a, b, x) / a : 1 - front * ContinuedFraction(b, a, 1 - x) / b;
    }

    private static double ContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double h = d;
        for (int m = 1; m <= 500; m++)
        {
            int m2 = 2 * m;
            // The even step, then the odd step, of the fraction's terms.
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + even * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + even / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + odd * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + odd / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            double step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-16) break;
        }
        return h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, nine terms; about 15 significant digits).</summary>
    private static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x); // reflection
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        x -= 1;
        double sum = c[0], t = x + 7.5;
        for (int i = 1; i < c.Length; i++) sum += c[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
