namespace Descent.Sweeps;

/// <summary>
/// Seeds derived from a seed for one purpose each (SplitMix64's mixing), so that streams drawn for different purposes
/// are unrelated even though they come from the same seed, and the same seed always gives the same stream.
/// </summary>
internal static class DerivedSeed
{
    /// <summary>The seed for the validation split carved from a training split.</summary>
    public const ulong Validation = 1;

    /// <summary>The seed of <paramref name="purpose"/> for <paramref name="seed"/>; its low 32 bits (all PyTorch's generator keeps) vary too.</summary>
    public static ulong Of(ulong seed, ulong purpose)
    {
        ulong z = unchecked(seed + 0x9E3779B97F4A7C15UL * (purpose + 1));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
