namespace Descent.Specs;

/// <summary>One <c>key=value</c> argument of a spec.</summary>
public sealed record SpecArgument(string Key, SpecValue Value, int Column);
