namespace Descent.Training;

/// <summary>When a training run steps its learning-rate scheduler.</summary>
public enum SchedulerInterval
{
    /// <summary>Once per epoch, after it (as most PyTorch scripts do).</summary>
    Epoch,

    /// <summary>Once per batch, after the optimizer's step (as one-cycle and cyclic schedules expect).</summary>
    Step,
}
