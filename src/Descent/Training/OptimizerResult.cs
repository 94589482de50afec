namespace Descent.Training;

/// <summary>What one optimizer achieved in a training comparison: its loss curves and final losses.</summary>
public sealed class OptimizerResult(string spec)
{
    /// <summary>The optimizer's spec, e.g. <c>adam(lr=0.01)</c>.</summary>
    public string Spec { get; } = spec;

    /// <summary>Per completed epoch, the mean of its batch losses (what the tutorial records).</summary>
    public List<double> TrainLosses { get; } = [];

    /// <summary>
    /// Per completed epoch, the test loss as the tutorial records it: the mean of the losses of the test
    /// batches (of the training batch size) after that epoch. Empty without a test set.
    /// </summary>
    public List<double> TestLosses { get; } = [];

    /// <summary>Per completed epoch, the learning rate of the optimizer's group 0 when the epoch started (what a scheduler set).</summary>
    public List<double> Lrs { get; } = [];

    /// <summary>The loss over the whole training set after training.</summary>
    public double FinalFullTrainLoss { get; internal set; } = double.NaN;

    /// <summary>The loss over the whole test set after training, or null without a test set.</summary>
    public double? FinalTestLoss { get; internal set; }

    /// <summary>
    /// The trained model's weights (in eval mode, the point schedule-free optimizers are evaluated at), by PyTorch's
    /// <c>state_dict</c> names (<see cref="Nn.Module{T}.NamedParameters"/>), as doubles (exact for float32).
    /// </summary>
    public IReadOnlyList<(string Name, Tensors.Tensor<double> Value)> Weights { get; internal set; } = [];

    /// <summary>With early stopping, the 1-based epoch whose weights the model kept (its lowest test loss); null without.</summary>
    public int? KeptEpoch { get; internal set; }

    /// <summary>Whether early stopping ended the run before its last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>Why training stopped early (the loss stopped being finite), or null if it ran every epoch.</summary>
    public string? Stopped { get; internal set; }

    /// <summary>Where the run diverged (the step, the parameter to blame, the gradient's norm), or null if it did not.</summary>
    public Divergence? Divergence { get; internal set; }

    /// <summary>The last completed epoch's mean batch loss (NaN if none completed).</summary>
    public double FinalTrainLoss => TrainLosses.Count > 0 ? TrainLosses[^1] : double.NaN;

    /// <summary>The 1-based epoch with the lowest test loss (the lowest training loss without a test set); 0 if none completed.</summary>
    public int BestEpoch
    {
        get
        {
            List<double> losses = TestLosses.Count > 0 ? TestLosses : TrainLosses;
            int best = 0;
            for (int e = 1; e < losses.Count; e++) if (losses[e] < losses[best]) best = e;
            return losses.Count == 0 ? 0 : best + 1;
        }
    }

    /// <summary>A copy whose lists no longer grow with this one's.</summary>
    internal OptimizerResult Snapshot()
    {
        var copy = new OptimizerResult(Spec)
        {
            FinalFullTrainLoss = FinalFullTrainLoss,
            FinalTestLoss = FinalTestLoss,
            Stopped = Stopped,
            Divergence = Divergence,
            Weights = Weights,
            KeptEpoch = KeptEpoch,
            StoppedEarly = StoppedEarly,
        };
        copy.TrainLosses.AddRange(TrainLosses);
        copy.TestLosses.AddRange(TestLosses);
        copy.Lrs.AddRange(Lrs);
        return copy;
    }
}
