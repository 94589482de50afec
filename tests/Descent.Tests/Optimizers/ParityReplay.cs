using System.Numerics;
using Descent.Expressions;
using Descent.Optimizers;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Tests.Optimizers;

/// <summary>
/// Descent's replay of one recorded trajectory: every number PyTorch recorded (each point's coordinates
/// and f, or each step's parameters and batch loss) beside the one Descent computed at the same place.
/// Both parity checks (within tolerance, bit for bit) judge this one replay.
/// </summary>
public sealed class ParityReplay
{
    private readonly List<Number> _numbers = [];

    private ParityReplay(ParityCase c) => Case = c;

    /// <summary>One recorded number and Descent's.</summary>
    /// <param name="Where">Where in the trajectory, for messages, e.g. "step 3, x" or "batch 2 loss".</param>
    public readonly record struct Number(string Where, double Got, double Expected);

    public ParityCase Case { get; }

    /// <summary>Optimizer steps PyTorch recorded.</summary>
    public int RecordedSteps { get; private set; }

    /// <summary>Optimizer steps Descent took; numbers are compared for the steps both have.</summary>
    public int ReplayedSteps { get; private set; }

    /// <summary>The compared numbers, in trajectory order.</summary>
    public IReadOnlyList<Number> Numbers => _numbers;

    /// <summary>Whether Descent reproduced every recorded number bit for bit (see <see cref="ParityCase.BitIdentical"/>).</summary>
    public bool IsBitIdentical => RecordedSteps == ReplayedSteps && _numbers.All(n => Case.BitIdentical(n.Got, n.Expected));

    /// <summary>The first number outside the parity README's tolerance, if any.</summary>
    public Number? FirstNotClose => _numbers.Cast<Number?>().FirstOrDefault(n => !Case.Close(n!.Value.Got, n.Value.Expected));

    /// <summary>The first number that differs at all, if any.</summary>
    public Number? FirstDifference => _numbers.Cast<Number?>().FirstOrDefault(n => !Case.BitIdentical(n!.Value.Got, n.Value.Expected));

    /// <summary>Replays <paramref name="c"/> in its dtype.</summary>
    public static ParityReplay Run(ParityCase c)
    {
        var replay = new ParityReplay(c);
        switch (c.Kind, c.IsFloat32)
        {
            case ("function", true): replay.Function<float>(); break;
            case ("function", false): replay.Function<double>(); break;
            case ("linreg", true): replay.LinearRegression<float>(); break;
            case ("linreg", false): replay.LinearRegression<double>(); break;
            default: throw new InvalidOperationException($"{c}: unknown kind");
        }
        return replay;
    }

    private void Function<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var json = Case.Json;
        Expression f = Expression.Parse(json.GetProperty("expression").GetString()!);
        string[] variables = [.. json.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!)];
        var minimizer = new Minimizer
        {
            Function = f,
            Variables = variables,
            Start = ParityCase.Doubles(json.GetProperty("start")),
            Steps = json.GetProperty("steps").GetInt32(),
            DType = typeof(T) == typeof(float) ? DType.Float32 : DType.Float64,
        };
        Trajectory t = minimizer.Run(OptimizerCatalog.Parse(Case.Spec));
        double[][] points = [.. json.GetProperty("points").EnumerateArray().Select(ParityCase.Doubles)];
        double[] values = ParityCase.Doubles(json.GetProperty("values"));
        RecordedSteps = points.Length - 1;
        ReplayedSteps = t.Points.Count - 1;
        for (int k = 0; k < Math.Min(points.Length, t.Points.Count); k++)
        {
            for (int i = 0; i < variables.Length; i++) _numbers.Add(new($"step {k}, {variables[i]}", t.Points[k][i], points[k][i]));
            _numbers.Add(new($"step {k}, f", t.Values[k], values[k]));
        }
    }

    private void LinearRegression<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var json = Case.Json;
        var init = json.GetProperty("init");
        var weight = Tensor<T>.FromArray([.. ParityCase.Doubles(init.GetProperty("weight")[0]).Select(T.CreateChecked)], 1, 2).RequireGrad();
        var bias = Tensor<T>.FromArray([.. ParityCase.Doubles(init.GetProperty("bias")).Select(T.CreateChecked)]).RequireGrad();
        double[][] rows = [.. json.GetProperty("data").EnumerateArray().Select(ParityCase.Doubles)];
        int batchSize = json.GetProperty("batch_size").GetInt32(), epochs = json.GetProperty("epochs").GetInt32();
        Optimizer<T> optimizer = OptimizerCatalog.Parse(Case.Spec).Create<T>([weight, bias]);
        double[][] expectedParams = [.. json.GetProperty("params").EnumerateArray().Select(ParityCase.Doubles)];
        double[] expectedLosses = ParityCase.Doubles(json.GetProperty("batch_losses"));
        if (expectedLosses.Length != expectedParams.Length - 1)
            throw new InvalidDataException($"{Case}: {expectedParams.Length} parameter rows but {expectedLosses.Length} batch losses");
        RecordedSteps = expectedLosses.Length;

        int step = 0;
        AddParams(0);
        for (int epoch = 0; epoch < epochs; epoch++)
            for (int start = 0; start < rows.Length; start += batchSize)
            {
                double[][] batch = rows[start..Math.Min(start + batchSize, rows.Length)];
                var x = Tensor<T>.FromArray([.. batch.SelectMany(r => r[..2]).Select(T.CreateChecked)], batch.Length, 2);
                var y = Tensor<T>.FromArray([.. batch.Select(r => T.CreateChecked(r[2]))], batch.Length, 1);
                double Closure()
                {
                    optimizer.ZeroGrad();
                    Tensor<T> loss = (x.MatMul(weight.Transpose()) + bias - y).Square().Mean();
                    loss.Backward();
                    return double.CreateChecked(loss.Item());
                }
                double batchLoss = Closure();
                if (step < expectedLosses.Length) _numbers.Add(new($"batch {step + 1} loss", batchLoss, expectedLosses[step]));
                optimizer.Step(optimizer.RequiresClosure ? Closure : null);
                AddParams(++step);
            }
        ReplayedSteps = step;

        void AddParams(int k)
        {
            if (k >= expectedParams.Length) return;
            double[] got = [double.CreateChecked(weight.Data[0]), double.CreateChecked(weight.Data[1]), double.CreateChecked(bias.Data[0])];
            for (int i = 0; i < 3; i++) _numbers.Add(new($"after step {k}, parameter {i}", got[i], expectedParams[k][i]));
        }
    }
}
