namespace Descent.Data;

/// <summary>The features of largest and smallest typical size (root mean square) in a dataset.</summary>
/// <param name="Largest">The feature of largest size.</param>
/// <param name="LargestSize">Its root mean square.</param>
/// <param name="Smallest">The feature of smallest nonzero size.</param>
/// <param name="SmallestSize">Its root mean square.</param>
public sealed record ScaleSpread(string Largest, double LargestSize, string Smallest, double SmallestSize)
{
    /// <summary>How many times larger the largest feature is than the smallest.</summary>
    public double Ratio => LargestSize / SmallestSize;
}
