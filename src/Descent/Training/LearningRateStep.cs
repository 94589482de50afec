namespace Descent.Training;

/// <summary>One step of a learning-rate range test, for progress reports.</summary>
/// <param name="Step">The 1-based step.</param>
/// <param name="Steps">The steps planned.</param>
/// <param name="Lr">The learning rate of the step.</param>
/// <param name="Loss">The batch's loss before the step.</param>
/// <param name="SmoothedLoss">The smoothed loss (<see cref="LearningRateFinder.Beta"/>).</param>
public readonly record struct LearningRateStep(int Step, int Steps, double Lr, double Loss, double SmoothedLoss);
