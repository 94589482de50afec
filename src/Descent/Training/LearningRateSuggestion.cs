namespace Descent.Training;

/// <summary>A learning rate a range test suggests, and the point of the smoothed loss curve it was read from.</summary>
/// <param name="Lr">The suggested learning rate.</param>
/// <param name="Step">The 1-based step of the point it was read from.</param>
/// <param name="AtLr">The learning rate of that step (the suggestion itself, or ten times it for the minimum's).</param>
/// <param name="SmoothedLoss">The smoothed loss at that step.</param>
public readonly record struct LearningRateSuggestion(double Lr, int Step, double AtLr, double SmoothedLoss);
