using System.Globalization;
using Descent.Sweeps;

namespace Descent.Cli;

/// <summary>
/// A sweep's progress on standard error: runs done of the total, time taken and left. On a terminal one line redrawn
/// in place (at most ten times a second); otherwise (a log, a pipe) a line at every tenth of the runs.
/// </summary>
internal sealed class ProgressLine(TextWriter error, bool live)
{
    private readonly Lock _lock = new();
    private TimeSpan _drawn = TimeSpan.FromSeconds(-1);
    private int _tenths;

    /// <summary>The time the runs took, once finished.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Reports a finished run; called from the threads running them.</summary>
    public void Report(SweepProgress p)
    {
        lock (_lock)
        {
            Elapsed = p.Elapsed > Elapsed ? p.Elapsed : Elapsed;
            if (live)
            {
                if (p.Done < p.Total && p.Elapsed - _drawn < TimeSpan.FromMilliseconds(100)) return;
                _drawn = p.Elapsed;
                error.Write($"\r{Text(p)}   ");
            }
            else if (p.Done * 10 / p.Total > _tenths)
            {
                _tenths = p.Done * 10 / p.Total;
                error.WriteLine(Text(p));
            }
        }
    }

    /// <summary>Ends the redrawn line.</summary>
    public void Finish()
    {
        if (live) error.WriteLine();
    }

    private static string Text(SweepProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"sweep: {p.Done}/{p.Total} runs ({100 * p.Done / p.Total}%), {p.Elapsed.TotalSeconds:0.0} s") +
        (p.Done < p.Total ? string.Create(CultureInfo.InvariantCulture, $", about {p.Remaining.TotalSeconds:0.0} s left") : "");
}
