using System.Numerics;
using Descent.Tensors;

namespace Descent.Data;

/// <summary>
/// A z-score, (x - mean) / scale per column, with the mean and the standard deviation (population, ddof = 0, as
/// scikit-learn's <c>StandardScaler</c>) of the training split only, so that nothing of the test set leaks into
/// training. A column of one value keeps scale 1. Computed and applied in double, then rounded to the data's type.
/// </summary>
public sealed record Standardization
{
    /// <summary>Each feature's training mean, or null when features are used as they are.</summary>
    public IReadOnlyList<double>? FeatureMeans { get; init; }

    /// <summary>Each feature's scale (its training standard deviation, or 1 for a constant), or null when features are used as they are.</summary>
    public IReadOnlyList<double>? FeatureScales { get; init; }

    /// <summary>Each target's training mean, or null when targets are used as they are.</summary>
    public IReadOnlyList<double>? TargetMeans { get; init; }

    /// <summary>Each target's scale, or null when targets are used as they are.</summary>
    public IReadOnlyList<double>? TargetScales { get; init; }

    /// <summary>The standardization <paramref name="what"/> asks for, fitted on <paramref name="train"/>; null for <see cref="Standardize.None"/>.</summary>
    public static Standardization? Fit<T>(Dataset<T> train, Standardize what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(train);
        if (what == Standardize.None) return null;
        var (featureMeans, featureScales) = Moments(train.Features);
        var (targetMeans, targetScales) = what == Standardize.All ? Moments(train.Targets) : (null, null);
        return new Standardization { FeatureMeans = featureMeans, FeatureScales = featureScales, TargetMeans = targetMeans, TargetScales = targetScales };
    }

    /// <summary>A copy of <paramref name="data"/> with its features (and targets, if they are standardized) z-scored.</summary>
    /// <exception cref="ArgumentException">The data has other numbers of columns than this was fitted on.</exception>
    public Dataset<T> Apply<T>(Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        Tensor<T> features = data.Features.Clone(), targets = data.Targets.Clone();
        ScaleFeatures<T>(features.Data, features.Dim(1));
        if (TargetMeans is not null) Scale<T>(targets.Data, targets.Dim(1), TargetMeans, TargetScales!);
        return new Dataset<T>(features, targets, data.FeatureNames, data.TargetNames) { Columns = data.Columns };
    }

    /// <summary>Z-scores rows of <paramref name="width"/> features in place (nothing if features are used as they are).</summary>
    public void ScaleFeatures<T>(Span<T> rows, int width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (FeatureMeans is not null) Scale(rows, width, FeatureMeans, FeatureScales!);
    }

    /// <summary>Standardized targets (or predictions of them) back in the targets' units: value * scale + mean, column by column.</summary>
    public void UnscaleTargets<T>(ReadOnlySpan<T> scaled, Span<T> original, int width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (TargetMeans is null)
        {
            scaled.CopyTo(original);
            return;
        }
        Check(width, TargetMeans);
        for (int i = 0; i < scaled.Length; i++)
        {
            int c = i % width;
            original[i] = T.CreateChecked(double.CreateChecked(scaled[i]) * TargetScales![c] + TargetMeans[c]);
        }
    }

    /// <summary>
    /// The features whose typical sizes (root mean square) are largest and smallest in <paramref name="data"/>, or null
    /// with fewer than two features of nonzero size. Plain gradient descent suits such data poorly when the ratio is
    /// large (say above <see cref="LargeSpread"/>): one learning rate cannot suit both.
    /// </summary>
    public static ScaleSpread? Spread<T>(Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        var sizes = Sizes(data.Features).Select((rms, c) => (Name: data.FeatureNames[c], Rms: rms)).Where(p => p.Rms > 0).ToArray();
        if (sizes.Length < 2) return null;
        var largest = sizes.MaxBy(p => p.Rms);
        var smallest = sizes.MinBy(p => p.Rms);
        return new ScaleSpread(largest.Name, largest.Rms, smallest.Name, smallest.Rms);
    }

    /// <summary>The typical size of each column of <paramref name="values"/> ([rows, columns]): its root mean square (NaN with no rows).</summary>
    public static double[] Sizes<T>(Tensor<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Dim(0), width = values.Dim(1);
        var squares = new double[width];
        ReadOnlySpan<T> x = values.Data;
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateChecked(x[i]);
            squares[i % width] += v * v;
        }
        return [.. squares.Select(s => Math.Sqrt(s / n))];
    }

    /// <summary>The ratio of feature sizes above which <see cref="Spread"/>'s data is worth standardizing.</summary>
    public const double LargeSpread = 100;

    private static (double[] Means, double[] Scales) Moments<T>(Tensor<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = values.Dim(0), width = values.Dim(1);
        var means = new double[width];
        var scales = new double[width];
        ReadOnlySpan<T> x = values.Data;
        for (int i = 0; i < x.Length; i++) means[i % width] += double.CreateChecked(x[i]);
        for (int c = 0; c < width; c++) means[c] /= Math.Max(n, 1);
        for (int i = 0; i < x.Length; i++)
        {
            double d = double.CreateChecked(x[i]) - means[i % width];
            scales[i % width] += d * d;
        }
        for (int c = 0; c < width; c++)
        {
            double std = Math.Sqrt(scales[c] / Math.Max(n, 1));
            scales[c] = std > 0 && double.IsFinite(std) ? std : 1;
        }
        return (means, scales);
    }

    private static void Scale<T>(Span<T> rows, int width, IReadOnlyList<double> means, IReadOnlyList<double> scales)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(width, means);
        for (int i = 0; i < rows.Length; i++)
        {
            int c = i % width;
            rows[i] = T.CreateChecked((double.CreateChecked(rows[i]) - means[c]) / scales[c]);
        }
    }

    private static void Check(int width, IReadOnlyList<double> means)
    {
        if (width != means.Count) throw new ArgumentException($"Fitted on {means.Count} columns, given {width}.");
    }
}
