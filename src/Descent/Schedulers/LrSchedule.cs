using System.Globalization;
using Descent.Optimizers;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Schedulers;

/// <summary>
/// A schedule seen without training: the learning rate (and the cycled momentum, if any) of parameter group 0
/// after each scheduler step, row 0 right after the scheduler was built.
/// </summary>
/// <param name="Scheduler">The scheduler's spec.</param>
/// <param name="Optimizer">The optimizer's spec.</param>
/// <param name="Lrs">The learning rate after k steps, for k = 0 .. steps.</param>
/// <param name="Momenta">The cycled momentum (betas[0] for Adam-like optimizers) after k steps, or null if the schedule cycles none.</param>
public sealed record LrSchedule(string Scheduler, string Optimizer, IReadOnlyList<double> Lrs, IReadOnlyList<double>? Momenta)
{
    /// <summary>
    /// Builds <paramref name="scheduler"/> over an optimizer of <paramref name="optimizer"/>'s kind and hyperparameters
    /// holding one stand-in parameter, and steps it <paramref name="steps"/> times. The optimizer never steps: a
    /// schedule does not depend on the parameters. <c>reduce_lr_on_plateau</c> is shown as if the metric never improved
    /// after the first step, which is the fastest it can reduce.
    /// </summary>
    /// <exception cref="InputException">A step count below 0, or the schedule fails where PyTorch's would (one-cycle past its total steps, ...).</exception>
    public static LrSchedule Preview(SchedulerOptions scheduler, OptimizerOptions optimizer, int steps)
    {
        if (steps < 0) throw new InputException($"steps must be 0 or more, not {steps}");
        Optimizer<double> stand = optimizer.Create<double>([Tensor<double>.FromArray([0.0]).RequireGrad()]);
        Scheduler<double> s = scheduler.Create(stand);
        var lrs = new List<double>(steps + 1) { stand.ParamGroups[0].Lr };
        List<double>? momenta = s.Momenta is { } m ? new(steps + 1) { m[0] } : null;
        for (int k = 0; k < steps; k++)
        {
            s.Step(metric: 0);
            lrs.Add(stand.ParamGroups[0].Lr);
            momenta?.Add(s.Momenta![0]);
        }
        return new LrSchedule(scheduler.ToSpec(), optimizer.ToSpec(), lrs, momenta);
    }

    /// <summary>Writes <c>step,lr</c> (and <c>,momentum</c> when it cycles) CSV, one row per step from 0, numbers in shortest round-trip form.</summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.Write(Momenta is null ? "step,lr\n" : "step,lr,momentum\n");
        for (int k = 0; k < Lrs.Count; k++)
            writer.Write(k.ToString(CultureInfo.InvariantCulture) + "," + SpecFormat.Number(Lrs[k])
                + (Momenta is null ? "" : "," + SpecFormat.Number(Momenta[k])) + "\n");
    }
}
