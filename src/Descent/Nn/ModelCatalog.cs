using Descent.Specs;

namespace Descent.Nn;

/// <summary>Every model a spec can name, one row each; adding a model is its spec record plus one row here.</summary>
public static class ModelCatalog
{
    /// <summary>The models by spec name, in the order they are listed.</summary>
    public static Catalog<ModelSpec> Entries { get; } = new("model",
    [
        new("linear", "One linear layer: the tutorial's model.", new LinearModel()),
        new("mlp", "A multilayer perceptron: linear layers with an activation between them.", new MlpModel()),
    ]);

    /// <inheritdoc cref="Catalog{TOptions}.Parse"/>
    public static ModelSpec Parse(string spec) => Entries.Parse(spec);
}
