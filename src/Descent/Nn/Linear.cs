using System.Numerics;
using Descent.Data;
using Descent.Tensors;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Descent.Nn;

/// <summary>
/// A fully connected layer y = x Wᵀ + b with W of [outputs, inputs], as PyTorch's <c>nn.Linear</c>,
/// initialised as PyTorch does: W and b uniform in ±1/sqrt(inputs).
/// </summary>
public sealed class Linear<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// A layer with PyTorch's default initialisation, drawn from <paramref name="random"/> as
    /// <c>nn.Linear</c> draws it (weights row by row, then the bias): the same seed gives PyTorch's weights.
    /// </summary>
    public Linear(int inputs, int outputs, TorchGenerator random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        // kaiming_uniform_(a=sqrt(5)) for the weight and 1/sqrt(fan_in) for the bias, each computed as PyTorch does.
        double a = Math.Sqrt(5), gain = Math.Sqrt(2.0 / (1 + a * a));
        double weightBound = Math.Sqrt(3.0) * (gain / Math.Sqrt(inputs)), biasBound = 1 / Math.Sqrt(inputs);
        Weight = Uniform(outputs * inputs, weightBound, random).Reshape(outputs, inputs).Detach().RequireGrad();
        Bias = Uniform(outputs, biasBound, random).RequireGrad();
    }

    /// <summary>A layer with the given weight [outputs, inputs] and bias [outputs] (used as they are).</summary>
    public Linear(Tensor<T> weight, Tensor<T> bias)
    {
        if (weight.Rank != 2 || bias.Rank != 1 || bias.Dim(0) != weight.Dim(0))
            throw new ArgumentException($"A weight [outputs, inputs] and a bias [outputs] are needed, not {TensorShape.Format(weight.Shape)} and {TensorShape.Format(bias.Shape)}.");
        Weight = weight;
        Bias = bias;
    }

    /// <summary>The weight matrix [outputs, inputs].</summary>
    public Tensor<T> Weight { get; }

    /// <summary>The bias [outputs].</summary>
    public Tensor<T> Bias { get; }

    /// <summary>Input features.</summary>
    public int Inputs => Weight.Dim(1);

    /// <summary>Output features.</summary>
    public int Outputs => Weight.Dim(0);

    /// <inheritdoc/>
    public override IReadOnlyList<Tensor<T>> Parameters => [Weight, Bias];

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Tensor<T> Value)> NamedParameters() => [("weight", Weight), ("bias", Bias)];

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => input.MatMul(Weight.Transpose()) + Bias;

    /// <inheritdoc/>
    public override int OutputFeatures(int inputFeatures) => inputFeatures == Inputs
        ? Outputs
        : throw new ArgumentException($"Linear({Inputs}, {Outputs}) cannot take {inputFeatures} input features.");

    /// <inheritdoc/>
    public override Module<T> Clone() => new Linear<T>(Weight.Clone().RequireGrad(), Bias.Clone().RequireGrad());

    /// <inheritdoc/>
    public override string ToString() => $"Linear({Inputs}, {Outputs})";

    internal override int ScratchSize(int rows, int inputs) => rows * Outputs;

    internal override void ForwardRows(ReadOnlySpan<T> x, Span<T> y, int rows, int inputs, Span<T> scratch)
    {
        int o = Outputs;
        // Start from the bias in every row, then add x Wᵀ (W read as its transpose where it is).
        ReadOnlySpan<T> b = Bias.Data;
        for (int r = 0; r < rows; r++) b.CopyTo(y.Slice(r * o, o));
        MatrixKernels.Multiply<T>(x, Weight.Data, y, rows, Inputs, o, accumulate: true, transposeB: true);
    }

    internal override void BackwardRows(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int inputs, Span<T> scratch)
    {
        int o = Outputs;
        // dW = dyᵀ x, db = column sums of dy, dx = dy W.
        Span<T> dyT = scratch[..(rows * o)];
        MatrixKernels.Transpose(dy[..(rows * o)], dyT, rows, o);
        Tensor<T> weightGrad = Weight.Grad ??= Tensor<T>.Zeros(o, Inputs);
        Tensor<T> biasGrad = Bias.Grad ??= Tensor<T>.Zeros(o);
        MatrixKernels.Multiply<T>(dyT, x, weightGrad.Data, o, rows, Inputs);
        Span<T> db = biasGrad.Data;
        for (int j = 0; j < o; j++) db[j] = TP.Sum<T>(dyT.Slice(j * rows, rows));
        if (!dx.IsEmpty) MatrixKernels.Multiply<T>(dy, Weight.Data, dx, rows, o, Inputs);
    }

    private static Tensor<T> Uniform(int count, double bound, TorchGenerator random)
    {
        var values = new T[count];
        for (int i = 0; i < count; i++) values[i] = random.Uniform<T>(-bound, bound);
        return Tensor<T>.FromArray(values);
    }
}
