using System.Numerics;
using Descent.Expressions;
using Descent.Optimizers;
using Descent.Tensors;
using Descent.Training;
using Descent.Specs;

namespace Descent.Tests.Optimizers;

/// <summary>Every recorded PyTorch 1.13 trajectory is reproduced within the parity README's tolerances.</summary>
public class ParityTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        // Every case runs: an optimizer missing from the catalog fails its cases rather than skipping them.
        foreach (ParityCase c in ParityCase.Public.Concat(ParityCase.Extra)) data.Add(c.File, c.Line);
        return data;
    }

    [Fact]
    public void TheFixturesHoldEveryCase()
    {
        Assert.Equal(204, ParityCase.Public.Count);
        Assert.True(ParityCase.Extra.Count >= 140);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string file, int line)
    {
        ParityCase c = (file == "parity-public.jsonl" ? ParityCase.Public : ParityCase.Extra)[line - 1];
        if (c.Kind == "function")
        {
            if (c.IsFloat32) CheckFunction<float>(c); else CheckFunction<double>(c);
        }
        else
        {
            if (c.IsFloat32) CheckLinearRegression<float>(c); else CheckLinearRegression<double>(c);
        }
    }

    private static void CheckFunction<T>(ParityCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var json = c.Json;
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
        Trajectory t = minimizer.Run(OptimizerCatalog.Parse(c.Spec));
        var points = json.GetProperty("points").EnumerateArray().Select(ParityCase.Doubles).ToArray();
        double[] values = ParityCase.Doubles(json.GetProperty("values"));
        Assert.Equal(points.Length, t.Points.Count);
        for (int k = 0; k < points.Length; k++)
        {
            for (int i = 0; i < variables.Length; i++)
                Assert.True(c.Close(t.Points[k][i], points[k][i]),
                    $"{c}: step {k}, {variables[i]} = {t.Points[k][i]:R}, PyTorch {points[k][i]:R}");
            Assert.True(c.Close(t.Values[k], values[k]), $"{c}: step {k}, f = {t.Values[k]:R}, PyTorch {values[k]:R}");
        }
    }

    private static void CheckLinearRegression<T>(ParityCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var json = c.Json;
        var init = json.GetProperty("init");
        var weight = Tensor<T>.FromArray([.. ParityCase.Doubles(init.GetProperty("weight")[0]).Select(T.CreateChecked)], 1, 2).RequireGrad();
        var bias = Tensor<T>.FromArray([.. ParityCase.Doubles(init.GetProperty("bias")).Select(T.CreateChecked)]).RequireGrad();
        double[][] rows = [.. json.GetProperty("data").EnumerateArray().Select(ParityCase.Doubles)];
        int batchSize = json.GetProperty("batch_size").GetInt32(), epochs = json.GetProperty("epochs").GetInt32();
        Optimizer<T> optimizer = OptimizerCatalog.Parse(c.Spec).Create([weight, bias]);
        double[][] expectedParams = [.. json.GetProperty("params").EnumerateArray().Select(ParityCase.Doubles)];
        double[] expectedLosses = ParityCase.Doubles(json.GetProperty("batch_losses"));

        int step = 0;
        CheckParams(0);
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
                Assert.True(c.Close(batchLoss, expectedLosses[step]), $"{c}: batch {step + 1} loss {batchLoss:R}, PyTorch {expectedLosses[step]:R}");
                optimizer.Step(optimizer.RequiresClosure ? Closure : null);
                CheckParams(++step);
            }
        Assert.Equal(expectedParams.Length, step + 1);

        void CheckParams(int k)
        {
            double[] got = [double.CreateChecked(weight.Data[0]), double.CreateChecked(weight.Data[1]), double.CreateChecked(bias.Data[0])];
            for (int i = 0; i < 3; i++)
                Assert.True(c.Close(got[i], expectedParams[k][i]), $"{c}: after step {k}, parameter {i} = {got[i]:R}, PyTorch {expectedParams[k][i]:R}");
        }
    }
}
