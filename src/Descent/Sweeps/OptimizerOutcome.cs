using Descent.Statistics;

namespace Descent.Sweeps;

/// <summary>
/// How one optimizer did in a sweep: its metric at every learning rate, the learning rate chosen, what it reached
/// there over the seeds, its rank, and how it compares with the winner seed by seed.
/// </summary>
public sealed record OptimizerOutcome
{
    /// <summary>Its index in the sweep's definition.</summary>
    public required int Index { get; init; }

    /// <summary>Its spec without the learning rate, e.g. <c>sgd(momentum=0.9)</c>.</summary>
    public required string Optimizer { get; init; }

    /// <summary>Per learning rate of the grid, in order: the choosing metric over the seeds that did not diverge, and how many did.</summary>
    public required IReadOnlyList<LrOutcome> Grid { get; init; }

    /// <summary>The index of the chosen learning rate, or null if every learning rate diverged on some seed (the optimizer failed).</summary>
    public int? Chosen { get; init; }

    /// <summary>The chosen learning rate, or null.</summary>
    public double? Lr => Chosen is int c ? Grid[c].Lr : null;

    /// <summary>The spec it ran with at the chosen learning rate, e.g. <c>adam(lr=0.0215)</c>, or null.</summary>
    public string? Spec { get; init; }

    /// <summary>The reported metric at the chosen learning rate, one value per seed (empty if it failed).</summary>
    public required IReadOnlyList<double> Reported { get; init; }

    /// <summary>The estimate of <see cref="Reported"/>: mean, standard deviation and 95% t interval.</summary>
    public Estimate Estimate => Estimate.Of(Reported);

    /// <summary>Runs that diverged, over the whole grid.</summary>
    public required int DivergedRuns { get; init; }

    /// <summary>Its place, 1 for the winner; failed optimizers come after the others.</summary>
    public int Rank { get; init; }

    /// <summary>This optimizer against the winner over the same seeds (this minus the winner), or null for the winner and failed ones.</summary>
    public PairedComparison? VersusWinner { get; init; }

    /// <summary>The curve of the chosen runs: per epoch or step, the estimate of the plotted value over the seeds.</summary>
    public required IReadOnlyList<(double At, Estimate Value)> TunedCurve { get; init; }

    /// <summary>Whether no learning rate ran without diverging on every seed.</summary>
    public bool Failed => Chosen is null;

    /// <summary>
    /// <see cref="VersusWinner"/> in words: <c>winner</c>, <c>failed</c>, or the verdict with the difference from the winner,
    /// its interval and the seeds it was worse on, e.g. <c>worse: +0.012 [0.008, 0.016], worse on 5/5, sign test p = 0.0625</c>.
    /// </summary>
    public string VersusWinnerText
    {
        get
        {
            if (Failed) return "failed: every learning rate diverged on some seed";
            if (VersusWinner is not PairedComparison p) return Rank == 1 ? "winner" : "";
            string difference = (p.Difference.Mean >= 0 ? "+" : "") + SweepSummary.Format(p.Difference.Mean);
            return p.Verdict switch
            {
                "identical" => "identical to the winner on every seed",
                "no interval" => $"{difference} (one seed: no interval)",
                _ => $"{p.Verdict}: {difference} [{SweepSummary.Format(p.Difference.Low)}, {SweepSummary.Format(p.Difference.High)}], " +
                    $"worse on {p.ReferenceBetter}/{p.Difference.Count}, sign test p = {SweepSummary.Format(p.SignTestP, 2)}",
            };
        }
    }
}

/// <summary>One (optimizer, learning rate) of a sweep's grid.</summary>
/// <param name="Lr">The learning rate.</param>
/// <param name="Selection">The choosing metric over the seeds whose run did not diverge.</param>
/// <param name="Diverged">Seeds whose run diverged (or whose metric is not finite); such a rate is not chosen.</param>
public readonly record struct LrOutcome(double Lr, Estimate Selection, int Diverged);
