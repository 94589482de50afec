namespace Descent.Sweeps;

/// <summary>What a training sweep chooses each optimizer's learning rate by, and reports.</summary>
public enum TrainingMetric
{
    /// <summary>
    /// Generalisation (the default): the loss on a validation split carved from the training data chooses the learning
    /// rate, and the test loss of the chosen runs is reported, so the test set never takes part in the choice.
    /// </summary>
    Loss,

    /// <summary>Optimization: the loss over the data trained on, after training, both chooses and is reported.</summary>
    TrainLoss,
}
