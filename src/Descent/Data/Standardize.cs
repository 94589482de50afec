namespace Descent.Data;

/// <summary>Which columns a training run z-scores (see <see cref="Standardization"/>).</summary>
public enum Standardize
{
    /// <summary>The data as it is.</summary>
    None,
    /// <summary>Every feature (one-hot columns included); targets as they are.</summary>
    Features,
    /// <summary>Every feature and every target; losses are still reported in the targets' own units.</summary>
    All,
}
