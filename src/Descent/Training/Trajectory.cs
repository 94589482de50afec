using System.Globalization;
using Descent.Specs;

namespace Descent.Training;

/// <summary>
/// The points an optimizer visited while minimizing a function: point k is the parameter vector
/// after k steps (point 0 is the start), with f and the gradient norm there.
/// </summary>
public sealed class Trajectory(string expression, string optimizer, IReadOnlyList<string> variables)
{
    private readonly List<double[]> _points = [];
    private readonly List<double> _values = [];
    private readonly List<double> _gradientNorms = [];

    /// <summary>The function, as the user typed it.</summary>
    public string Expression { get; } = expression;

    /// <summary>The optimizer's spec, e.g. <c>sgd(lr=0.1)</c>.</summary>
    public string Optimizer { get; } = optimizer;

    /// <summary>The variable names, in parameter order.</summary>
    public IReadOnlyList<string> Variables { get; } = variables;

    /// <summary>The visited points; <c>Points[k]</c> is the point after k steps.</summary>
    public IReadOnlyList<double[]> Points => _points;

    /// <summary>f at each point.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The Euclidean norm of the gradient at each point.</summary>
    public IReadOnlyList<double> GradientNorms => _gradientNorms;

    /// <summary>Optimizer steps taken (one less than the number of points).</summary>
    public int Steps => _points.Count - 1;

    /// <summary>Why the run stopped before its step budget (f or the point became non-finite), or null if it did not.</summary>
    public string? StoppedEarly { get; internal set; }

    internal void Add(double[] point, double value, double gradientNorm)
    {
        _points.Add(point);
        _values.Add(value);
        _gradientNorms.Add(gradientNorm);
    }

    /// <summary>
    /// Writes the trajectory as CSV: header <c>step,&lt;variables&gt;,value</c>, then one row per point;
    /// numbers in shortest round-trip form, invariant culture.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.Write("step");
        foreach (string v in Variables) writer.Write("," + v);
        writer.Write(",value\n");
        for (int k = 0; k < _points.Count; k++)
        {
            writer.Write(k.ToString(CultureInfo.InvariantCulture));
            foreach (double x in _points[k]) writer.Write("," + Format(x));
            writer.Write("," + Format(_values[k]) + "\n");
        }
    }

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
    /// Writes several runs of the same function as one CSV: header <c>optimizer,step,&lt;variables&gt;,value</c>,
    /// the rows of each run in turn (specs quoted where they hold commas).
    /// </summary>
    public static void WriteCsv(IReadOnlyList<Trajectory> runs, TextWriter writer)
    {
        writer.Write("optimizer,step");
        foreach (string v in runs[0].Variables) writer.Write("," + v);
        writer.Write(",value\n");
        foreach (Trajectory run in runs)
        {
            string name = TrainingReport.CsvField(run.Optimizer);
            for (int k = 0; k < run._points.Count; k++)
            {
                writer.Write(name + "," + k.ToString(CultureInfo.InvariantCulture));
                foreach (double x in run._points[k]) writer.Write("," + Format(x));
                writer.Write("," + Format(run._values[k]) + "\n");
            }
        }
    }

    /// <summary>A number in shortest round-trip form, invariant culture.</summary>
    public static string Format(double value) => SpecFormat.Number(value);
}
