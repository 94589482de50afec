using System.Numerics;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>
/// The hyperparameters of one optimizer, with PyTorch's names (snake_case in specs) and defaults, its
/// update rule as text, and a factory for the optimizer. Each optimizer has a record derived from this;
/// a parameter group holds one.
/// </summary>
public abstract record OptimizerOptions : SpecOptions
{
    /// <summary>The learning rate.</summary>
    public abstract double Lr { get; init; }

    /// <summary>The update rule as formulas, one step for one parameter p with gradient grad, as <c>descent optimizers NAME</c> shows it.</summary>
    public abstract string UpdateRule { get; }

    /// <summary>The implementation this optimizer matches step for step, e.g. <c>PyTorch 1.13</c>.</summary>
    public virtual string Reference => "PyTorch 1.13";

    /// <summary>The paper that introduced the method (authors, year, title), or null for textbook methods.</summary>
    public virtual string? Paper => null;

    /// <summary>Whether each step needs a closure that re-evaluates the loss and its gradient (as L-BFGS's does).</summary>
    public virtual bool RequiresClosure => false;

    /// <summary>A new optimizer of this kind over <paramref name="parameters"/>, with these hyperparameters.</summary>
    public abstract Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The checks PyTorch makes for Adam and its relatives: lr, eps and weight_decay &gt;= 0, each beta in [0, 1).</summary>
    protected void ValidateAdamFamily(double lr, double eps, (double, double) betas, double weightDecay)
    {
        RequireAtLeast("lr", lr, 0);
        RequireAtLeast("eps", eps, 0);
        RequireUnitInterval("betas[0]", betas.Item1);
        RequireUnitInterval("betas[1]", betas.Item2);
        RequireAtLeast("weight_decay", weightDecay, 0);
    }
}
