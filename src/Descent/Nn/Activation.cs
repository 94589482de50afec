using System.Numerics;
using Descent.Tensors;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Descent.Nn;

/// <summary>The element-wise activation functions a model can use between layers.</summary>
public enum ActivationKind
{
    /// <summary>max(x, 0).</summary>
    Relu,
    /// <summary>The hyperbolic tangent.</summary>
    Tanh,
    /// <summary>The logistic function 1 / (1 + e^-x).</summary>
    Sigmoid,
}

/// <summary>An element-wise activation layer (PyTorch's <c>nn.ReLU</c>, <c>nn.Tanh</c>, <c>nn.Sigmoid</c>).</summary>
public sealed class Activation<T>(ActivationKind kind) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Which function this layer applies.</summary>
    public ActivationKind Kind { get; } = kind;

    /// <inheritdoc/>
    public override IReadOnlyList<Tensor<T>> Parameters => [];

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Tensor<T> Value)> NamedParameters() => [];

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => Kind switch
    {
        ActivationKind.Relu => input.Relu(),
        ActivationKind.Tanh => input.Tanh(),
        _ => input.Sigmoid(),
    };

    /// <inheritdoc/>
    public override int OutputFeatures(int inputFeatures) => inputFeatures;

    /// <inheritdoc/>
    public override Module<T> Clone() => new Activation<T>(Kind);

    /// <inheritdoc/>
    public override string ToString() => Kind.ToString();

    internal override void ForwardRows(ReadOnlySpan<T> x, Span<T> y, int rows, int inputs, Span<T> scratch)
    {
        int n = rows * inputs;
        if (n == 0) return;
        switch (Kind)
        {
            case ActivationKind.Relu: TP.Max(x[..n], T.Zero, y[..n]); break;
            case ActivationKind.Tanh: TP.Tanh(x[..n], y[..n]); break;
            default: TP.Sigmoid(x[..n], y[..n]); break;
        }
    }

    internal override void BackwardRows(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int inputs, Span<T> scratch)
    {
        if (dx.IsEmpty) return;
        int n = rows * inputs;
        for (int i = 0; i < n; i++)
        {
            T v = y[i];
            dx[i] = Kind switch
            {
                ActivationKind.Relu => v <= T.Zero ? T.Zero : dy[i], // threshold_backward: a NaN output passes the gradient, as in PyTorch
                ActivationKind.Tanh => dy[i] * (T.One - v * v),
                _ => dy[i] * (T.One - v) * v,
            };
        }
    }
}
