using System.Numerics;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>Parameters that share hyperparameters within an optimizer (PyTorch's <c>param_groups</c> entry).</summary>
public sealed class ParameterGroup<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private OptimizerOptions _options;

    internal ParameterGroup(IReadOnlyList<Tensor<T>> parameters, OptimizerOptions options)
    {
        options.Validate();
        Parameters = parameters;
        _options = options;
    }

    /// <summary>The parameters this group updates.</summary>
    public IReadOnlyList<Tensor<T>> Parameters { get; }

    /// <summary>The group's hyperparameters; may be replaced between steps (it is validated, and must stay the same optimizer's).</summary>
    public OptimizerOptions Options
    {
        get => _options;
        set
        {
            if (value.GetType() != _options.GetType())
                throw new ArgumentException($"A {_options.Name} group cannot take {value.Name} options.", nameof(value));
            value.Validate();
            _options = value;
        }
    }

    /// <summary>
    /// Replaces the options without validating them, as PyTorch's schedulers write <c>param_groups</c>: a schedule may
    /// take the learning rate below 0 (one-cycle extrapolating past its last step), and PyTorch then runs with it.
    /// </summary>
    internal OptimizerOptions Scheduled
    {
        set
        {
            if (value.GetType() != _options.GetType())
                throw new ArgumentException($"A {_options.Name} group cannot take {value.Name} options.", nameof(value));
            _options = value;
        }
    }

    /// <summary>The group's learning rate; setting it is what learning-rate schedules do.</summary>
    public double Lr
    {
        get => _options.Lr;
        set => Options = _options with { Lr = value };
    }
}
