using Descent.Specs;

namespace Descent.Nn;

/// <summary>Every loss a spec can name, one row each; adding a loss is its file plus one row here.</summary>
public static class LossCatalog
{
    /// <summary>The losses by spec name, in the order they are listed.</summary>
    public static Catalog<Loss> Entries { get; } = new("loss",
    [
        new("mse", "Mean squared error (nn.MSELoss).", new MseLoss()),
        new("l1", "Mean absolute error (nn.L1Loss).", new L1Loss()),
        new("huber", "Quadratic near zero, linear beyond delta (nn.HuberLoss).", new HuberLoss()),
        new("bce_with_logits", "Binary cross-entropy on logits, one 0/1 target per output (nn.BCEWithLogitsLoss).", new BceWithLogitsLoss()),
        new("cross_entropy", "Softmax cross-entropy; the target column holds class indices (nn.CrossEntropyLoss).", new CrossEntropyLoss()),
    ]);

    /// <inheritdoc cref="Catalog{TOptions}.Parse"/>
    public static Loss Parse(string spec) => Entries.Parse(spec);
}
