using System.Numerics;
using Descent.Data;
using Descent.Expressions;

namespace Descent.Nn;

/// <summary>A model described by a spec: <c>linear</c>, or <c>mlp(hidden=(64, 64), activation=tanh)</c>.</summary>
public sealed record ModelSpec(IReadOnlyList<int> Hidden, ActivationKind Activation)
{
    /// <summary>The spec text, e.g. <c>mlp(hidden=(64, 64), activation=tanh)</c>.</summary>
    public override string ToString() => Hidden.Count == 0
        ? "linear"
        : $"mlp(hidden=({string.Join(", ", Hidden)}{(Hidden.Count == 1 ? "," : "")}), activation={Activation.ToString().ToLowerInvariant()})";

    /// <summary>Parses a model spec.</summary>
    /// <exception cref="ParseException">The text is not a spec.</exception>
    /// <exception cref="InputException">An unknown model, argument or value.</exception>
    public static ModelSpec Parse(string text)
    {
        Spec spec = Spec.Parse(text);
        if (spec.Name == "linear")
        {
            if (spec.Arguments.Count > 0) throw new InputException($"model linear takes no arguments, but got '{spec.Arguments[0].Key}'");
            return new ModelSpec([], ActivationKind.Tanh);
        }
        if (spec.Name != "mlp")
            throw new InputException($"unknown model '{spec.Name}'" + Spelling.Suggestion(spec.Name, ["linear", "mlp"]) + " (known: linear, mlp(hidden=(64, 64), activation=tanh))");
        int[] hidden = [64, 64];
        var activation = ActivationKind.Tanh;
        foreach (SpecArgument a in spec.Arguments)
        {
            switch (a.Key)
            {
                case "hidden":
                    SpecValue[] items = a.Value is SpecValue.Tuple t ? [.. t.Items] : [a.Value];
                    if (items.Length == 0 || items.Any(v => v is not SpecValue.Number { Value: >= 1 and <= 100_000 and var n } || n != Math.Floor(n)))
                        throw new InputException($"model mlp: hidden = {a.Value} is invalid: it must be layer widths such as (64, 64), each a whole number >= 1");
                    hidden = [.. items.Select(v => (int)((SpecValue.Number)v).Value)];
                    break;
                case "activation":
                    string name = a.Value is SpecValue.Text { Value: var s } ? s : a.Value.ToString();
                    activation = name switch
                    {
                        "tanh" => ActivationKind.Tanh,
                        "relu" => ActivationKind.Relu,
                        "sigmoid" => ActivationKind.Sigmoid,
                        _ => throw new InputException($"model mlp: activation = {a.Value} is invalid: it must be tanh, relu or sigmoid"),
                    };
                    break;
                default:
                    throw new InputException($"model mlp: unknown argument '{a.Key}'" +
                        Spelling.Suggestion(a.Key, ["hidden", "activation"]) + " (it takes hidden, activation)");
            }
        }
        return new ModelSpec(hidden, activation);
    }

    /// <summary>The model with fresh weights (PyTorch's default initialisation) drawn from <paramref name="random"/>, layer by layer, as PyTorch would.</summary>
    public Module<T> Build<T>(int inputs, int outputs, TorchGenerator random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Hidden.Count == 0) return new Linear<T>(inputs, outputs, random);
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
