using Descent.Data;

namespace Descent.Nn;

/// <summary>The spec <c>linear</c>: one fully connected layer, <c>nn.Linear(inputs, outputs)</c>.</summary>
public sealed record LinearModel : ModelSpec
{
    /// <inheritdoc/>
    public override string Name => "linear";

    /// <inheritdoc/>
    public override bool IsLinear => true;

    /// <inheritdoc/>
    public override double ParameterCount(int inputs, int outputs) => ((double)inputs + 1) * outputs;

    /// <inheritdoc/>
    public override string PyTorch(int inputs, int outputs) => $"nn.Linear({inputs}, {outputs})";

    /// <inheritdoc/>
    public override Module<T> Build<T>(int inputs, int outputs, TorchGenerator random) => new Linear<T>(inputs, outputs, random);
}
