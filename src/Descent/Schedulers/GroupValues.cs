using System.Runtime.CompilerServices;

namespace Descent.Schedulers;

/// <summary>
/// The values PyTorch's schedulers keep in an optimizer's <c>param_groups</c> dictionaries beside the
/// hyperparameters (<c>initial_lr</c>; one-cycle's <c>max_lr</c>, <c>min_lr</c>, <c>max_momentum</c>,
/// <c>base_momentum</c>). Every scheduler of one optimizer sees the same values, as in PyTorch: the first
/// scheduler built sets <c>initial_lr</c> and later ones (the parts of a <c>sequential_lr</c>) start from it,
/// unless one-cycle overwrites it.
/// </summary>
internal static class GroupValues
{
    // Keyed by the parameter group itself, so the values live as long as the optimizer does.
    private static readonly ConditionalWeakTable<object, Dictionary<string, double>> s_values = new();

    /// <summary>The values of <paramref name="group"/> (a ParameterGroup), by PyTorch's key.</summary>
    public static Dictionary<string, double> Of(object group) => s_values.GetOrCreateValue(group);
}
