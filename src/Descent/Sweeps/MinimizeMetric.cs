namespace Descent.Sweeps;

/// <summary>What a minimization sweep chooses each optimizer's learning rate by, and reports (lower is better).</summary>
public enum MinimizeMetric
{
    /// <summary>f at the last step (the default).</summary>
    Value,

    /// <summary>
    /// Steps until f − f_min &lt; tolerance (when the minimum f_min is known) or else until |grad f| &lt; tolerance; a run
    /// that never gets there counts as the step budget + 1.
    /// </summary>
    Steps,
}
