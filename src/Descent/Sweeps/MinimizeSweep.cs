using System.Globalization;
using Descent.Optimizers;
using Descent.Specs;
using Descent.Training;

namespace Descent.Sweeps;

/// <summary>
/// A minimization race swept over learning rates and start points: seed s starts every optimizer and learning rate
/// from the same point, <see cref="Minimizer"/>'s start or, with a <see cref="Box"/>, a point drawn from the box with
/// seed s. Each run records f at the end, the lowest f seen, the final gradient norm and, with a
/// <see cref="Tolerance"/>, the steps it took to get within it.
/// </summary>
public sealed record MinimizeSweep : Sweep
{
    /// <summary>Most curve points recorded per run: longer runs are thinned evenly, the first and last step kept.</summary>
    public const int CurvePoints = 1000;

    /// <summary>The function, variables, start (unless <see cref="Box"/> is given), optimizers, steps, dtype, scheduler and clipping.</summary>
    public required Minimizer Minimizer { get; init; }

    /// <summary>Where to draw each seed's start point, or null to start every run from <see cref="Minimizer"/>'s start.</summary>
    public StartBox? Box { get; init; }

    /// <summary>The tolerance of <see cref="MinimizeMetric.Steps"/>, &gt; 0, or null.</summary>
    public double? Tolerance { get; init; }

    /// <summary>The known minimum of f, so that the tolerance applies to f − f_min; null to apply it to |grad f|.</summary>
    public double? FMin { get; init; }

    /// <summary>What chooses the learning rate and is reported: the final value, or the steps to the tolerance.</summary>
    public MinimizeMetric Metric { get; init; } = MinimizeMetric.Value;

    /// <inheritdoc/>
    public override IReadOnlyList<OptimizerOptions> Optimizers => Minimizer.Optimizers;

    /// <inheritdoc/>
    public override void Validate()
    {
        ArgumentNullException.ThrowIfNull(Minimizer);
        base.Validate();
        Minimizer start = Box is null ? Minimizer : Minimizer with { Variables = Box.Variables, Start = Box.Draw(FirstSeed) };
        start.Validate();
        foreach (OptimizerOptions optimizer in Optimizers)
            foreach (double lr in Lrs.Values) Minimizer.Scheduler?.CheckRun(optimizer with { Lr = lr }, Minimizer.Steps);
        if (Box is null && Seeds > 1)
            throw new InputException($"--seeds {Seeds}: every seed would start from the same point and run the same; give --from-box to draw a start per seed, or 1 seed");
        if (Tolerance is double tol && !(tol > 0 && double.IsFinite(tol))) throw new InputException($"--tol {SpecFormat.Number(tol)} is invalid: it must be a finite number > 0");
        if (FMin is double f && !double.IsFinite(f)) throw new InputException($"--f-min {SpecFormat.Number(f)} is invalid: it must be a finite number");
        if (Metric == MinimizeMetric.Steps && Tolerance is null) throw new InputException("the steps metric needs a tolerance (--tol)");
        if (FMin is not null && Tolerance is null) throw new InputException("--f-min goes with --tol: the steps until f - f_min < tol");
    }

    /// <inheritdoc/>
    public override SweepDefinition Define()
    {
        Validate();
        bool steps = Metric == MinimizeMetric.Steps;
        string metric = steps ? "steps_to_tol" : "final_value";
        string Number(double v) => SpecFormat.Number(v);
        return new SweepDefinition
        {
            Kind = "minimize",
            Title = $"minimizing {Minimizer.Function.Text}",
            Settings =
            [
                KeyValuePair.Create("function", Minimizer.Function.Text),
                KeyValuePair.Create("variables", string.Join(",", Box?.Variables ?? Minimizer.Variables)),
                Box is null
                    ? KeyValuePair.Create("start", string.Join(",", Minimizer.Variables.Select((v, i) => $"{v}={Number(Minimizer.Start[i])}")))
                    : KeyValuePair.Create("start_box", Box.ToString()),
                KeyValuePair.Create("steps", Minimizer.Steps.ToString(CultureInfo.InvariantCulture)),
                KeyValuePair.Create("dtype", Minimizer.DType.ToString().ToLowerInvariant()),
                KeyValuePair.Create("scheduler", Minimizer.Scheduler?.ToSpec() ?? "none"),
                KeyValuePair.Create("gradient_clipping", Minimizer.Clipping?.ToString() ?? "none"),
                KeyValuePair.Create("tolerance", Tolerance is double t ? $"{(FMin is double f ? $"f - {Number(f)}" : "|grad f|")} < {Number(t)}" : "none"),
                KeyValuePair.Create("metric", steps ? "steps" : "value"),
                .. GridSettings(),
            ],
            Optimizers = [.. Optimizers.Select(Label)],
            Lrs = Lrs.Values,
            Seeds = SeedValues,
            Metrics = Tolerance is null ? ["final_value", "best_value", "final_grad_norm"] : ["final_value", "best_value", "final_grad_norm", "steps_to_tol"],
            SelectBy = metric,
            ReportBy = metric,
            Censored = steps ? Minimizer.Steps + 1 : null,
            CurveAxis = "step",
            CurveValues = ["value"],
            CurvePlotted = "value",
        };
    }

    /// <summary>The start point of the seed with index <paramref name="seed"/>.</summary>
    public IReadOnlyList<double> StartOf(int seed) => Box is null ? Minimizer.Start : Box.Draw(SeedValues[seed]);

    private protected override Func<SweepCell, SweepRun> Start()
    {
        IReadOnlyList<ulong> seeds = SeedValues;
        Minimizer[] starts = [.. seeds.Select(seed => Box is null ? Minimizer : Minimizer with { Variables = Box.Variables, Start = Box.Draw(seed) })];
        return cell => Minimize(starts[cell.Seed], cell);
    }

    private SweepRun Minimize(Minimizer minimizer, SweepCell cell)
    {
        Trajectory t = minimizer.Run(Optimizers[cell.Optimizer] with { Lr = Lrs.Values[cell.Lr] });
        double best = double.PositiveInfinity;
        foreach (double v in t.Values) if (v < best) best = v;
        if (double.IsPositiveInfinity(best)) best = double.NaN; // nothing finite was seen
        var metrics = new List<double> { t.Values[^1], best, t.GradientNorms[^1] };
        if (Tolerance is double tol)
        {
            int reached = -1;
            for (int k = 0; k < t.Values.Count && reached < 0; k++)
                if (FMin is double f ? t.Values[k] - f < tol : t.GradientNorms[k] < tol) reached = k;
            metrics.Add(reached < 0 ? double.NaN : reached);
        }
        // At most CurvePoints points, evenly spread over the steps, the first and the last always among them.
        int points = t.Values.Count, kept = Math.Min(points, CurvePoints);
        var curve = new double[kept][];
        for (int j = 0; j < kept; j++)
        {
            int k = kept == points ? j : (int)Math.Round((double)j * (points - 1) / (kept - 1), MidpointRounding.ToEven);
            curve[j] = [k, t.Values[k]];
        }
        return new SweepRun(cell.Run, t.Optimizer, metrics, t.StoppedEarly is null ? null : t.Steps, curve);
    }
}
