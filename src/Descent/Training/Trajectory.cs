using System.Globalization;
using Descent.Functions;
using Descent.Specs;

namespace Descent.Training;

/// <summary>
/// The points an optimizer visited while minimizing a function: point k is the parameter vector
/// after k steps (point 0 is the start), with f and the gradient norm there, and the learning rate
/// (and cycled momentum) the next step uses.
/// </summary>
public sealed class Trajectory(string expression, string optimizer, IReadOnlyList<string> variables, string? scheduler = null)
{
    private readonly List<double[]> _points = [];
    private readonly List<double> _values = [];
    private readonly List<double> _gradientNorms = [];
    private readonly List<double> _lrs = [];
    private readonly List<double> _momenta = [];
    private List<double>? _gaps, _distances;
    private IReadOnlyList<Minimum>? _minima;

    /// <summary>The function, as the user typed it.</summary>
    public string Expression { get; } = expression;

    /// <summary>The optimizer's spec, e.g. <c>sgd(lr=0.1)</c>.</summary>
    public string Optimizer { get; } = optimizer;

    /// <summary>The variable names, in parameter order.</summary>
    public IReadOnlyList<string> Variables { get; } = variables;

    /// <summary>The learning-rate scheduler's spec, or null if the run had none.</summary>
    public string? Scheduler { get; } = scheduler;

    /// <summary>
    /// The visited points; <c>Points[k]</c> is the point after k steps. The start and the final point are whole; a run
    /// that kept only some coordinates (<see cref="Minimizer.KeptCoordinates"/>) holds only the first ones of the points between.
    /// </summary>
    public IReadOnlyList<double[]> Points => _points;

    /// <summary>f at each point.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The Euclidean norm of the gradient at each point.</summary>
    public IReadOnlyList<double> GradientNorms => _gradientNorms;

    /// <summary>The learning rate of the optimizer's group 0 at each point: after k scheduler steps (row 0: right after the scheduler was built).</summary>
    public IReadOnlyList<double> Lrs => _lrs;

    /// <summary>The momentum (betas[0] for Adam-like optimizers) the scheduler cycles, at each point as <see cref="Lrs"/>; empty if it cycles none.</summary>
    public IReadOnlyList<double> Momenta => _momenta;

    /// <summary>Optimizer steps taken (one less than the number of points).</summary>
    public int Steps => _points.Count - 1;

    /// <summary>Why the run stopped before its step budget (f or the point became non-finite), or null if it did not.</summary>
    public string? StoppedEarly { get; internal set; }

    /// <summary>f - f* at each point when the global minimum is known (a catalog function), else null.</summary>
    public IReadOnlyList<double>? Gaps => _gaps;

    /// <summary>The Euclidean distance from each point to the nearest global minimum when they are known, else null.</summary>
    public IReadOnlyList<double>? Distances => _distances;

    /// <summary>The known global minima that <see cref="Gaps"/> and <see cref="Distances"/> measure against (a catalog function's), else null.</summary>
    public IReadOnlyList<Minimum>? GlobalMinima => _minima;

    /// <summary>What <see cref="FirstStepWithin"/> measures: <c>f - f*</c> when the minimum is known, else <c>|grad f|</c>.</summary>
    public string SuccessMeasure => _gaps is null ? "|grad f|" : "f - f*";

    /// <summary>
    /// The first step k at which f - f* &lt; <paramref name="tolerance"/>, or, without a known minimum, the
    /// gradient norm; null if no point of the run got there.
    /// </summary>
    public int? FirstStepWithin(double tolerance)
    {
        IReadOnlyList<double> measure = _gaps ?? _gradientNorms;
        for (int k = 0; k < measure.Count; k++)
            if (measure[k] < tolerance) return k;
        return null;
    }

    /// <summary>A point written with more coordinates than this shows its first three and says how many more there are.</summary>
    public const int PointTextCoordinates = 8;

    /// <summary>
    /// Point <paramref name="k"/> as text, <c>x = 2, y = 2</c>, numbers in shortest round-trip form; a point of more than
    /// <see cref="PointTextCoordinates"/> coordinates as <c>x[1] = 0, x[2] = 0, x[3] = 0, ... (9,997 more)</c>.
    /// </summary>
    public string PointText(int k, string separator = ", ")
    {
        ArgumentNullException.ThrowIfNull(separator);
        double[] point = _points[k];
        int shown = Math.Min(point.Length, Variables.Count <= PointTextCoordinates ? Variables.Count : 3);
        string text = string.Join(separator, Variables.Take(shown).Select((v, i) => $"{v} = {Format(point[i])}"));
        return shown == Variables.Count ? text : $"{text}{separator}... ({(Variables.Count - shown).ToString("N0", CultureInfo.InvariantCulture)} more)";
    }

    /// <summary>Replaces the last point with <paramref name="point"/>: the whole point where a run that keeps only some coordinates ends early.</summary>
    internal void ReplaceLastPoint(double[] point) => _points[^1] = point;

