namespace Descent.Training;

/// <summary>What a run may allocate: estimated up front, so that a request that cannot fit is a clear error, not an out-of-memory abort.</summary>
public static class MemoryBudget
{
    /// <summary>The memory this process may use, in bytes (the machine's, or a container's limit).</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Throws if <paramref name="bytes"/> is more than 90% of what is available.</summary>
    /// <param name="bytes">The estimate, in bytes (double, so that huge requests do not overflow).</param>
    /// <param name="what">What needs it, e.g. "2147483647 samples of 2 features".</param>
    /// <exception cref="InputException">It would not fit.</exception>
    public static void Require(double bytes, string what)
    {
        if (bytes > 0.9 * Available)
            throw new InputException($"{what} would need about {Format(bytes)} of memory, more than the {Format(Available)} this machine has");
    }

    private static string Format(double bytes) => bytes >= 1e9 ? $"{bytes / 1e9:0.#} GB" : $"{bytes / 1e6:0.#} MB";
}
