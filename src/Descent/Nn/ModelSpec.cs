using System.Numerics;
using Descent.Data;
using Descent.Specs;

namespace Descent.Nn;

/// <summary>A model as a spec describes it, e.g. <c>linear</c> or <c>mlp(hidden=(64, 64), activation=tanh)</c>; builds it with fresh weights.</summary>
public abstract record ModelSpec : SpecOptions
{
    /// <summary>Whether the model is one linear layer (so least squares bounds what it can reach under MSE).</summary>
    public virtual bool IsLinear => false;

    /// <summary>How many numbers the model's weights and biases hold for these inputs and outputs (as a double: it may be huge).</summary>
    public abstract double ParameterCount(int inputs, int outputs);

    /// <summary>The model with fresh weights (PyTorch's default initialisation) drawn from <paramref name="random"/>, layer by layer, as PyTorch would.</summary>
    /// <param name="inputs">Input features.</param>
    /// <param name="outputs">Model outputs.</param>
    /// <param name="random">The generator the weights are drawn from.</param>
    public abstract Module<T> Build<T>(int inputs, int outputs, TorchGenerator random) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The equivalent PyTorch module, whose <c>state_dict</c> has the names and shapes of <see cref="Module{T}.NamedParameters"/>, e.g. <c>nn.Linear(2, 1)</c>.</summary>
    public abstract string PyTorch(int inputs, int outputs);

    /// <summary>The full spec, every hyperparameter shown, e.g. <c>mlp(hidden=(64, 64), activation=tanh)</c>.</summary>
    public sealed override string ToString() => ToSpec(full: true);
}
