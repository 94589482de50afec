using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="MultiplicativeLr{T}"/> (lr_lambda has no default and is required).</summary>
public sealed record MultiplicativeLrOptions : SchedulerOptions
{
    /// <summary>The factor each step multiplies the learning rate by, as a function of epoch in Descent's function language, e.g. <c>0.95</c>.</summary>
    [Required(ErrorMessage = "multiplicative_lr(lr_lambda=\"0.95\")"), Description("factor of each step, a function of epoch, e.g. \"0.95\" (required)")]
    public string LrLambda { get; init; } = "";

    /// <inheritdoc/>
    public override void Validate() => Schedulers.LrLambda.Parse(Name, LrLambda);

    /// <inheritdoc/>
    public override string Formula => """
        lr = lr * lr_lambda(epoch)       every step after epoch 0
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new MultiplicativeLr<T>(optimizer, this);
}

/// <summary>Multiplies the learning rate by a function of the step at every step, as PyTorch 1.13's <c>MultiplicativeLR</c>: <see cref="MultiplicativeLrOptions.Formula"/>.</summary>
public sealed class MultiplicativeLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly LrLambda _lambda;

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    public MultiplicativeLr(Optimizer<T> optimizer, MultiplicativeLrOptions options) : base(optimizer, options)
    {
        _lambda = LrLambda.Parse(options.Name, options.LrLambda);
        Attach();
    }

    /// <inheritdoc/>
    protected override double[] Lrs() => LastEpoch > 0 ? Scaled(_lambda.At(LastEpoch)) : GroupLrs();
}
