using Descent.Data;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>Training on real data: the diabetes data of Efron et al. (2004) shipped in Fixtures/diabetes (BSD-3-Clause).</summary>
public class RealDataTests
{
    public static readonly string Diabetes = Path.Combine(AppContext.BaseDirectory, "Fixtures", "diabetes", "diabetes.tsv");

    private static TrainingSetup Setup(Standardize standardize, string optimizer, int epochs) => new()
    {
        Data = new CsvSource(Diabetes, ["Y"]), // tab-separated: detected from the header
        Standardize = standardize,
        Optimizers = OptimizerCatalog.ParseList(optimizer),
        Epochs = epochs,
    };

    /// <summary>
    /// A standardization, an optimizer, epochs, and whether it ends within 1% of the least-squares optimum (null: it
    /// diverges). Unscaled, the serum measurements (S1 about 190) dwarf SEX (about 1.5): SGD with momentum diverges,
    /// and Adam, whose steps are about lr whatever the gradient, crawls to a target of mean 152.
    /// </summary>
    public static TheoryData<Standardize, string, int, bool?> Runs() => new()
    {
        { Standardize.None, "sgd(lr=0.01, momentum=0.9)", 200, null },
        { Standardize.Features, "sgd(lr=0.01, momentum=0.9)", 200, true },
        { Standardize.All, "sgd(lr=0.01, momentum=0.9)", 200, true },
        { Standardize.None, "adam(lr=0.05)", 200, false },
        { Standardize.Features, "adam(lr=0.05)", 200, false }, // the bias still has 152 to go, at about 0.05 a step
        { Standardize.All, "adam(lr=0.05)", 200, true },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void StandardizingBringsGradientDescentWithinOnePercentOfLeastSquares(Standardize standardize, string optimizer, int epochs, bool? withinOnePercent)
    {
        TrainingReport report = Setup(standardize, optimizer, epochs).Run();
        // The optimum is that of the data in its own units whatever is standardized (PyTorch 1.13's float64 lstsq on the same split: 2894.34204).
        double best = report.LeastSquaresTrainLoss!.Value;
        Assert.Equal(2894.3421, best, 1e-3);
        OptimizerResult r = report.Results[0];
        if (withinOnePercent is null)
        {
            Assert.NotNull(r.Stopped);
            return;
        }
        Assert.Null(r.Stopped);
        double gap = r.FinalFullTrainLoss / best - 1;
        Assert.True(gap > -1e-6, $"{gap} below the optimum");
        Assert.True(withinOnePercent == gap < 0.01, $"{standardize}, {optimizer}: gap {gap:P2}");
        // Losses are in the target's units (squared), never those of the standardized target (about 0.5).
        Assert.InRange(r.TestLosses[^1], 2000, 10000);
    }

    [Fact]
    public void TheFeaturesOfUnscaledDiabetesDataDifferInSizeByMoreThan100Times()
    {
        PreparedTraining<float> prepared = Setup(Standardize.None, "sgd(lr=0.01)", 1).Prepare<float>();
        ScaleSpread spread = prepared.Plan.FeatureSpread!;
        Assert.Equal(("S1", "SEX"), (spread.Largest, spread.Smallest));
        Assert.True(spread.Ratio > Standardization.LargeSpread, $"{spread.Ratio}");
        Assert.Null(prepared.Scaling);
        // Standardized, the training split's features have mean 0 and standard deviation 1 (the test split's only nearly).
        PreparedTraining<double> scaled = (Setup(Standardize.Features, "sgd(lr=0.01)", 1) with { DType = Descent.Tensors.DType.Float64 }).Prepare<double>();
        double[] x = scaled.TrainSet.Features.ToArray();
        for (int c = 0; c < 10; c++)
        {
            double[] column = [.. Enumerable.Range(0, scaled.TrainSet.Count).Select(i => x[i * 10 + c])];
            Assert.Equal(0, column.Average(), 1e-12);
            Assert.Equal(1, Math.Sqrt(column.Average(v => v * v)), 1e-12);
        }
        Assert.Equal(354, scaled.TrainSet.Count);
    }

    [Fact]
    public void StandardizingTheTargetsOfAClassifierIsRefused()
    {
        var setup = Setup(Standardize.All, "sgd(lr=0.01)", 1) with { Loss = new CrossEntropyLoss() };
        Assert.Equal("standardizing the targets would change cross_entropy's class labels: standardize only the features",
            Assert.Throws<InputException>(setup.Validate).Message);
    }

    [Fact]
    public void LbfgsLineSearchesTheLossItDifferentiatesWhenTheTargetsAreStandardized()
    {
        // The closure once returned the loss in the targets' units (about 5900 times the standardized one) beside the
        // standardized loss's gradient, so the strong Wolfe search compared values and slopes of different functions.
        // Standardized inside the runner or beforehand, the steps must be the same.
        PreparedTraining<double> prepared = (Setup(Standardize.All, "lbfgs(lr=1, line_search_fn=\"strong_wolfe\")", 2) with { DType = Descent.Tensors.DType.Float64 }).Prepare<double>();
        OptimizerResult Train(Standardization? scaling) => Trainer.Compare(prepared.Initial, new MseLoss(), prepared.TrainSet, null,
            prepared.Setup.Optimizers, prepared.Options, scaling: scaling)[0];
        OptimizerResult inside = Train(prepared.Scaling), before = Train(null);
        Assert.Equal(before.Weights.SelectMany(w => w.Value.ToArray()), inside.Weights.SelectMany(w => w.Value.ToArray()));
        // The losses reported differ only by the target's variance.
        double variance = inside.TrainLosses[0] / before.TrainLosses[0];
        Assert.Equal(variance, inside.TrainLosses[1] / before.TrainLosses[1], 1e-9);
    }
}
