using Descent.Data;
using Descent.Expressions;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Specs;
using Descent.Statistics;
using Descent.Sweeps;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Tests;

/// <summary>The library's entry points name a null argument (ArgumentNullException) rather than failing somewhere inside.</summary>
public class NullArgumentTests
{
    private static readonly Tensor<double> P = Tensor<double>.Zeros(2).RequireGrad();
    private static readonly Dataset<double> Data = new(Tensor<double>.Zeros(4, 1), Tensor<double>.Zeros(4, 1), ["x"], ["y"]);

    public static TheoryData<string, Action> Calls() => new()
    {
        { "Spec.Parse", () => Spec.Parse(null!) },
        { "Spec.ParseList", () => Spec.ParseList(null!) },
        { "Expression.Parse", () => Expression.Parse(null!) },
        { "Expression.Evaluate", () => Expression.Parse("x").Evaluate<double>(null!) },
        { "Expression.ResolveSizes", () => Expression.Parse("sum(i, 1, n, x[i])").ResolveSizes(null, null!) },
        { "Expression.Unrolled", () => Expression.Parse("sum(i, 1, n, x[i])").Unrolled(null!) },
        { "NumberFile.Read", () => NumberFile.Read(null!) },
        { "NumberFile.Parse", () => NumberFile.Parse(null!, "start.csv") },
        { "Trajectory.WriteCsv", () => Trajectory.WriteCsv(null!, new StringWriter(), 3) },
        { "OptimizerCatalog.Parse", () => OptimizerCatalog.Parse(null!) },
        { "OptimizerCatalog.Find", () => OptimizerCatalog.Find(null!) },
        { "OptimizerCatalog.Entries.Bind", () => OptimizerCatalog.Entries.Bind(null!) },
        { "LossCatalog.Parse", () => LossCatalog.Parse(null!) },
        { "new Adam", () => new Adam<double>(null!, new AdamOptions()) },
        { "new Adam options", () => new Adam<double>([P], null!) },
        { "SaveState", () => new Adam<double>([P], new AdamOptions()).SaveState(null!) },
        { "LoadState", () => new Adam<double>([P], new AdamOptions()).LoadState(null!) },
        { "new Dataset", () => _ = new Dataset<double>(null!, Tensor<double>.Zeros(1, 1), ["x"], ["y"]) },
        { "RandomSplit.BySizes", () => RandomSplit.BySizes<double>(null!, [1], new TorchGenerator(0)) },
        { "new DataLoader", () => _ = new DataLoader<double>(null!, 2) },
        { "Trainer.Compare", () => Trainer.Compare<double>(null!, new MseLoss(), Data, null, [new AdamOptions()], new TrainingOptions()) },
        { "Minimizer.Run", () => (Tutorial.Bowl with { Function = null! }).Run() },
        { "Minimizer.Run(optimizer)", () => Tutorial.Bowl.Run(null!) },
        { "TrainingSetup.Run", () => (Tutorial.Training with { Data = null! }).Run() },
        { "CsvDataset.Load", () => CsvDataset.Load<double>(null!, ["y"]) },
        { "LearningRates.Parse", () => LearningRates.Parse(null!) },
        { "LearningRates.Of", () => LearningRates.Of(null!) },
        { "Shard.Parse", () => Shard.Parse(null!) },
        { "Shard.FromEnvironment", () => Shard.FromEnvironment(null!, null) },
        { "StartBox.Parse", () => StartBox.Parse("x=0:1", null!) },
        { "Sweep.Label", () => Sweep.Label(null!) },
        { "TrainingSweep.Run", () => new TrainingSweep { Setup = null!, Lrs = LearningRates.Of([0.1]) }.Run() },
        { "MinimizeSweep.Run", () => new MinimizeSweep { Minimizer = null!, Lrs = LearningRates.Of([0.1]) }.Run() },
        { "SweepResults.ReadShard", () => SweepResults.ReadShard(null!) },
        { "SweepResults.Merge", () => SweepResults.Merge(null!) },
        { "SweepSummary.Of", () => SweepSummary.Of(null!) },
        { "Estimate.Of", () => Estimate.Of(null!) },
        { "PairedComparison.Of", () => PairedComparison.Of([1], null!) },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void NullIsNamed(string call, Action action)
    {
        var e = Assert.ThrowsAny<ArgumentNullException>(action);
        Assert.False(string.IsNullOrEmpty(e.ParamName), call);
    }
}
