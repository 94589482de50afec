using System.Reflection;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>
/// The hyperparameter a schedule cycles inversely to the learning rate: the optimizer's <c>momentum</c>
/// (SGD, RMSprop), or the first of its <c>betas</c> (Adam and its relatives), as PyTorch's
/// <c>cyclic_lr</c> and <c>one_cycle_lr</c> find it in <c>optimizer.defaults</c>.
/// </summary>
internal sealed class MomentumSetting
{
    private readonly PropertyInfo _property;

    private MomentumSetting(PropertyInfo property) => _property = property;

    /// <summary>Whether this is <c>betas[0]</c> rather than <c>momentum</c>.</summary>
    public bool IsBeta1 => _property.PropertyType == typeof((double, double));

    /// <summary>The hyperparameter's name, as PyTorch's error messages call it.</summary>
    public string Key => IsBeta1 ? "betas[0]" : "momentum";

    /// <summary>
    /// The setting of <paramref name="options"/>' optimizer: its betas when <paramref name="betas"/> allows them
    /// and it has them (one-cycle prefers them, as PyTorch does), else its momentum; null if it has neither.
    /// </summary>
    public static MomentumSetting? Of(OptimizerOptions options, bool betas)
    {
        PropertyInfo[] properties = SpecPropertiesOf(options);
        PropertyInfo? beta = betas ? properties.FirstOrDefault(p => p.Name == "Betas" && p.PropertyType == typeof((double, double))) : null;
        PropertyInfo? momentum = properties.FirstOrDefault(p => p.Name == "Momentum" && p.PropertyType == typeof(double));
        return beta is not null ? new MomentumSetting(beta) : momentum is not null ? new MomentumSetting(momentum) : null;
    }

    /// <summary>The current value in <paramref name="options"/>.</summary>
    public double Get(OptimizerOptions options) =>
        _property.GetValue(options) switch
        {
            (double beta1, double) => beta1,
            double momentum => momentum,
            var other => throw new InvalidOperationException($"{_property.Name} is {other}"),
        };

    /// <summary>A copy of <paramref name="options"/> with the value set (betas keep their second entry).</summary>
    public OptimizerOptions With(OptimizerOptions options, double value)
    {
        // A record's copy through its virtual clone, then the one property set, as the spec binder sets them.
        OptimizerOptions copy = options with { };
        object boxed = IsBeta1 ? (value, (((double, double))_property.GetValue(options)!).Item2) : value;
        _property.SetValue(copy, boxed);
        return copy;
    }

    private static PropertyInfo[] SpecPropertiesOf(OptimizerOptions options) =>
        options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
}
