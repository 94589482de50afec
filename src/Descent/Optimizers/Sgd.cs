using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Numerics;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Sgd{T}"/>, with PyTorch 1.13's defaults (lr has none there and is required).</summary>
public sealed record SgdOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Required, Description("learning rate (required)")]
    public override double Lr { get; init; } = double.NaN;

    /// <summary>Momentum factor; 0 is plain gradient descent.</summary>
    [Description("momentum factor")]
    public double Momentum { get; init; }

    /// <summary>Dampening for momentum.</summary>
    [Description("dampening for momentum")]
    public double Dampening { get; init; }

    /// <summary>L2 penalty added to the gradient.</summary>
    [Description("weight decay (L2 penalty)")]
    public double WeightDecay { get; init; }

    /// <summary>Nesterov momentum; needs momentum &gt; 0 and dampening 0.</summary>
    [Description("use Nesterov momentum")]
    public bool Nesterov { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        if (double.IsNaN(Lr)) throw new HyperparameterException("sgd: lr is required, e.g. sgd(lr=0.1)");
        RequireAtLeast("lr", Lr, 0);
        RequireAtLeast("momentum", Momentum, 0);
        RequireAtLeast("weight_decay", WeightDecay, 0);
        Require(!Nesterov || (Momentum > 0 && Dampening == 0), "nesterov", Nesterov, "Nesterov momentum requires momentum > 0 and zero dampening");
    }
}

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay, as PyTorch 1.13's <c>torch.optim.SGD</c>:
/// <code>
/// g = ±grad + weight_decay * p
/// b = g on the first step, else momentum * b + (1 - dampening) * g
/// g = g + momentum * b (Nesterov) or b (momentum &gt; 0)
/// p = p - lr * g
/// </code>
/// </summary>
public sealed class Sgd<T>(IEnumerable<Tensor<T>> parameters, SgdOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Span<T> p, ReadOnlySpan<T> grad, ParameterState<T> state)
    {
        var o = (SgdOptions)options;
        T weightDecay = Cast(o.WeightDecay), momentum = Cast(o.Momentum), keep = Cast(1 - o.Dampening), step = Cast(-o.Lr);
        // As in PyTorch, the momentum buffer starts as a copy of the first gradient it sees.
        bool first = !state.Buffers.ContainsKey("momentum_buffer");
        int n = p.Length;
        Span<T> buffer = o.Momentum != 0 ? state.Buffer("momentum_buffer", () => Tensor<T>.Zeros(n)).Data : default;
        state.Step++;
        for (int i = 0; i < p.Length; i++)
        {
            T g = o.Maximize ? -grad[i] : grad[i];
            if (o.WeightDecay != 0) g += weightDecay * p[i];
            if (o.Momentum != 0)
            {
                buffer[i] = first ? g : buffer[i] * momentum + keep * g;
                g = o.Nesterov ? g + momentum * buffer[i] : buffer[i];
            }
            p[i] += step * g;
        }
    }
}