    internal void Add(double[] point, double value, double gradientNorm, double lr, double? momentum)
    {
        _points.Add(point);
        _values.Add(value);
        _gradientNorms.Add(gradientNorm);
        _lrs.Add(lr);
        if (momentum is double m) _momenta.Add(m);
    }

    /// <summary>Measures every point against the known global minima of <paramref name="function"/>.</summary>
    internal void Measure(TestFunction function)
    {
        _minima = function.GlobalMinima;
        _gaps = [.. _values.Select(function.Gap)];
        _distances = [.. _points.Select(p => function.Nearest(p).Distance)];
    }

    // The gap and distance columns, present when the minima are known.
    private static string MeasureHeader(Trajectory run) => run._gaps is null ? "" : ",gap,distance";

    private string MeasureFields(int k) => _gaps is null ? "" : "," + Format(_gaps[k]) + "," + Format(_distances![k]);

    /// <summary>
    /// The runs of a race, best first: by final value, lowest first, those whose final value is not finite last; ties keep
    /// their order.
    /// </summary>
    public static IReadOnlyList<Trajectory> BestFirst(IReadOnlyList<Trajectory> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return [.. runs.OrderBy(r => double.IsFinite(r.Values[^1]) ? r.Values[^1] : double.PositiveInfinity)];
    }

    /// <summary>
    /// Writes the trajectory as CSV: header <c>step,&lt;variables&gt;,value</c>, plus <c>,lr</c> when the run had a
    /// scheduler, then one row per point; numbers in shortest round-trip form, invariant culture.
    /// </summary>
    public void WriteCsv(TextWriter writer) => WriteCsv([this], writer, withOptimizer: false);

    /// <summary>
    /// Writes the trajectory as CSV with only the first <paramref name="coordinates"/> coordinates of each point (a point of
    /// 10,000 coordinates a row is more than anyone reads): when some are left out, a <c>grad_norm</c> column follows
    /// <c>value</c>, so the rows still show how the run went.
    /// </summary>
    public void WriteCsv(TextWriter writer, int coordinates) => WriteCsv([this], writer, withOptimizer: false, coordinates);

    /// <summary>
    /// Writes several runs of the same function as one CSV: header <c>optimizer,step,&lt;variables&gt;,value</c>
    /// (and <c>,lr</c> with a scheduler), the rows of each run in turn (specs quoted where they hold commas).
    /// </summary>
    public static void WriteCsv(IReadOnlyList<Trajectory> runs, TextWriter writer) => WriteCsv(runs, writer, withOptimizer: true);

    /// <summary>Writes several runs as one CSV (see <see cref="WriteCsv(IReadOnlyList{Trajectory}, TextWriter)"/>), with only the first <paramref name="coordinates"/> coordinates (see <see cref="WriteCsv(TextWriter, int)"/>).</summary>
    public static void WriteCsv(IReadOnlyList<Trajectory> runs, TextWriter writer, int coordinates) => WriteCsv(runs, writer, withOptimizer: true, coordinates);

    private static void WriteCsv(IReadOnlyList<Trajectory> runs, TextWriter writer, bool withOptimizer, int coordinates = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegative(coordinates);
        // Without a scheduler the learning rate is the optimizer's, constant, and already in its spec.
        bool lr = runs[0].Scheduler is not null;
        // A run that kept only some coordinates of its points can show only those.
        int shown = Math.Min(coordinates, runs.Min(r => r._points.Min(p => p.Length)));
        bool norm = shown < runs[0].Variables.Count;
        if (coordinates == int.MaxValue && norm)
            throw new InvalidOperationException($"The runs kept {shown} coordinates of their points, not all {runs[0].Variables.Count}.");
        writer.Write(withOptimizer ? "optimizer,step" : "step");
        foreach (string v in runs[0].Variables.Take(shown)) writer.Write("," + v);
        writer.Write(",value" + (norm ? ",grad_norm" : "") + (lr ? ",lr" : "") + MeasureHeader(runs[0]) + "\n");
        foreach (Trajectory run in runs)
        {
            string name = TrainingReport.CsvField(run.Optimizer) + ",";
            for (int k = 0; k < run._points.Count; k++)
            {
                if (withOptimizer) writer.Write(name);
                writer.Write(k.ToString(CultureInfo.InvariantCulture));
                foreach (double x in run._points[k].AsSpan(0, shown)) writer.Write("," + Format(x));
                writer.Write("," + Format(run._values[k]));
                if (norm) writer.Write("," + Format(run._gradientNorms[k]));
                writer.Write((lr ? "," + Format(run._lrs[k]) : "") + run.MeasureFields(k) + "\n");
            }
        }
    }

    /// <summary>A number in shortest round-trip form, invariant culture.</summary>
    public static string Format(double value) => SpecFormat.Number(value);
}
