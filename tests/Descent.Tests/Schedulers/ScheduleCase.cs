using System.Numerics;
using System.Text.Json;
using Descent.Expressions;
using Descent.Optimizers;
using Descent.Schedulers;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Tests.Schedulers;

/// <summary>
/// One recorded PyTorch 1.13 run with a learning-rate scheduler or gradient clipping (format: ../shared/parity/README.md,
/// section schedulers.jsonl): Fixtures/parity-schedulers.jsonl is the shared set; Fixtures/parity-schedulers-extra.jsonl
/// and Fixtures/parity-clipping.jsonl, recorded here with Debian's PyTorch 1.13.1 by Fixtures/generate_parity_schedulers.py,
/// cover settings the shared set does not, and clipping (function runs, and linear regressions with two parameter tensors).
/// </summary>
public sealed record ScheduleCase(string File, int Line, JsonElement Json)
{
    public string Optimizer => Json.GetProperty("optimizer").GetString()!;
    public string? Scheduler => Json.TryGetProperty("scheduler", out JsonElement s) ? s.GetString() : null;
    public string Kind => Json.GetProperty("kind").GetString()!;
    public bool IsFloat32 => Json.GetProperty("dtype").GetString() == "float32";
    public int Steps => Kind == "linreg" ? Json.GetProperty("batch_losses").GetArrayLength() : Json.GetProperty("steps").GetInt32();

    public static IReadOnlyList<ScheduleCase> Shared { get; } = Load("parity-schedulers.jsonl");

    public static IReadOnlyList<ScheduleCase> Extra { get; } = Load("parity-schedulers-extra.jsonl");

    public static IReadOnlyList<ScheduleCase> Clipping { get; } = Load("parity-clipping.jsonl");

    public static IEnumerable<ScheduleCase> All => Shared.Concat(Extra).Concat(Clipping);

    public static ScheduleCase Find(string file, int line) =>
        (file == "parity-schedulers.jsonl" ? Shared : file == "parity-clipping.jsonl" ? Clipping : Extra)[line - 1];

