using System.Numerics;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>What an optimizer remembers about one parameter between steps (PyTorch's <c>optimizer.state[p]</c>).</summary>
public sealed class ParameterState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Steps taken for this parameter.</summary>
    public long Step { get; set; }

    /// <summary>Named buffers the size of the parameter, e.g. <c>exp_avg</c>.</summary>
    public Dictionary<string, Tensor<T>> Buffers { get; } = [];

    /// <summary>Named numbers, e.g. ASGD's <c>eta</c>.</summary>
    public Dictionary<string, double> Scalars { get; } = [];

    /// <summary>Named lists of tensors, e.g. L-BFGS's history of directions.</summary>
    public Dictionary<string, List<Tensor<T>>> Lists { get; } = [];

    /// <summary>The buffer <paramref name="name"/>, created by <paramref name="create"/> on first use.</summary>
    public Tensor<T> Buffer(string name, Func<Tensor<T>> create)
    {
        if (!Buffers.TryGetValue(name, out Tensor<T>? buffer)) Buffers[name] = buffer = create();
        return buffer;
    }
}
