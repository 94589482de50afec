using System.Numerics;
using Descent.Data;
using Descent.Tensors;

namespace Descent.Nn;

/// <summary>
/// Runs a model's layers over batches of rows with buffers allocated once: forward, the loss and its
/// gradient, and backward (reverse-mode, layer by layer) into each parameter's <c>Grad</c>. Training
/// through it allocates nothing per batch. Its results match <see cref="Module{T}.Forward"/> with
/// <see cref="Tensor{T}.Backward"/> (the tests check that).
/// </summary>
public sealed class ModelRunner<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T>[] _layers;
    private readonly int[] _widths; // features entering layer i; the last is the model's output width
    private readonly T[][] _activations, _gradients;
    private readonly T[] _scratch;
    private readonly Standardization? _targetScaling; // set when the targets it is given are standardized
    private readonly T[] _originalPrediction = [], _originalTarget = [], _originalGradient = [];
    private int _rows; // rows of the last Forward, until its Backward

    /// <summary>Prepares to run <paramref name="model"/> on inputs of <paramref name="inputs"/> features, at most <paramref name="maxRows"/> rows at a time.</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">Input features.</param>
    /// <param name="maxRows">The most rows one call handles.</param>
    /// <param name="scaling">
    /// How the targets it will be given were standardized, or null: the model then learns the standardized targets, and
    /// the losses it returns are those of its predictions and the targets put back in their own units.
    /// </param>
    public ModelRunner(Module<T> model, int inputs, int maxRows, Standardization? scaling = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        Model = model;
        MaxRows = maxRows;
        _layers = [.. model.Layers()];
        _widths = new int[_layers.Length + 1];
        _widths[0] = inputs;
        for (int i = 0; i < _layers.Length; i++) _widths[i + 1] = _layers[i].OutputFeatures(_widths[i]);
        _activations = [.. _widths.Select(w => new T[maxRows * w])];
        _gradients = [.. _widths.Select(w => new T[maxRows * w])];
        _scratch = new T[_layers.Select((l, i) => l.ScratchSize(maxRows, _widths[i])).DefaultIfEmpty(0).Max()];
        foreach (Tensor<T> p in model.Parameters) p.Grad ??= Tensor<T>.Zeros([.. p.Shape]);
        if (scaling?.TargetMeans is { } means)
        {
            if (means.Count != Outputs) throw new ArgumentException($"The targets were standardized in {means.Count} columns, but the model has {Outputs} outputs.", nameof(scaling));
            _targetScaling = scaling;
            _originalPrediction = new T[maxRows * Outputs];
            _originalTarget = new T[maxRows * Outputs];
            _originalGradient = new T[maxRows * Outputs];
        }
    }

    /// <summary>The model being run.</summary>
    public Module<T> Model { get; }

    /// <summary>The most rows one call handles.</summary>
    public int MaxRows { get; }

    /// <summary>The model's output features.</summary>
    public int Outputs => _widths[^1];

    /// <summary>The model's output for the rows of <paramref name="features"/> ([rows, inputs], rows &lt;= MaxRows); valid until the next call.</summary>
    public ReadOnlySpan<T> Predict(Tensor<T> features)
    {
        int rows = CheckRows(features);
        return Predict(features.Data, rows);
    }

    private ReadOnlySpan<T> Predict(ReadOnlySpan<T> features, int rows)
    {
        _rows = 0; // a Forward's activations are overwritten: no Backward for it any more
        features[..(rows * _widths[0])].CopyTo(_activations[0]);
        for (int i = 0; i < _layers.Length; i++)
            _layers[i].ForwardRows(_activations[i], _activations[i + 1], rows, _widths[i], _scratch);
        return _activations[^1].AsSpan(0, rows * Outputs);
    }

    /// <summary>
    /// The mean loss of one batch; afterwards every parameter's <c>Grad</c> holds the gradient of
    /// that loss (as zero_grad, forward, backward would leave it), ready for an optimizer step.
    /// With standardized targets the loss returned is in the targets' own units, and the gradient is that of
    /// <see cref="TrainedLoss"/>.
    /// </summary>
    public double TrainBatch(Tensor<T> features, Tensor<T> targets, Loss loss)
    {
        double value = Forward(features, targets, loss);
        Backward();
        return value;
    }

    /// <summary>
    /// The first half of <see cref="TrainBatch"/>: the batch's mean loss (in the targets' own units), leaving the
    /// parameters' <c>Grad</c> as they were, so that a loss that is not finite can be looked at before
    /// <see cref="Backward"/> replaces the last step's gradients.
    /// </summary>
    public double Forward(Tensor<T> features, Tensor<T> targets, Loss loss)
    {
        int rows = CheckRows(features);
        Predict(features);
        _rows = rows;
        double value = TrainedLoss = loss.ValueAndGradient<T>(_activations[^1], targets.Data, _gradients[^1], rows, Outputs);
        if (_targetScaling is not null) value = OriginalUnitsLoss(_activations[^1], targets.Data, rows, loss);
        return value;
    }

    /// <summary>The second half of <see cref="TrainBatch"/>: every parameter's <c>Grad</c> becomes the gradient of the loss of the last <see cref="Forward"/>.</summary>
    public void Backward()
    {
        if (_rows == 0) throw new InvalidOperationException("Backward needs a Forward first.");
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            // The first layer's input gradient is never needed.
            Span<T> dx = i == 0 ? default : _gradients[i];
            _layers[i].BackwardRows(_activations[i], _activations[i + 1], _gradients[i + 1], dx, _rows, _widths[i], _scratch);
        }
        _rows = 0;
    }

    /// <summary>
    /// The loss of the last <see cref="TrainBatch"/> whose gradient the parameters hold: that of the standardized
    /// targets when they are standardized (a line search must compare values of the function it differentiates),
    /// otherwise the value <see cref="TrainBatch"/> returned.
    /// </summary>
    public double TrainedLoss { get; private set; } = double.NaN;

    /// <summary>The mean loss over all of <paramref name="data"/> (every sample weighs the same), without touching gradients.</summary>
    public double Evaluate(Dataset<T> data, Loss loss)
    {
        if (data.Features.Dim(1) != _widths[0])
            throw new ArgumentException($"Expected {_widths[0]} features, not {data.Features.Dim(1)}.", nameof(data));
        double total = 0;
        int n = data.Count;
        for (int start = 0; start < n; start += MaxRows)
        {
            int rows = Math.Min(MaxRows, n - start);
            ReadOnlySpan<T> prediction = Predict(data.Features.Data[(start * _widths[0])..], rows);
            int targets = data.Targets.Dim(1);
            double mean = MeanLoss(prediction, data.Targets.Data.Slice(start * targets, rows * targets), rows, loss);
            total += mean * rows;
        }
        return total / n;
    }

    /// <summary>
    /// The mean of the per-batch mean losses over <paramref name="data"/> cut into batches of
    /// <paramref name="batchSize"/> in order (how the tutorial scores its test set; a smaller last batch
    /// weighs as much as the others).
    /// </summary>
    public double MeanOfBatchLosses(Dataset<T> data, Loss loss, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, MaxRows);
        if (data.Features.Dim(1) != _widths[0])
            throw new ArgumentException($"Expected {_widths[0]} features, not {data.Features.Dim(1)}.", nameof(data));
        double total = 0;
        int batches = 0, targets = data.Targets.Dim(1);
        for (int start = 0; start < data.Count; start += batchSize, batches++)
        {
            int rows = Math.Min(batchSize, data.Count - start);
            ReadOnlySpan<T> prediction = Predict(data.Features.Data[(start * _widths[0])..], rows);
            total += MeanLoss(prediction, data.Targets.Data.Slice(start * targets, rows * targets), rows, loss);
        }
        return total / batches;
    }

    /// <summary>The mean loss of predictions against targets, in the targets' own units.</summary>
    private double MeanLoss(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, int rows, Loss loss) => _targetScaling is null
        ? loss.ValueAndGradient(prediction, target, _gradients[^1], rows, Outputs)
        : OriginalUnitsLoss(prediction, target, rows, loss);

    /// <summary>The loss of standardized predictions and targets put back in the targets' units (its gradient is not used).</summary>
    private double OriginalUnitsLoss(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, int rows, Loss loss)
    {
        int n = rows * Outputs;
        _targetScaling!.UnscaleTargets(prediction[..n], _originalPrediction.AsSpan(0, n), Outputs);
        _targetScaling.UnscaleTargets(target[..n], _originalTarget.AsSpan(0, n), Outputs);
        return loss.ValueAndGradient<T>(_originalPrediction.AsSpan(0, n), _originalTarget.AsSpan(0, n), _originalGradient, rows, Outputs);
    }

    private int CheckRows(Tensor<T> features)
    {
        if (features.Rank != 2 || features.Dim(1) != _widths[0])
            throw new ArgumentException($"Expected features [rows, {_widths[0]}], not {TensorShape.Format(features.Shape)}.");
        if (features.Dim(0) > MaxRows)
            throw new ArgumentException($"{features.Dim(0)} rows is more than the {MaxRows} this runner was prepared for.");
        return features.Dim(0);
    }
}
