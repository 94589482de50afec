namespace Descent.Statistics;

/// <summary>
/// The mean of a small sample with its standard deviation and its 95% confidence interval by Student's t
/// (mean ± t(0.975, n − 1) · sd / √n), as reported for a result over several seeds.
/// </summary>
/// <param name="Count">The sample size n.</param>
/// <param name="Mean">The sample mean (NaN for an empty sample).</param>
/// <param name="StandardDeviation">The sample standard deviation, with n − 1 in the denominator (NaN for n &lt; 2).</param>
/// <param name="Low">The lower end of the 95% interval (NaN for n &lt; 2: one value gives no interval).</param>
/// <param name="High">The upper end of the 95% interval (NaN for n &lt; 2).</param>
public readonly record struct Estimate(int Count, double Mean, double StandardDeviation, double Low, double High)
{
    /// <summary>How the interval is computed, for reports.</summary>
    public const string Method = "95% Student t interval of the mean (t with n - 1 degrees of freedom)";

    /// <summary>Whether there is an interval (at least two values).</summary>
    public bool HasInterval => Count >= 2 && !double.IsNaN(Low);

    /// <summary>The estimate of <paramref name="values"/>; a sample holding a non-finite value has a non-finite mean.</summary>
    public static Estimate Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        if (n == 0) return new Estimate(0, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= n;
        if (n == 1) return new Estimate(1, mean, double.NaN, double.NaN, double.NaN);
        double squares = 0;
        foreach (double v in values) squares += (v - mean) * (v - mean);
        double sd = Math.Sqrt(squares / (n - 1));
        double half = StudentT.Quantile(0.975, n - 1) * sd / Math.Sqrt(n);
        return new Estimate(n, mean, sd, mean - half, mean + half);
    }
}
