using System.Numerics;
using Descent.Expressions;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>One optimizer as the catalog lists it: its spec name, a one-line summary, its update rule, and its defaults.</summary>
public sealed record OptimizerInfo(string Name, string Summary, string UpdateRule, OptimizerOptions Defaults);

/// <summary>Every optimizer Descent has, by spec name; builds optimizers from specs such as <c>adam(lr=0.01)</c>.</summary>
public static class OptimizerCatalog
{
    /// <summary>All optimizers, in the order they are listed.</summary>
    public static IReadOnlyList<OptimizerInfo> All { get; } =
    [
        new("sgd", "Stochastic gradient descent, optionally with momentum, Nesterov momentum and weight decay.",
            """
            g = grad (negated if maximize) + weight_decay * p
            b = g on the first step, else momentum * b + (1 - dampening) * g     (if momentum > 0)
            g = g + momentum * b if nesterov, else b                             (if momentum > 0)
            p = p - lr * g
            """,
            new SgdOptions()),
        new("momentum", "SGD with momentum 0.9: the tutorial's \"Momentum\"; shorthand for sgd(momentum=0.9, ...).",
            """
            b = g on the first step, else 0.9 * b + g
            p = p - lr * b
            """,
            new SgdOptions { Momentum = 0.9 }),
    ];

    /// <summary>The optimizer called <paramref name="name"/>, or an error naming the closest known one.</summary>
    public static OptimizerInfo Find(string name) =>
        All.FirstOrDefault(o => o.Name == name.ToLowerInvariant())
        ?? throw new HyperparameterException(
            $"unknown optimizer '{name}'" +
            (Spelling.Closest(name, All.Select(o => o.Name)) is { } close ? $"; did you mean '{close}'?" : "") +
            $" (known: {string.Join(", ", All.Select(o => o.Name))})");

    /// <summary>The validated options a spec such as <c>sgd(lr=0.1, momentum=0.9)</c> describes.</summary>
    /// <exception cref="ParseException">The text is not a spec.</exception>
    /// <exception cref="HyperparameterException">An unknown optimizer or hyperparameter, a value of the wrong type or out of range.</exception>
    public static OptimizerOptions Parse(string spec) => Bind(Spec.Parse(spec));

    /// <summary>The validated options a parsed spec describes.</summary>
    public static OptimizerOptions Bind(Spec spec)
    {
        OptimizerInfo info = Find(spec.Name);
        return OptionsBinder.Bind(info.Defaults.GetType(), spec, info.Defaults);
    }

    /// <summary>A new optimizer over <paramref name="parameters"/> of the kind and with the hyperparameters <paramref name="options"/> give.</summary>
    public static Optimizer<T> Create<T>(OptimizerOptions options, IEnumerable<Tensor<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T> => options switch
        {
            SgdOptions o => new Sgd<T>(parameters, o),
            _ => throw new ArgumentException($"No optimizer takes {options.GetType().Name}.", nameof(options)),
        };
}
