namespace Descent.Functions;

/// <summary>A global minimum of a test function: the point (in the function's variable order) and f there.</summary>
/// <param name="Point">The minimizer x*, one value per variable.</param>
/// <param name="Value">The minimum value f(x*).</param>
public sealed record Minimum(IReadOnlyList<double> Point, double Value);
