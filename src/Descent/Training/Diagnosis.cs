using Descent.Curvature;
using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Training;

/// <summary>
/// Why a run of a <see cref="Minimizer"/> ended where it did, explained from the curvature: the Hessian's extreme
/// eigenvalues at the start and along the path, the optimizer's stability bound where theory gives one
/// (<see cref="StabilityBound"/>), and a <see cref="Verdict"/> with an explanation in words. Oscillation is read off
/// the run: the step's component along the top eigenvector changing sign in at least half the steps.
/// </summary>
public sealed record Diagnosis
{
    /// <summary>The tolerance a verdict uses unless told otherwise: f - f* (or the gradient norm) below it is converged.</summary>
    public const double DefaultTolerance = 1e-6;

    // At most this many points of a path get their spectrum computed (evenly spread, the start and the end included).
    private const int PathSamples = 40;

    /// <summary>The optimizer's spec, e.g. <c>sgd(lr=0.7)</c>.</summary>
    public required string Optimizer { get; init; }

    /// <summary>The verdict.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>The verdict's reasons in a sentence or two, with the numbers that decide it.</summary>
    public required string Explanation { get; init; }

    /// <summary>The curvature at the start.</summary>
    public required Spectrum AtStart { get; init; }

    /// <summary>The curvature at points along the path (step, spectrum), the start and the last finite point included.</summary>
    public required IReadOnlyList<(int Step, Spectrum Spectrum)> Path { get; init; }

    /// <summary>The optimizer's stability bound at the start's curvature, or null where theory gives none.</summary>
    public StabilityBound? Bound { get; init; }

    /// <summary>Whether the Hessian was the same at every sampled point (a quadratic), so the bound holds along the whole path.</summary>
    public bool ConstantCurvature { get; init; }

