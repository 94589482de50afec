using Descent.Optimizers;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Tests.Training;

public class EarlyStoppingTests
{
    [Fact]
    public void ItStopsAfterPatienceEpochsWithoutALowerLossAndKeepsTheBestWeights()
    {
        var w = Tensor<double>.FromArray([1.0, 2]);
        var early = new EarlyStopping<double>([w], patience: 2);
        (double Loss, double Weight, bool Stop)[] epochs = [(5, 1, false), (4, 2, false), (4, 3, false), (4.5, 4, true)];
        for (int e = 0; e < epochs.Length; e++)
        {
            w.Data.Fill(epochs[e].Weight);
            Assert.Equal(epochs[e].Stop, early.Observe(e + 1, epochs[e].Loss));
        }
        Assert.Equal((4.0, 2), (early.BestLoss, early.BestEpoch)); // equal is no improvement
        early.Restore();
        Assert.Equal([2.0, 2], w.ToArray());
        // A NaN test loss is never an improvement.
        var nan = new EarlyStopping<double>([w], patience: 2);
        Assert.False(nan.Observe(1, double.NaN));
        Assert.True(nan.Observe(2, double.NaN));
        Assert.Equal(0, nan.BestEpoch);
    }

    /// <summary>Optimizers and patience for runs stopped early on the tutorial's data.</summary>
    [Theory]
    [InlineData("adam(lr=0.5)", 2)]
    [InlineData("sgd(lr=0.3, momentum=0.9)", 3)]
    [InlineData("schedulefreeadamw(lr=0.5)", 2)]
    public void AStoppedRunKeepsTheWeightsItWouldHaveHadAtItsBestEpoch(string optimizer, int patience)
    {
        TrainingSetup setup = Descent.Training.Tutorial.Training with { Optimizers = OptimizerCatalog.ParseList(optimizer), EarlyStopping = patience, Epochs = 50 };
        OptimizerResult stopped = setup.Run().Results[0];
        Assert.True(stopped.StoppedEarly, $"{optimizer} ran every epoch");
        int best = stopped.TestLosses.IndexOf(stopped.TestLosses.Min()) + 1;
        Assert.Equal(best, stopped.KeptEpoch);
        Assert.Equal(best, stopped.BestEpoch);
        Assert.Equal(best + patience, stopped.TrainLosses.Count);
        // The same run for just that many epochs, without early stopping, ends with the very same weights.
        OptimizerResult shorter = (setup with { EarlyStopping = null, Epochs = best }).Run().Results[0];
        Assert.Equal(shorter.Weights.Select(p => p.Value.ToArray()), stopped.Weights.Select(p => p.Value.ToArray()));
        Assert.Equal(shorter.FinalTestLoss, stopped.FinalTestLoss);
        Assert.Null(shorter.KeptEpoch);
    }

    [Fact]
    public void EarlyStoppingNeedsATestSetAndAPatienceOfAtLeastOne()
    {
        Assert.Equal("early stopping watches the test loss: it needs a test set (a train fraction below 1)",
            Assert.Throws<InputException>(() => (Descent.Training.Tutorial.Training with { EarlyStopping = 3, TrainFraction = 1 }).Validate()).Message);
        Assert.Equal("early stopping's patience must be at least 1 epoch, not 0",
            Assert.Throws<InputException>(() => (Descent.Training.Tutorial.Training with { EarlyStopping = 0 }).Validate()).Message);
    }
}
