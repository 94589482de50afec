namespace Descent.Training;

/// <summary>How a run ended, as <see cref="Diagnosis"/> judges it.</summary>
public enum Verdict
{
    /// <summary>It reached the tolerance (f - f*, or the gradient norm without a known minimum) at a minimum.</summary>
    Converged,

    /// <summary>Its step along the top eigenvector kept changing sign: it zigzagged across the minimum or a valley, whether or not it got there.</summary>
    Oscillating,

    /// <summary>f grew without bound or stopped being finite (or fell without bound where f has no minimum).</summary>
    Diverged,

    /// <summary>It stopped moving away from a global minimum: at a saddle, on a plateau, or in a local minimum.</summary>
    Stalled,

    /// <summary>It was still making progress when the steps ran out.</summary>
    Descending,
}
