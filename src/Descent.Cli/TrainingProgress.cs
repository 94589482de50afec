using System.Diagnostics;
using Descent.Specs;
using Descent.Training;

namespace Descent.Cli;

/// <summary>
/// Training's progress on standard error, so standard output holds only results: on a terminal, the optimizer in training
/// on one line redrawn in place (a bar, the epoch, the last epoch's batch means; at most ten times a second); anywhere,
/// one line per optimizer once it is done.
/// </summary>
internal sealed class TrainingProgress(TextWriter error, bool live)
{
    private const int BarWidth = 12;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _drawn = TimeSpan.FromSeconds(-1);
    private int _lineLength;

    /// <summary>Reports a finished epoch of one optimizer.</summary>
    public void Report(EpochReport epoch)
    {
        bool done = epoch.Stopped is not null || epoch.StoppedEarly || epoch.Epoch == epoch.Epochs;
        if (done)
        {
            Clear();
            error.WriteLine(Finished(epoch));
            return;
        }
        if (!live || _clock.Elapsed - _drawn < TimeSpan.FromMilliseconds(100)) return;
        _drawn = _clock.Elapsed;
        string line = Live(epoch, Width());
        error.Write("\r" + line + new string(' ', Math.Max(0, _lineLength - line.Length)));
        _lineLength = line.Length;
    }

    /// <summary>Removes a redrawn line left behind (training stopped by Ctrl-C or an error).</summary>
    public void Clear()
    {
        if (_lineLength == 0) return;
        error.Write("\r" + new string(' ', _lineLength) + "\r");
        _lineLength = 0;
    }

    /// <summary>The line of an optimizer that is done: its epochs and last batch means, or why it stopped.</summary>
    public static string Finished(EpochReport e) =>
        e.Stopped is not null ? $"{e.Spec}: {e.Stopped}"
        : $"{e.Spec}: {e.Epoch} epochs, train batch mean {Format(e.TrainLoss)}" + (e.TestLoss is double t ? $", test batch mean {Format(t)}" : "")
            + (e.StoppedEarly ? " (stopped early)" : "");

    /// <summary>The redrawn line, at most <paramref name="width"/> - 1 characters: the spec is shortened first.</summary>
    public static string Live(EpochReport e, int width)
    {
        int filled = e.Epoch * BarWidth / Math.Max(1, e.Epochs);
        string rest = $"  {new string('█', filled)}{new string('░', BarWidth - filled)} {e.Epoch}/{e.Epochs}  batch means: train {Format(e.TrainLoss)}"
            + (e.TestLoss is double t ? $", test {Format(t)}" : "");
        int room = Math.Max(8, width - 1 - rest.Length);
        string spec = e.Spec.Length <= room ? e.Spec : e.Spec[..(room - 1)] + "…";
        string line = spec + rest;
        return line.Length < width ? line : line[..(width - 1)];
    }

    private static int Width()
    {
        try
        {
            return Console.WindowWidth > 20 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    private static string Format(double value) => SpecFormat.Significant(value, 6);
}