    private static ScheduleCase[] Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        return [.. System.IO.File.ReadLines(path).Select((line, i) => new ScheduleCase(name, i + 1, JsonDocument.Parse(line).RootElement))];
    }

    /// <summary>The tolerance the parity README calls fair for this dtype.</summary>
    public bool Close(double got, double expected) => IsFloat32
        ? Math.Abs(got - expected) <= 1e-5 + 1e-4 * Math.Abs(expected)
        : Math.Abs(got - expected) <= 1e-12 + 1e-9 * Math.Abs(expected);

    /// <summary>The gradient clipping the run used, or null.</summary>
    public GradientClipping? Clip => Json.TryGetProperty("clip_grad_norm", out JsonElement norm)
        ? new GradientClipping.ByNorm(norm.GetProperty("max_norm").GetDouble(), NormType(norm.GetProperty("norm_type")))
        : Json.TryGetProperty("clip_grad_value", out JsonElement value) ? new GradientClipping.ByValue(value.GetDouble()) : null;

    /// <summary>Every recorded number (points, values, lrs, momenta; or parameters and batch losses) beside Descent's.</summary>
    public IReadOnlyList<(string Where, double Got, double Expected)> Replay(out int replayedSteps) =>
        Kind == "linreg" ? (IsFloat32 ? LinearRegression<float>(out replayedSteps) : LinearRegression<double>(out replayedSteps)) : Function(out replayedSteps);

    /// <summary>A function run, through the library's Minimizer.</summary>
    private List<(string, double, double)> Function(out int replayedSteps)
    {
        var minimizer = new Minimizer
        {
            Function = Expression.Parse(Json.GetProperty("expression").GetString()!),
            Variables = [.. Json.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!)],
            Start = Doubles(Json.GetProperty("start")),
            Steps = Steps,
            DType = IsFloat32 ? DType.Float32 : DType.Float64,
            Optimizers = [OptimizerCatalog.Parse(Optimizer)],
            Scheduler = Scheduler is { } spec ? SchedulerCatalog.Parse(spec) : null,
            Clipping = Clip,
        };
        Trajectory t = minimizer.Run()[0];
        replayedSteps = t.Steps;
        var numbers = new List<(string, double, double)>();
        double[][] points = [.. Json.GetProperty("points").EnumerateArray().Select(Doubles)];
        double[] values = Doubles(Json.GetProperty("values"));
        double[]? lrs = Json.TryGetProperty("lrs", out JsonElement l) ? Doubles(l) : null;
        double[]? momenta = Json.TryGetProperty("momenta", out JsonElement m) ? Doubles(m) : null;
        if (momenta is not null && t.Momenta.Count == 0) numbers.Add(("momenta", double.NaN, momenta[0]));
        for (int k = 0; k < Math.Min(points.Length, t.Points.Count); k++)
        {
            for (int i = 0; i < t.Variables.Count; i++) numbers.Add(($"step {k}, {t.Variables[i]}", t.Points[k][i], points[k][i]));
            numbers.Add(($"step {k}, f", t.Values[k], values[k]));
            if (lrs is not null) numbers.Add(($"step {k}, lr", t.Lrs[k], lrs[k]));
            if (momenta is not null && k < t.Momenta.Count) numbers.Add(($"step {k}, momentum", t.Momenta[k], momenta[k]));
        }
        return numbers;
    }

    /// <summary>A linear regression (weight and bias, clipped together), in order, as the recording script trains it.</summary>
    private List<(string, double, double)> LinearRegression<T>(out int replayedSteps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        JsonElement init = Json.GetProperty("init");
        var weight = Tensor<T>.FromArray([.. Doubles(init.GetProperty("weight")[0]).Select(T.CreateChecked)], 1, 2).RequireGrad();
        var bias = Tensor<T>.FromArray([.. Doubles(init.GetProperty("bias")).Select(T.CreateChecked)]).RequireGrad();
        double[][] rows = [.. Json.GetProperty("data").EnumerateArray().Select(Doubles)];
        int batchSize = Json.GetProperty("batch_size").GetInt32(), epochs = Json.GetProperty("epochs").GetInt32();
        Optimizer<T> optimizer = OptimizerCatalog.Parse(Optimizer).Create<T>([weight, bias]);
        double[][] expectedParams = [.. Json.GetProperty("params").EnumerateArray().Select(Doubles)];
        double[] expectedLosses = Doubles(Json.GetProperty("batch_losses"));
        var numbers = new List<(string, double, double)>();
        int step = 0;
        void AddParams(int k)
        {
            double[] got = [double.CreateChecked(weight.Data[0]), double.CreateChecked(weight.Data[1]), double.CreateChecked(bias.Data[0])];
            for (int i = 0; i < 3; i++) numbers.Add(($"after step {k}, parameter {i}", got[i], expectedParams[k][i]));
        }
        AddParams(0);
        for (int epoch = 0; epoch < epochs; epoch++)
            for (int start = 0; start < rows.Length; start += batchSize)
            {
                double[][] batch = rows[start..Math.Min(start + batchSize, rows.Length)];
                var x = Tensor<T>.FromArray([.. batch.SelectMany(r => r[..2]).Select(T.CreateChecked)], batch.Length, 2);
                var y = Tensor<T>.FromArray([.. batch.Select(r => T.CreateChecked(r[2]))], batch.Length, 1);
                optimizer.ZeroGrad();
                Tensor<T> loss = (x.MatMul(weight.Transpose()) + bias - y).Square().Mean();
                loss.Backward();
                numbers.Add(($"batch {step + 1} loss", double.CreateChecked(loss.Item()), expectedLosses[step]));
                Clip!.Apply([weight, bias]);
                optimizer.Step();
                AddParams(++step);
            }
        replayedSteps = step;
        return numbers;
    }

    private static double NormType(JsonElement e) => e.ValueKind == JsonValueKind.String ? double.PositiveInfinity : e.GetDouble();

    public override string ToString() => $"{File} line {Line}: {Kind} {Optimizer}" + (Scheduler is null ? "" : $" with {Scheduler}") + (Clip is null ? "" : $", {Clip}");

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}
