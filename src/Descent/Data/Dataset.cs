using System.Numerics;
using Descent.Tensors;

namespace Descent.Data;

/// <summary>
/// Samples as rows: a feature matrix [n, features] and a target matrix [n, targets], with column names.
/// PyTorch's <c>TensorDataset</c> with names.
/// </summary>
public sealed class Dataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a dataset; both tensors must be matrices with the same number of rows.</summary>
    public Dataset(Tensor<T> features, Tensor<T> targets, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(targetNames);
        if (features.Rank != 2 || targets.Rank != 2)
            throw new ArgumentException($"Features and targets must be matrices, not shapes {TensorShape.Format(features.Shape)} and {TensorShape.Format(targets.Shape)}.");
        if (features.Dim(0) != targets.Dim(0))
            throw new ArgumentException($"{features.Dim(0)} feature rows but {targets.Dim(0)} target rows.");
        if (featureNames.Count != features.Dim(1) || targetNames.Count != targets.Dim(1))
            throw new ArgumentException("One name per feature and per target column is needed.");
        Features = features;
        Targets = targets;
        FeatureNames = featureNames;
        TargetNames = targetNames;
    }

    /// <summary>The inputs, one row per sample.</summary>
    public Tensor<T> Features { get; }

    /// <summary>The values to predict, one row per sample.</summary>
    public Tensor<T> Targets { get; }

    /// <summary>The name of each feature column.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The name of each target column.</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>
    /// The columns of the source data the features were made from, in feature order: by default one numeric column per
    /// feature; a categorical column stands for as many features as it has categories.
    /// </summary>
    /// <exception cref="ArgumentException">The columns do not make up the features.</exception>
    public IReadOnlyList<FeatureColumn> Columns
    {
        get => _columns ?? [.. FeatureNames.Select(n => new FeatureColumn(n))];
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!value.SelectMany(c => c.FeatureNames).SequenceEqual(FeatureNames))
                throw new ArgumentException("The columns must make up the features, in order.", nameof(value));
            _columns = value;
        }
    }

    private readonly IReadOnlyList<FeatureColumn>? _columns;

    /// <summary>The number of samples.</summary>
    public int Count => Features.Dim(0);

    /// <summary>The samples at <paramref name="indices"/>, in that order, as a new dataset (copies).</summary>
    public Dataset<T> Subset(ReadOnlySpan<int> indices)
    {
        int f = Features.Dim(1), t = Targets.Dim(1);
        var features = Tensor<T>.Zeros(indices.Length, f);
        var targets = Tensor<T>.Zeros(indices.Length, t);
        ReadOnlySpan<T> fx = Features.Data, tx = Targets.Data;
        Span<T> fd = features.Data, td = targets.Data;
        for (int i = 0; i < indices.Length; i++)
        {
            int row = indices[i];
            if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), $"Sample {row} is outside 0..{Count - 1}.");
            fx.Slice(row * f, f).CopyTo(fd.Slice(i * f, f));
            tx.Slice(row * t, t).CopyTo(td.Slice(i * t, t));
        }
        return new Dataset<T>(features, targets, FeatureNames, TargetNames) { Columns = Columns };
    }

    /// <summary>The same samples in another element type.</summary>
    public Dataset<TOther> To<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther> =>
        new(Features.To<TOther>(), Targets.To<TOther>(), FeatureNames, TargetNames) { Columns = Columns };
}
