using Descent.IO;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>
/// A training comparison stopped between two epochs, with everything needed to continue it bit for bit (a
/// checkpoint): the optimizers already finished, the one in progress with its losses so far, its model's weights, its
/// optimizer's and scheduler's state, and early stopping's best weights. The data loader needs no state: each epoch's
/// order depends only on the seed and the epoch. Saved as one JSON file, numbers in shortest round-trip form.
/// </summary>
public sealed record TrainingState
{
    /// <summary>The name of the file in a checkpoint directory.</summary>
    public const string FileName = "checkpoint.json";

    /// <summary>
    /// The run it belongs to, setting by setting (data and its SHA-256, model, loss, optimizers, seed, epochs, ...): a
    /// run resumes only from a checkpoint of the same definition.
    /// </summary>
    public IReadOnlyDictionary<string, string> Run { get; init; } = new Dictionary<string, string>();

    /// <summary>The optimizers already finished, in order.</summary>
    public required IReadOnlyList<OptimizerResult> Completed { get; init; }

    /// <summary>The optimizer in progress: its spec and its losses up to the last epoch completed.</summary>
    public required OptimizerResult Current { get; init; }

    /// <summary>The model's parameters now, in order (float32 values are exact in double).</summary>
    public required IReadOnlyList<Tensor<double>> Weights { get; init; }

    /// <summary>The optimizer's state as <see cref="Optimizers.Optimizer{T}.SaveState"/> writes it.</summary>
    public required string OptimizerState { get; init; }

    /// <summary>The scheduler's state as <see cref="Schedulers.Scheduler{T}.SaveState"/> writes it, or null without a scheduler.</summary>
    public string? SchedulerState { get; init; }

    /// <summary>With early stopping: the lowest test loss so far.</summary>
    public double BestLoss { get; init; } = double.PositiveInfinity;

    /// <summary>With early stopping: the epoch of <see cref="BestLoss"/> (0 for none yet).</summary>
    public int BestEpoch { get; init; }

    /// <summary>With early stopping: the weights of <see cref="BestEpoch"/>; null without early stopping.</summary>
    public IReadOnlyList<Tensor<double>>? BestWeights { get; init; }

    /// <summary>Writes the checkpoint into <paramref name="directory"/> as a whole (the previous one stays until the new one is complete).</summary>
    /// <exception cref="InputException">The directory holds files Descent did not write.</exception>
    public void Save(string directory) =>
        OutputDirectory.WriteSet(directory, "checkpoint", output => AtomicFile.Write(output.File(FileName), stream => TrainingStateFormat.Write(this, stream)));

    /// <summary>Reads the checkpoint <see cref="Save"/> wrote into <paramref name="directory"/>.</summary>
    /// <exception cref="InputException">There is no checkpoint there, or it is not one this Descent can read.</exception>
    public static TrainingState Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new InputException(Directory.Exists(directory) ? $"'{directory}' holds no {FileName}: it is not a checkpoint of descent train" : $"'{directory}' does not exist");
        return InputFile.Read(path, stream => TrainingStateFormat.Read(stream, path));
    }

    /// <summary>The first setting in which <paramref name="run"/> differs from <see cref="Run"/>, as "name is A there and B here"; null if none.</summary>
    public string? Difference(IReadOnlyDictionary<string, string> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (string key in Run.Keys.Union(run.Keys))
        {
            string there = Run.GetValueOrDefault(key, "(not set)"), here = run.GetValueOrDefault(key, "(not set)");
            if (there != here) return $"{key} is {there} there and {here} here";
        }
        return null;
    }
}
