using System.ComponentModel;
using Descent.Data;

namespace Descent.Nn;

/// <summary>The spec <c>mlp(hidden=(64, 64), activation=tanh)</c>: linear layers of the hidden widths, each followed by the activation, then a linear output layer.</summary>
public sealed record MlpModel : ModelSpec
{
    /// <inheritdoc/>
    public override string Name => "mlp";

    /// <summary>The widths of the hidden layers, in order.</summary>
    [Description("widths of the hidden layers")]
    public IReadOnlyList<int> Hidden { get; init; } = [64, 64];

    /// <summary>The activation after each hidden layer.</summary>
    [Description("activation after each hidden layer: tanh, relu or sigmoid")]
    public ActivationKind Activation { get; init; } = ActivationKind.Tanh;

    /// <inheritdoc/>
    public override void Validate() =>
        Require(Hidden.Count > 0 && Hidden.All(h => h is >= 1 and <= 100_000), "hidden", Hidden,
            "it must be layer widths such as (64, 64), each a whole number from 1 to 100000");

    /// <inheritdoc/>
    public override double ParameterCount(int inputs, int outputs)
    {
        double count = 0;
        int width = inputs;
        foreach (int h in Hidden.Append(outputs))
        {
            count += ((double)width + 1) * h;
            width = h;
        }
        return count;
    }

    /// <inheritdoc/>
    public override string PyTorch(int inputs, int outputs)
    {
        string activation = Activation switch { ActivationKind.Relu => "nn.ReLU()", ActivationKind.Tanh => "nn.Tanh()", _ => "nn.Sigmoid()" };
        var layers = new List<string>();
        int width = inputs;
        foreach (int h in Hidden)
        {
            layers.Add($"nn.Linear({width}, {h})");
            layers.Add(activation);
            width = h;
        }
        layers.Add($"nn.Linear({width}, {outputs})");
        return $"nn.Sequential({string.Join(", ", layers)})";
    }

    /// <inheritdoc/>
    public override Module<T> Build<T>(int inputs, int outputs, TorchGenerator random)
    {
        var modules = new List<Module<T>>();
        int width = inputs;
        foreach (int h in Hidden)
        {
            modules.Add(new Linear<T>(width, h, random));
            modules.Add(new Activation<T>(Activation));
            width = h;
        }
        modules.Add(new Linear<T>(width, outputs, random));
        return new Sequential<T>(modules);
    }
}
