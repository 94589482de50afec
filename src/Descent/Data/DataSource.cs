using System.Numerics;

namespace Descent.Data;

/// <summary>Where a training experiment's samples come from: a function with noise, or a CSV file.</summary>
public abstract record DataSource
{
    /// <summary>The samples, and a one-line description of them for reports.</summary>
    /// <param name="random">The experiment's generator; a synthetic source draws from it, a file ignores it.</param>
    /// <exception cref="InputException">The source cannot give samples (an unreadable file, an invalid setting).</exception>
    public abstract (Dataset<T> Data, string Description) Load<T>(TorchGenerator random) where T : unmanaged, IFloatingPointIeee754<T>;
}
