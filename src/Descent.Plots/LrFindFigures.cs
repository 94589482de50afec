using System.Globalization;
using Descent.Training;

namespace Descent.Plots;

/// <summary>The picture and report section of a learning-rate range test.</summary>
public static class LrFindFigures
{
    /// <summary>The loss against the learning rate with the suggestions marked.</summary>
    public static IReadOnlyList<Picture> Pictures(LearningRateFinderResult result) => [LrFindPlot.Create(result)];

    /// <summary>Adds the settings, the suggestions table, the pictures (as files next to the page, with their captions) and the interactive chart.</summary>
    public static void AddTo(HtmlReport html, LearningRateFinderResult result, IReadOnlyList<Picture> pictures)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(pictures);
        LearningRateFinder f = result.Finder;
        var s = f.Setup; // its settings, to describe the test
        html.Paragraph($"{f.Optimizer.Name} trained {s.Model} with {s.Loss.ToSpec()} loss on {result.Plan.Description} ({result.Plan.TrainSamples} train samples, " +
            $"batches of {s.BatchSize}{(s.Shuffle ? ", shuffled" : "")}, {Cli(s.DType)}, seed {s.Seed}{(s.Clipping is { } c ? $", gradients clipped by {c}" : "")}), " +
            $"its learning rate raised from {LrFindPlot.Format(f.StartLr)} to {LrFindPlot.Format(f.EndLr)} over {f.Steps} steps " +
            $"({result.BatchesPerEpoch} batches a pass over the data), stopping when the smoothed loss exceeds {LrFindPlot.Format(f.StopFactor)} times its minimum. " +
            $"It took {result.Lrs.Count} steps" + (result.Stopped is { } stopped ? $": {stopped}." : "."));
        html.Table(["suggestion", "lr", "optimizer", "read at"], Rows(result));
        if (result.SteepestWarning is { } warning) html.Paragraph($"Note: {warning}.");
        html.Images(pictures.Select(p => (p.Name + ".png", p.Caption)));
        html.Chart(PlotlyFigures.LrFind(result), 600);
    }

    /// <summary>The suggestions as table rows: name, lr, the optimizer spec with it, and the point of the curve it was read from.</summary>
    public static IEnumerable<IReadOnlyList<string>> Rows(LearningRateFinderResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var (name, suggestion) in new[] { ("steepest descent", result.Steepest), ("minimum / 10", result.Minimum) })
            yield return suggestion is { } x
                ? [name, LrFindPlot.Format(x.Lr), result.SpecWithRounded(x.Lr),
                    $"step {x.Step.ToString(CultureInfo.InvariantCulture)}, lr {LrFindPlot.Format(x.AtLr)}, smoothed loss {LrFindPlot.Format(x.SmoothedLoss)}"]
                : [name, "-", "-", "too few steps to read it"];
    }

    private static string Cli(Tensors.DType dtype) => dtype.ToString().ToLowerInvariant();
}
