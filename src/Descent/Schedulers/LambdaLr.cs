using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="LambdaLr{T}"/> (lr_lambda has no default and is required).</summary>
public sealed record LambdaLrOptions : SchedulerOptions
{
    /// <summary>The factor on the base learning rate, as a function of epoch in Descent's function language, e.g. <c>0.95^epoch</c>.</summary>
    [Required(ErrorMessage = "lambda_lr(lr_lambda=\"0.95^epoch\")"), Description("factor on base_lr, a function of epoch, e.g. \"0.95^epoch\" (required)")]
    public string LrLambda { get; init; } = "";

    /// <inheritdoc/>
    public override void Validate() => Schedulers.LrLambda.Parse(Name, LrLambda);

    /// <inheritdoc/>
    public override string Formula => """
        lr = base_lr * lr_lambda(epoch)
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new LambdaLr<T>(optimizer, this);
}

/// <summary>Sets the learning rate to the base one times a function of the step, as PyTorch 1.13's <c>LambdaLR</c>: <see cref="LambdaLrOptions.Formula"/>.</summary>
public sealed class LambdaLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly LrLambda _lambda;

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    public LambdaLr(Optimizer<T> optimizer, LambdaLrOptions options) : base(optimizer, options)
    {
        _lambda = LrLambda.Parse(options.Name, options.LrLambda);
        Attach();
    }

    /// <inheritdoc/>
    protected override double[] Lrs()
    {
        double factor = _lambda.At(LastEpoch);
        return [.. BaseLrs.Select(b => b * factor)];
    }
}
