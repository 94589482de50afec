using Descent.Expressions;
using Descent.Optimizers;
using Descent.Sweeps;

namespace Descent.Tests.Sweeps;

/// <summary>The parts of a sweep's grid: learning rates, seeds' start points, shards and optimizer labels.</summary>
public class SweepGridTests
{
    [Fact]
    public void LogSpacedRatesIncludeBothEndsAndExactDecades()
    {
        IReadOnlyList<double> lrs = LearningRates.Parse("1e-4:1:13").Values;
        Assert.Equal(13, lrs.Count);
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1], [lrs[0], lrs[3], lrs[6], lrs[9], lrs[12]]);
        for (int i = 1; i < lrs.Count; i++) Assert.Equal(Math.Pow(10, 1.0 / 3), lrs[i] / lrs[i - 1], 1e-12);
        Assert.Equal([0.003, 0.03], LearningRates.Parse("0.003:0.03:2").Values);
        Assert.Equal([0.5], LearningRates.Parse("0.5:0.5:1").Values);
        Assert.Equal([1e-3, 3e-3, 1e-2], LearningRates.Parse("1e-2, 1e-3,3e-3").Values); // a list, sorted
        Assert.Equal("0.001,0.003,0.01", LearningRates.Parse("1e-2,1e-3,3e-3").ToString());
    }

    [Theory]
    [InlineData("1:0.1:5", "the range is reversed")]
    [InlineData("0.1:0.1:5", "the range is empty")]
    [InlineData("1e-3:1:0", "N = 0 is invalid")]
    [InlineData("1e-3:1:-2", "N = -2 is invalid")]
    [InlineData("1e-3:1:1", "one rate cannot include both ends")]
    [InlineData("0:1:5", "must be finite and > 0")]
    [InlineData("-1e-3:1:5", "must be finite and > 0")]
    [InlineData("1e-3:1:2.5", "N a whole number")]
    [InlineData("1e-3:1", "neither LOW:HIGH:N")]
    [InlineData("0.1,0.1", "0.1 is listed twice")]
    [InlineData("0.1,abc", "'abc' is not a number")]
    [InlineData("0.1,,0.2", "has an empty value")]
    [InlineData("0.1,0", "0 is invalid")]
    [InlineData("", "neither LOW:HIGH:N")]
    public void BadRatesAreOneClearError(string text, string message)
    {
        var e = Assert.Throws<InputException>(() => LearningRates.Parse(text));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("--lrs", e.Message);
    }

    [Fact]
    public void ShardsTakeEveryMthRunAndCoverTheSweepOnce()
    {
        Shard[] shards = [.. Enumerable.Range(0, 4).Select(k => Shard.Parse($"{k}/4"))];
        for (int run = 0; run < 50; run++) Assert.Single(shards, s => s.Contains(run));
        Assert.Equal([1, 5, 9], Enumerable.Range(0, 12).Where(shards[1].Contains));
        Assert.Equal("shard-1-of-4", shards[1].ToString());
        Assert.True(Shard.Parse("0/1").IsAll);
    }

    [Theory]
    [InlineData("4/4", "the index must be 0 to 3")]
    [InlineData("-1/4", "the index must be 0 to 3")]
    [InlineData("0/0", "the count must be at least 1")]
    [InlineData("1-4", "is not K/M")]
    [InlineData("a/b", "is not K/M")]
    public void BadShardsAreOneClearError(string text, string message) =>
        Assert.Contains(message, Assert.Throws<InputException>(() => Shard.Parse(text)).Message);

    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID=2,SLURM_ARRAY_TASK_COUNT=4", null, 2, 4)]
    [InlineData("SLURM_ARRAY_TASK_ID=3,SLURM_ARRAY_TASK_MIN=1,SLURM_ARRAY_TASK_COUNT=4", null, 2, 4)] // --array=1-4
    [InlineData("JOB_COMPLETION_INDEX=0", 3, 0, 3)]
    public void AutoShardsComeFromTheArrayJobsEnvironment(string variables, int? count, int index, int expectedCount)
    {
        var environment = variables.Split(',').Select(v => v.Split('=')).ToDictionary(v => v[0], v => v[1]);
        Assert.Equal(new Shard(index, expectedCount), Shard.FromEnvironment(name => environment.GetValueOrDefault(name), count));
    }

    [Theory]
    [InlineData("", null, "neither SLURM_ARRAY_TASK_ID")]
    [InlineData("JOB_COMPLETION_INDEX=1", null, "give --shard-count")]
    [InlineData("JOB_COMPLETION_INDEX=5", 4, "the index must be 0 to 3")]
    [InlineData("SLURM_ARRAY_TASK_ID=x,SLURM_ARRAY_TASK_COUNT=4", null, "SLURM_ARRAY_TASK_ID = 'x' is not a whole number")]
    public void AutoShardsOutsideAnArrayJobAreOneClearError(string variables, int? count, string message)
    {
        var environment = variables.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=')).ToDictionary(v => v[0], v => v[1]);
        Assert.Contains(message, Assert.Throws<InputException>(() => Shard.FromEnvironment(name => environment.GetValueOrDefault(name), count)).Message);
    }

    [Fact]
    public void StartBoxDrawsWhatPyTorchDraws()
    {
        // torch.manual_seed(s); torch.empty(1, dtype=torch.float64).uniform_(-2, 2), then .uniform_(-1, 3) (Debian's PyTorch 1.13.1).
        StartBox box = StartBox.Parse("x=-2:2, y=-1:3", Expression.Parse("x^2 + y^2"));
        Assert.Equal([1.8802120072262123, 1.8312794575991518], box.Draw(0));
        Assert.Equal([-1.863567217397918, 0.14696090688522778], box.Draw(3));
        Assert.Equal([-0.882478280374384, 0.09477485460706259], box.Draw(7));
        Assert.Equal("x=-2:2,y=-1:3", box.ToString());
        // A fixed variable draws nothing: the other keeps its draw.
        StartBox fixedX = StartBox.Parse("y=-2:2,x=0.5", Expression.Parse("x^2 + y^2"));
        Assert.Equal([1.8802120072262123, 0.5], fixedX.Draw(0));
    }

    [Theory]
    [InlineData("x=-2:2", "no range for 'y'")]
    [InlineData("x=-2:2,y=1,z=0:1", "'z' is not a variable")]
    [InlineData("x=2:-2,y=0", "the range is reversed")]
    [InlineData("x=-2:2,x=0:1,y=0", "'x' is given twice")]
    [InlineData("x=-2:a,y=0", "'a' is not a number")]
    [InlineData("x,y", "is not name=LOW:HIGH")]
    public void BadStartBoxesAreOneClearError(string text, string message) =>
        Assert.Contains(message, Assert.Throws<InputException>(() => StartBox.Parse(text, Expression.Parse("x^2 + y^2"))).Message);

    [Theory]
    [InlineData("sgd(lr=0.01)", "sgd")]
    [InlineData("momentum(lr=0.01)", "sgd(momentum=0.9)")]
    [InlineData("adam(lr=0.5, amsgrad=true)", "adam(amsgrad=true)")]
    [InlineData("adadelta()", "adadelta")]
    [InlineData("lookahead(optimizer=adam(lr=0.05), k=3)", "lookahead(optimizer=adam, k=3)")]
    public void AnOptimizersLabelIsItsSpecWithoutTheLearningRate(string spec, string label) =>
        Assert.Equal(label, Sweep.Label(OptimizerCatalog.Parse(spec)));
}
