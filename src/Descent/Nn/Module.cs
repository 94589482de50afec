using System.Numerics;
using Descent.Tensors;

namespace Descent.Nn;

/// <summary>
/// A layer or a model: parameters and a forward pass. <see cref="Forward"/> records the autodiff
/// graph like any tensor op; training also runs each layer's forward and backward directly over
/// preallocated rows (see <see cref="ModelRunner{T}"/>), with the same math and no allocation.
/// </summary>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The trainable tensors, in a fixed order (PyTorch's <c>parameters()</c>).</summary>
    public abstract IReadOnlyList<Tensor<T>> Parameters { get; }

    /// <summary>
    /// The parameters with the names PyTorch's <c>state_dict</c> gives the equivalent module: <c>weight</c> and
    /// <c>bias</c> for a linear layer, prefixed by the layer's index in a sequence (<c>0.weight</c>, <c>2.bias</c>).
    /// </summary>
    public abstract IEnumerable<(string Name, Tensor<T> Value)> NamedParameters();

    /// <summary>The output for an input of [rows, features], through the autodiff graph.</summary>
    public abstract Tensor<T> Forward(Tensor<T> input);

    /// <summary>The number of output features for <paramref name="inputFeatures"/> input features.</summary>
    /// <exception cref="ArgumentException">The module cannot take that many input features.</exception>
    public abstract int OutputFeatures(int inputFeatures);

    /// <summary>A deep copy with its own parameters of equal values (no gradients).</summary>
    public abstract Module<T> Clone();

    /// <summary>The layers a runner executes in order: the module itself unless it is a container.</summary>
    internal virtual IEnumerable<Module<T>> Layers() => [this];

    /// <summary>Scratch elements <see cref="ForwardRows"/> and <see cref="BackwardRows"/> need.</summary>
    internal virtual int ScratchSize(int rows, int inputs) => 0;

    /// <summary>y = f(x) for <paramref name="rows"/> rows of <paramref name="inputs"/> features.</summary>
    internal abstract void ForwardRows(ReadOnlySpan<T> x, Span<T> y, int rows, int inputs, Span<T> scratch);

    /// <summary>
    /// Given x, y = f(x) and dL/dy, sets each parameter's gradient to dL/dparameter (replacing it, as
    /// zero_grad then backward would) and, if <paramref name="dx"/> is not empty, writes dL/dx.
    /// </summary>
    internal abstract void BackwardRows(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int inputs, Span<T> scratch);
}
