namespace Descent.Sweeps;

/// <summary>What one run of a sweep recorded: one row of <c>runs.csv</c> and its curve in <c>curves.csv</c>.</summary>
/// <param name="Index">The run's index (see <see cref="SweepDefinition.Cell"/>).</param>
/// <param name="Spec">The optimizer spec it ran, with the sweep's learning rate, e.g. <c>adam(lr=0.001)</c>.</param>
/// <param name="Metrics">One value per <see cref="SweepDefinition.Metrics"/>; NaN where there is none (no test set, tolerance never reached).</param>
/// <param name="DivergedAt">The epoch or step at which the loss or f stopped being finite, or null if the run went to the end.</param>
/// <param name="Curve">Per recorded epoch or step: the axis value, then one value per <see cref="SweepDefinition.CurveValues"/>.</param>
public sealed record SweepRun(int Index, string Spec, IReadOnlyList<double> Metrics, int? DivergedAt, IReadOnlyList<double[]> Curve);
