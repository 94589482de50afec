namespace Descent.Specs;

/// <summary>A spec's hyperparameter is unknown, of the wrong type, or outside its allowed range.</summary>
public sealed class HyperparameterException(string message) : InputException(message)
{
    /// <summary>An error for a value outside its allowed range, e.g. "adam: lr = -0.1 is invalid: it must be >= 0".</summary>
    public static HyperparameterException OutOfRange(string owner, string name, object value, string allowed) =>
        new($"{owner}: {name} = {SpecFormat.Value(value)} is invalid: {allowed}");
}
