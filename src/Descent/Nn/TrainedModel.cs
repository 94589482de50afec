using System.Numerics;
using Descent.Data;
using Descent.IO;
using Descent.Tensors;

namespace Descent.Nn;

/// <summary>
/// A trained model with everything needed to use it: its spec and weights, the loss it was trained with, the columns
/// it reads (categories included) and the targets it predicts, and the standardization its inputs and outputs went
/// through. Saved as safetensors (the weights, named as PyTorch's <c>state_dict</c> of <see cref="PyTorch"/>) beside
/// a JSON spec of the rest (<see cref="Save"/>, <see cref="Load"/>).
/// </summary>
public sealed record TrainedModel
{
    /// <summary>The model's spec, e.g. <c>mlp(hidden=(64, 64), activation=tanh)</c>.</summary>
    public required ModelSpec Model { get; init; }

    /// <summary>The loss it was trained with, which says what its outputs mean (values, logits of classes, ...).</summary>
    public required Loss Loss { get; init; }

    /// <summary>The weights' element type.</summary>
    public required DType DType { get; init; }

    /// <summary>The data columns it reads, in order; categorical ones stand for one input per category.</summary>
    public required IReadOnlyList<FeatureColumn> Features { get; init; }

    /// <summary>The target columns it predicts.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Model outputs: one per target, or one per class for cross_entropy.</summary>
    public required int Outputs { get; init; }

    /// <summary>The weights by PyTorch's <c>state_dict</c> names (<see cref="Module{T}.NamedParameters"/>), in its order; float32 values are exact in double.</summary>
    public required IReadOnlyList<(string Name, Tensor<double> Value)> Weights { get; init; }

    /// <summary>How its inputs (and targets) were standardized in training, or null if they were not.</summary>
    public Standardization? Scaling { get; init; }

    /// <summary>The optimizer that trained it, e.g. <c>adam(lr=0.01)</c>, or null if unknown.</summary>
    public string? Optimizer { get; init; }

    /// <summary>Model inputs: the width of the encoded features.</summary>
    public int Inputs => Features.Sum(f => f.Width);

    /// <summary>The equivalent PyTorch module, e.g. <c>nn.Linear(10, 1)</c>.</summary>
    public string PyTorch => Model.PyTorch(Inputs, Outputs);

