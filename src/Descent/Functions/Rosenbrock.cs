using System.ComponentModel;

namespace Descent.Functions;

/// <summary>
/// Rosenbrock's banana valley, the sum over i &lt; n of (1 - xi)^2 + 100 (x(i+1) - xi^2)^2, on [-5, 10]^n:
/// a curved, narrow valley; its one global minimum is f(1, ..., 1) = 0 (for 4 &lt;= n &lt;= 7 there is also a
/// local minimum near (-1, 1, ..., 1)).
/// </summary>
public sealed record Rosenbrock : TestFunction
{
    /// <summary>The number of variables (at least 2).</summary>
    [Description("number of variables (at least 2)")]
    public int N { get; init; } = 2;

    /// <inheritdoc/>
    public override int Dimension => N;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Variables => Numbered(N);

    /// <inheritdoc/>
    public override string Formula => Join(1, N - 1, i => $"(1 - x{i})^2 + 100*(x{i + 1} - x{i}^2)^2");

    /// <inheritdoc/>
    public override IReadOnlyList<Interval> Domain => Box(N, -5, 10);

    /// <inheritdoc/>
    public override IReadOnlyList<Minimum> GlobalMinima => [new(Repeat(N, 1), 0)];

    /// <summary>Moré, Garbow and Hillstrom's (1981): (-1.2, 1), repeated for more variables.</summary>
    public override IReadOnlyList<IReadOnlyList<double>> Starts => [[.. Enumerable.Range(0, N).Select(i => i % 2 == 0 ? -1.2 : 1.0)]];

    /// <inheritdoc/>
    public override void Validate() => RequireDimension(N, min: 2);
}
