namespace Descent.Training;

/// <summary>How a training run goes: epochs, batch size, shuffling and the seed of the shuffles.</summary>
/// <param name="Epochs">Passes over the training data (at least 1).</param>
/// <param name="BatchSize">Samples per optimizer step (at least 1).</param>
/// <param name="Shuffle">Visit the training samples in a new seeded random order each epoch (the same order for every optimizer).</param>
/// <param name="Seed">The seed of the shuffles.</param>
public sealed record TrainingOptions(int Epochs = 50, int BatchSize = 32, bool Shuffle = false, ulong Seed = 0);
