namespace Descent.Plots;

/// <summary>Draws pictures where this machine can, so that a machine without Skia's native library still gets every other output.</summary>
public static class Rendering
{
    /// <summary>
    /// The pictures <paramref name="draw"/> makes, or none when this machine cannot render (Skia's native library missing or
    /// of another platform); then <paramref name="skipped"/> is told why, in one line. Any other failure is a bug and propagates.
    /// </summary>
    public static IReadOnlyList<Picture> Draw(Func<IEnumerable<Picture>> draw, Action<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(draw);
        ArgumentNullException.ThrowIfNull(skipped);
        try
        {
            return [.. draw()];
        }
        catch (Exception e) when (Warmup.CannotRenderHere(e))
        {
            skipped(Reason(e));
            return [];
        }
    }

    /// <summary>The innermost cause's first line: the loader's message names the library it could not load.</summary>
    private static string Reason(Exception e)
    {
        while (e.InnerException is { } inner) e = inner;
        // The loader's first sentence names the library; the rest is advice on strace and LD_DEBUG.
        string message = e.Message.Split('\n', 2)[0];
        int stop = message.IndexOf(". ", StringComparison.Ordinal);
        return (stop < 0 ? message : message[..stop]).Trim().TrimEnd('.', ':');
    }
}