    /// <summary>The model as a module of <typeparamref name="T"/> holding these weights.</summary>
    /// <exception cref="InputException">The weights do not fit the spec (a missing or extra name, another shape).</exception>
    public Module<T> Build<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        Module<T> module = Model.Build<T>(Inputs, Outputs, new TorchGenerator(0));
        var expected = module.NamedParameters().ToList();
        var given = Weights.ToDictionary(w => w.Name, w => w.Value, StringComparer.Ordinal);
        foreach (var (name, parameter) in expected)
        {
            if (!given.Remove(name, out Tensor<double>? value))
                throw new InputException($"the weights have no '{name}', which {PyTorch} needs");
            if (!value.Shape.SequenceEqual(parameter.Shape))
                throw new InputException($"'{name}' has shape {TensorShape.Format(value.Shape)}, but {PyTorch} needs {TensorShape.Format(parameter.Shape)}");
            value.To<T>().Data.CopyTo(parameter.Data);
        }
        if (given.Count > 0) throw new InputException($"the weights hold '{given.Keys.First()}', which {PyTorch} does not have");
        return module;
    }

    /// <summary>
    /// What the model predicts for each row of encoded features ([rows, <see cref="Inputs"/>], as
    /// <see cref="CsvDataset.LoadFeatures{T}"/> reads them, not yet standardized): per target, a value in the target's
    /// units, a probability (<c>bce_with_logits</c>) or a class index (<c>cross_entropy</c>).
    /// </summary>
    /// <returns>The predictions, [rows, targets].</returns>
    public Tensor<T> Predict<T>(Tensor<T> features) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Rank != 2 || features.Dim(1) != Inputs)
            throw new ArgumentException($"Expected features [rows, {Inputs}], not {TensorShape.Format(features.Shape)}.", nameof(features));
        Module<T> module = Build<T>();
        int rows = features.Dim(0), chunk = Math.Max(1, Math.Min(rows, 1024));
        var runner = new ModelRunner<T>(module, Inputs, chunk);
        var scaled = features.Clone();
        Scaling?.ScaleFeatures<T>(scaled.Data, Inputs);
        var result = Tensor<T>.Zeros(rows, Targets.Count);
        var outputs = new T[chunk * Outputs];
        for (int start = 0; start < rows; start += chunk)
        {
            int count = Math.Min(chunk, rows - start);
            ReadOnlySpan<T> raw = runner.Predict(scaled.Rows(start, count));
            Span<T> target = result.Data.Slice(start * Targets.Count, count * Targets.Count);
            if (Loss is CrossEntropyLoss)
                for (int r = 0; r < count; r++) target[r] = T.CreateChecked(ArgMax(raw.Slice(r * Outputs, Outputs)));
            else if (Loss is BceWithLogitsLoss)
                for (int i = 0; i < target.Length; i++) target[i] = T.One / (T.One + T.Exp(-raw[i]));
            else if (Scaling is null) raw[..target.Length].CopyTo(target);
            else
            {
                raw[..target.Length].CopyTo(outputs);
                Scaling.UnscaleTargets<T>(outputs.AsSpan(0, target.Length), target, Targets.Count);
            }
        }
        return result;
    }

    /// <summary>
    /// Predicts every row of the CSV file at <paramref name="dataPath"/> (which must hold the columns the model reads,
    /// by name, anywhere; others are ignored) and writes CSV: a header of the target names, then a row of predictions
    /// per data row, in order, numbers in the model's dtype in shortest round-trip form.
    /// </summary>
    /// <returns>The number of rows predicted.</returns>
    /// <exception cref="InputException">The file cannot be read, lacks a column, or holds a value the model cannot take; nothing is written then.</exception>
    public int PredictCsv(string dataPath, TextWriter output, char? delimiter = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return DType == DType.Float64 ? PredictCsv<double>(dataPath, output, delimiter) : PredictCsv<float>(dataPath, output, delimiter);
    }

    private int PredictCsv<T>(string dataPath, TextWriter output, char? delimiter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensor<T> predictions = Predict(CsvDataset.LoadFeatures<T>(dataPath, Features, delimiter));
        var line = new System.Text.StringBuilder();
        output.Write(string.Join(",", Targets.Select(CsvField)) + "\n");
        ReadOnlySpan<T> values = predictions.Data;
        for (int r = 0; r < predictions.Dim(0); r++)
        {
            line.Clear();
            for (int c = 0; c < Targets.Count; c++)
                line.Append(c == 0 ? "" : ",").Append(values[r * Targets.Count + c].ToString(null, System.Globalization.CultureInfo.InvariantCulture));
            output.Write(line.Append('\n'));
        }
        return predictions.Dim(0);
    }

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).</summary>
    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static int ArgMax<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>
    /// Writes the weights to <paramref name="safetensorsPath"/> (in <see cref="DType"/>) and the spec to
    /// <paramref name="specPath"/>, which names the weights file by its name alone, so the two travel together.
    /// </summary>
    public void Save(string safetensorsPath, string specPath)
    {
        ArgumentNullException.ThrowIfNull(safetensorsPath);
        ArgumentNullException.ThrowIfNull(specPath);
        AtomicFile.Write(safetensorsPath, WriteSafetensors);
        AtomicFile.Write(specPath, stream => TrainedModelFormat.Write(this, Path.GetFileName(safetensorsPath), stream));
    }

    /// <summary>The weights as safetensors, in <see cref="DType"/>, with the spec's essentials as metadata strings.</summary>
    public void WriteSafetensors(Stream stream)
    {
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["descent_model"] = Model.ToString(), ["pytorch"] = PyTorch };
        if (DType == DType.Float32) Safetensors.Write(stream, [.. Weights.Select(w => (w.Name, w.Value.To<float>()))], metadata);
        else Safetensors.Write(stream, Weights, metadata);
    }

    /// <summary>
    /// Loads a model saved by <see cref="Save"/>, from its JSON spec or from its safetensors file (the spec is then
    /// the file of the same name ending in .json), and checks that the weights fit the spec.
    /// </summary>
    /// <exception cref="InputException">A file is missing or unreadable, or does not fit the other (another shape or dtype); the message names the file.</exception>
    public static TrainedModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string spec = path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? Path.ChangeExtension(path, ".json") : path;
        var (model, weightsName) = TrainedModelFormat.Read(spec);
        string weightsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(spec))!, weightsName);
        var (tensors, _) = InputFile.Read(weightsPath, stream => Safetensors.Read(stream, weightsPath));
        string dtype = model.DType == DType.Float32 ? "F32" : "F64";
        if (tensors.FirstOrDefault(t => t.DType != dtype) is { } other)
            throw new InputException($"{weightsPath}: '{other.Name}' is {other.DType}, but {spec} says the model is {model.DType.ToString().ToLowerInvariant()} ({dtype})");
        model = model with { Weights = [.. tensors.Select(t => (t.Name, t.Value))] };
        try
        {
            model.Build<double>();
        }
        catch (InputException e)
        {
            throw new InputException($"{weightsPath} does not fit {spec}: {e.Message}");
        }
        return model;
    }
}