    /// <summary>What else matters: the Hessian undefined somewhere, the run leaving the function's domain.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>A diagnosis of each run of <paramref name="minimizer"/>, which ran its optimizers in order.</summary>
    public static IReadOnlyList<Diagnosis> Of(Minimizer minimizer, IReadOnlyList<Trajectory> runs, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(minimizer);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count != minimizer.Optimizers.Count) throw new ArgumentException("One run per optimizer of the minimizer, in order.", nameof(runs));
        return [.. runs.Select((run, i) => Of(minimizer, minimizer.Optimizers[i], run, tolerance))];
    }

    /// <summary>A diagnosis of <paramref name="run"/>, a run of <paramref name="optimizer"/> by <paramref name="minimizer"/>.</summary>
    /// <param name="minimizer">The minimization (function, variables, known minima).</param>
    /// <param name="optimizer">The run's optimizer.</param>
    /// <param name="run">The run.</param>
    /// <param name="tolerance">f - f* (or the gradient norm without a known minimum) below it counts as converged; at least <see cref="Minimizer.Resolution"/>.</param>
    public static Diagnosis Of(Minimizer minimizer, OptimizerOptions optimizer, Trajectory run, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(minimizer);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tolerance);
        // A float32 run cannot get closer to f* than float32's spacing there: judge it by what it can reach.
        return new Judge(minimizer, optimizer, run, Math.Max(tolerance, minimizer.Resolution)).Diagnose();
    }

    /// <summary>The state one diagnosis needs: the run, its curvature samples, and the measure of success.</summary>
    private sealed class Judge
    {
        private readonly Minimizer _minimizer;
        private readonly OptimizerOptions _optimizer;
        private readonly Trajectory _run;
        private readonly double _tolerance;
        private readonly Hessian _hessian;
        private readonly int _last; // the last point where f and the point are finite
        private readonly List<(int Step, Spectrum Spectrum)> _path = [];
        private readonly List<string> _notes = [];

        public Judge(Minimizer minimizer, OptimizerOptions optimizer, Trajectory run, double tolerance)
        {
            (_minimizer, _optimizer, _run, _tolerance) = (minimizer, optimizer, run, tolerance);
            _hessian = new Hessian(minimizer.Function, minimizer.Variables, minimizer.SizeValues);
            _last = run.Steps;
            while (_last > 0 && !(double.IsFinite(run.Values[_last]) && run.Points[_last].All(double.IsFinite))) _last--;
            foreach (int k in Enumerable.Range(0, PathSamples).Select(i => (int)Math.Round((double)i * _last / (PathSamples - 1))).Distinct())
                _path.Add((k, _hessian.Spectrum(run.Points[k])));
        }

        private int Dimension => _minimizer.Variables.Count;

        private Spectrum AtStart => _path[0].Spectrum;

        private Spectrum AtEnd => _path[^1].Spectrum;

        private string Measure => _run.SuccessMeasure;

        private double MeasureAt(int k) => _run.Gaps is { } gaps ? gaps[k] : _run.GradientNorms[k];

        public Diagnosis Diagnose()
        {
            foreach (var (step, spectrum) in _path)
                if (spectrum.Undefined is { } why)
                {
                    _notes.Add($"the Hessian is not defined at {(step == 0 ? "the start" : $"step {step}")}: {why}; no curvature there");
                    break;
                }
            if (_minimizer.TestFunction is { } known && !known.InDomain(_run.Points[_last]))
                _notes.Add($"the run left the domain of {known.Name}, where f* = {Short(known.MinimumValue)} is the minimum: outside it f can be lower, or have no minimum at all");
            var (verdict, explanation) = Verdict();
            Spectrum start = AtStart;
            return new Diagnosis
            {
                Optimizer = _run.Optimizer,
                Verdict = verdict,
                Explanation = explanation,
                AtStart = start,
                Path = _path,
                Bound = start.IsDefined ? StabilityBound.For(_optimizer, start.Largest, start.Smallest) : null,
                ConstantCurvature = _path.All(p => p.Spectrum.IsDefined && Same(p.Spectrum.Largest, start.Largest) && Same(p.Spectrum.Smallest, start.Smallest)),
                Notes = _notes,
            };
        }

        private (Verdict, string) Verdict()
        {
            double f0 = _run.Values[0], fLast = _run.Values[_last];
            if (!double.IsFinite(f0)) return (Training.Verdict.Stalled, $"f is not finite at the start (f = {Short(f0)}): no step can be taken from there");
            if (_run.Steps == 0) return (Training.Verdict.Stalled, "no steps were taken");
            bool stopped = _run.StoppedEarly is not null;
            if (stopped && fLast < f0) return (Training.Verdict.Diverged, $"f fell without bound, to {Short(fLast)} at step {_last}: the function has no minimum in the direction the run went");
            if (stopped || (fLast > f0 && _last > 0 && fLast > _run.Values[_last - 1])) return Diverged(stopped);
            int? reached = _run.FirstStepWithin(_tolerance);
            bool within = MeasureAt(_last) < _tolerance;
            var (flips, counted) = SignChanges(0);
            bool zigzag = counted >= 3 && 2 * flips >= counted;
            string flipsText = $"the step along the top eigenvector changed sign in {flips} of {counted} steps";
            Spectrum end = AtEnd;
            bool saddle = end.IsDefined && end.Smallest < -1e-8 * Math.Max(1, Math.Abs(end.Largest));
            if (within && !(saddle && _run.Gaps is null))
            {
                string how = Rate(end) ?? (zigzag ? $"{flipsText}: {_optimizer.Name}'s steps overshoot the minimum, but it got there" : $"{_optimizer.Name} approached the minimum");
                string when = reached is { } k ? $"{Measure} < {SpecFormat.Number(_tolerance)} from step {k}" : "";
                return (zigzag ? Training.Verdict.Oscillating : Training.Verdict.Converged, $"{how}; {when}");
            }
            double g = _run.GradientNorms[_last];
            bool tiny = g < _tolerance || g <= 1e-6 * _run.GradientNorms[0];
            if (tiny) return Stalled(end, g);
            var (lateFlips, lateCounted) = SignChanges(_last / 2);
            if (lateCounted >= 3 && 2 * lateFlips >= lateCounted)
            {
                string why = Rate(end) ?? $"the step along the top eigenvector changed sign in {lateFlips} of {lateCounted} of the last steps: {_optimizer.Name}'s steps overshoot across the valley (curvature L = {Short(end.Largest)} there)";
                return (Training.Verdict.Oscillating, $"{why}; {Measure} = {Short(MeasureAt(_last))} after {_last} steps, not yet below {SpecFormat.Number(_tolerance)}");
            }
            return Descending(end);
        }

        // The optimizer's bound at a point's curvature in words, where theory gives one.
        private string? Rate(Spectrum at) =>
            at.IsDefined && StabilityBound.For(_optimizer, at.Largest, at.Smallest) is { } bound ? bound.Describe(Dimension) : null;

        private (Verdict, string) Diverged(bool stopped)
        {
            // The blow-up starts where f last stopped rising before the end.
            int onset = _last;
            while (onset > 0 && _run.Values[onset] > _run.Values[onset - 1]) onset--;
            double[] from = _run.Points[onset], to = _run.Points[Math.Min(onset + 1, _run.Steps)];
            int variable = Enumerable.Range(0, Dimension).MaxBy(i => double.IsFinite(to[i] - from[i]) ? Math.Abs(to[i] - from[i]) : double.PositiveInfinity);
            string rose = onset == _last
                ? $"f stopped being finite at step {_last + 1}"
                : $"f rose from {Short(_run.Values[onset])} at step {onset} to {Short(_run.Values[_last])} at step {_last}" + (stopped ? ", then stopped being finite" : "");
            string start = $"{rose}; {_minimizer.Variables[variable]} moved most in step {onset + 1}";
            Spectrum local = _hessian.Spectrum(from);
            if (!local.IsDefined) return (Training.Verdict.Diverged, $"{start} (the Hessian is not defined there: {local.Undefined})");
            string curvature = $"the local curvature at step {onset} is L = {Short(local.Largest)}";
            if (!(local.Largest > 0)) return (Training.Verdict.Diverged, $"{start}; {curvature}: f curves down there, so no step size brings it back");
            if (StabilityBound.For(_optimizer, local.Largest, local.Smallest) is { } bound)
                return (Training.Verdict.Diverged, $"{start}; {curvature}: {bound.Describe(Dimension)}; the largest stable lr there is {Short(bound.MaxLr)}");
            return (Training.Verdict.Diverged, $"{start}; {curvature}: theory gives {_optimizer.Name} no stability bound, but gradient descent would have been stable there only for lr < 2/L = {Short(2 / local.Largest)}");
        }

        private (Verdict, string) Stalled(Spectrum end, double g)
        {
            string gradient = $"|grad f| = {Short(g)}";
            if (!end.IsDefined) return (Training.Verdict.Stalled, $"{gradient} after {_last} steps, {Measure} = {Short(MeasureAt(_last))}; the Hessian is not defined there ({end.Undefined})");
            double scale = Math.Max(1, Math.Abs(end.Largest));
            if (end.Smallest < -1e-8 * scale)
                return (Training.Verdict.Stalled, $"at a saddle point: {gradient}, but the Hessian has a negative eigenvalue {Short(end.Smallest)} along ({string.Join(", ", end.SmallestVector.Select(Short))}): f descends that way, but the gradient is too small to find it");
            if (end.Largest < 1e-6 * scale)
                return (Training.Verdict.Stalled, $"on a plateau: {gradient} and the curvature L = {Short(end.Largest)} are nearly zero, far from a minimum ({Measure} = {Short(MeasureAt(_last))})");
            string where = _run.Distances is { } d ? $", {Short(d[_last])} from the nearest global minimum" : "";
            return (Training.Verdict.Stalled, $"in a local minimum: {Measure} = {Short(MeasureAt(_last))}{where}; {gradient} and the Hessian there is positive definite (mu = {Short(end.Smallest)})");
        }

        private (Verdict, string) Descending(Spectrum end)
        {
            int window = Math.Max(1, _last / 10);
            string progress = $"{Measure} = {Short(MeasureAt(_last))} after {_last} steps (f fell by {Short(_run.Values[_last - window] - _run.Values[_last])} in the last {window})";
            if (!end.IsDefined) return (Training.Verdict.Descending, progress);
            if (!(end.Largest > 1e-12)) return (Training.Verdict.Descending, $"{progress}; f does not curve up there (L = {Short(end.Largest)}): nothing ends the descent in the direction it goes");
            string curvature = end.Smallest > 0
                ? $"the curvature there ranges from mu = {Short(end.Smallest)} to L = {Short(end.Largest)} (condition number {Short(end.ConditionNumber)})"
                : $"the curvature there ranges from {Short(end.Smallest)} to L = {Short(end.Largest)}";
            return (Training.Verdict.Descending, Rate(end) is { } rate ? $"{progress}; {curvature}: {rate}" : $"{progress}; {curvature}");
        }

        /// <summary>How often consecutive steps from <paramref name="from"/> on point opposite ways along the top eigenvector, among those that move along it.</summary>
        private (int Flips, int Counted) SignChanges(int from)
        {
            int flips = 0, counted = 0, sample = 0;
            for (int k = from; k + 2 <= _last; k++)
            {
                while (sample + 1 < _path.Count && _path[sample + 1].Step <= k) sample++;
                Spectrum s = _path[sample].Spectrum;
                if (!s.IsDefined) continue;
                double a = Along(k, s.LargestVector), b = Along(k + 1, s.LargestVector);
                if (double.IsNaN(a) || double.IsNaN(b)) continue;
                counted++;
                if (a * b < 0) flips++;
            }
            return (flips, counted);
        }

        // The step from point k along the unit vector u, or NaN when the step is zero or mostly across u.
        private double Along(int k, IReadOnlyList<double> u)
        {
            double[] p = _run.Points[k], q = _run.Points[k + 1];
            double dot = 0, norm = 0;
            for (int i = 0; i < p.Length; i++)
            {
                dot += (q[i] - p[i]) * u[i];
                norm += (q[i] - p[i]) * (q[i] - p[i]);
            }
            return norm > 0 && Math.Abs(dot) > 1e-3 * Math.Sqrt(norm) ? dot : double.NaN;
        }

        private static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

        private static string Short(double value) => StabilityBound.Short(value);
    }
}
