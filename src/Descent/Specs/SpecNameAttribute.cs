namespace Descent.Specs;

/// <summary>
/// The name a hyperparameter has in specs when it is not its property's name in snake case, as for
/// PyTorch's <c>T_0</c>, written <c>t_0</c> (the property <c>T0</c> would otherwise be <c>t0</c>).
/// </summary>
/// <param name="name">The name in specs.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SpecNameAttribute(string name) : Attribute
{
    /// <summary>The name in specs.</summary>
    public string Name { get; } = name;
}
