using System.Numerics;
using Descent.Data;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Schedulers;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>What a training comparison is about to run on, known once its data is loaded and split.</summary>
/// <param name="Description">Where the samples came from, e.g. <c>synthetic x^2 + y^2, noise 1, 1000 samples</c>.</param>
/// <param name="TrainSamples">Samples in the training split.</param>
/// <param name="TestSamples">Samples in the test split (0 for none).</param>
public sealed record TrainingPlan(string Description, int TrainSamples, int TestSamples)
{
    /// <summary>The training features of largest and smallest size before any standardization, or null with fewer than two.</summary>
    public ScaleSpread? FeatureSpread { get; init; }

    /// <summary>
    /// The largest typical size (root mean square) of a training target before any standardization, or null for class
    /// labels. Optimizers whose steps are about their learning rate (Adam, RMSprop, ...) take long to reach large targets.
    /// </summary>
    public double? TargetSize { get; init; }
}

/// <summary>
/// Everything that defines a training comparison: data, split, seed, model, loss, optimizers, epochs,
/// batch size, shuffling and dtype, and optionally a learning-rate scheduler and gradient clipping. <see cref="Run"/> draws the data, split and initial weights from one
/// PyTorch generator seeded with <see cref="Seed"/>, in the order the tutorial's script draws them, and
/// trains one copy of the same initial model with each optimizer on the same batches.
/// </summary>
public sealed record TrainingSetup
{
    /// <summary>Where the samples come from.</summary>
    public required DataSource Data { get; init; }

    /// <summary>The fraction of samples to train on, in (0, 1]; the rest is the test set (PyTorch's <c>random_split</c> rule).</summary>
    public double TrainFraction { get; init; } = 0.8;

    /// <summary>The seed of the data, split, initial weights and shuffles.</summary>
    public ulong Seed { get; init; }

    /// <summary>The model every optimizer trains a copy of.</summary>
    public ModelSpec Model { get; init; } = new LinearModel();

    /// <summary>The loss to minimize.</summary>
    public Loss Loss { get; init; } = new MseLoss();

    /// <summary>The optimizers to compare, in order.</summary>
    public required IReadOnlyList<OptimizerOptions> Optimizers { get; init; }

    /// <summary>Passes over the training data (at least 1).</summary>
    public int Epochs { get; init; } = 50;

    /// <summary>Samples per optimizer step (at least 1).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Visit the training samples in a new order each epoch, as PyTorch's <c>DataLoader(shuffle=True)</c> with a generator seeded from <see cref="Seed"/>.</summary>
    public bool Shuffle { get; init; }

    /// <summary>The arithmetic's element type.</summary>
    public DType DType { get; init; } = DType.Float32;

    /// <summary>
    /// A learning-rate scheduler each optimizer runs with (its own instance, scaling its own lr), or null.
    /// <c>reduce_lr_on_plateau</c> watches the test loss, or the train loss without a test set.
    /// </summary>
    public SchedulerOptions? Scheduler { get; init; }

    /// <summary>Whether the scheduler steps after every epoch (the default, as PyTorch scripts do) or after every batch.</summary>
    public SchedulerInterval SchedulerInterval { get; init; } = SchedulerInterval.Epoch;

    /// <summary>Gradient clipping after every backward, before the optimizer's step, or null.</summary>
    public GradientClipping? Clipping { get; init; }

    /// <summary>
    /// Which columns to z-score with the training split's means and standard deviations (<see cref="Standardization"/>).
    /// Losses are reported in the targets' own units either way.
    /// </summary>
    public Standardize Standardize { get; init; } = Standardize.None;

    /// <summary>
    /// Stop each optimizer's run once this many epochs in a row have not lowered its test loss, keeping the weights of
    /// its best epoch (<see cref="EarlyStopping{T}"/>); null to run every epoch. Needs a test set.
    /// </summary>
    public int? EarlyStopping { get; init; }

    /// <summary>Offer a checkpoint (<see cref="TrainingState"/>) after every this many epochs of each optimizer; 0 for never.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Throws if a setting is out of range; <see cref="Run"/> calls it first, so nothing runs on bad settings.</summary>
    /// <exception cref="InputException">A setting out of range, named as this type names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Data);
        ArgumentNullException.ThrowIfNull(Model);
        ArgumentNullException.ThrowIfNull(Loss);
        ArgumentNullException.ThrowIfNull(Optimizers);
        if (Epochs < 1) throw new InputException($"epochs must be at least 1, not {Epochs}");
        if (BatchSize < 1) throw new InputException($"batch size must be at least 1, not {BatchSize}");
        if (!(TrainFraction > 0 && TrainFraction <= 1)) throw new InputException($"train fraction must be in (0, 1], not {SpecFormat.Number(TrainFraction)}");
        if (Optimizers.Count == 0) throw new InputException("there are no optimizers to compare");
        Clipping?.Validate();
        if (EarlyStopping is < 1) throw new InputException($"early stopping's patience must be at least 1 epoch, not {EarlyStopping}");
        if (EarlyStopping is not null && TrainFraction == 1) throw new InputException("early stopping watches the test loss: it needs a test set (a train fraction below 1)");
        if (CheckpointEvery < 0) throw new InputException($"checkpoints must come every 1 epoch or more, not {CheckpointEvery}");
        if (Standardize == Standardize.All && Loss is CrossEntropyLoss or BceWithLogitsLoss)
            throw new InputException($"standardizing the targets would change {Loss.ToSpec()}'s class labels: standardize only the features");
    }

    /// <summary>Loads the data, splits it, builds the model and trains it with every optimizer.</summary>
    /// <param name="started">Called once the data is loaded and split, before training.</param>
    /// <param name="progress">Called after every epoch of every optimizer.</param>
    /// <param name="resume">A checkpoint of this run to continue from, or null (see <see cref="PreparedTraining{T}.Train"/>).</param>
    /// <param name="checkpoint">Given a checkpoint every <see cref="CheckpointEvery"/> epochs, or null.</param>
    /// <exception cref="InputException">A setting out of range, data that cannot be loaded or split, or a checkpoint of another run.</exception>
    public TrainingReport Run(Action<TrainingPlan>? started = null, Action<EpochReport>? progress = null, TrainingState? resume = null, Action<TrainingState>? checkpoint = null)
    {
        Validate();
        return DType == DType.Float64 ? Run<double>(started, progress, resume, checkpoint) : Run<float>(started, progress, resume, checkpoint);
    }

    private TrainingReport Run<T>(Action<TrainingPlan>? started, Action<EpochReport>? progress, TrainingState? resume, Action<TrainingState>? checkpoint)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        PreparedTraining<T> prepared = Prepare<T>();
        prepared.CheckResume(resume);
        started?.Invoke(prepared.Plan);
        return prepared.Train(progress, resume, checkpoint);
    }

    /// <summary>
    /// Loads the data, splits it and builds the initial model, ready to train in <typeparamref name="T"/>
    /// (which <see cref="Run"/> takes from <see cref="DType"/>): one generator seeded with <see cref="Seed"/>
    /// draws the data, the split and the weights, in the order of the tutorial's PyTorch script.
    /// </summary>
    /// <exception cref="InputException">A setting out of range, or data that cannot be loaded or split.</exception>
    public PreparedTraining<T> Prepare<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate();
        int bytes = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (Data is SyntheticSource s)
            MemoryBudget.Require((double)s.Samples * (s.Function.Variables.Count + 1) * (bytes + 16), $"{s.Samples} samples of {s.Function.Variables.Count} features");
        var random = new TorchGenerator(Seed);
        var (dataset, description) = Data.Load<T>(random);
        Dataset<T> train = dataset, test = dataset.Subset([]);
        if (TrainFraction < 1)
        {
            int[] sizes = RandomSplit.Sizes(dataset.Count, [TrainFraction, 1 - TrainFraction]);
            Dataset<T>[] parts = RandomSplit.BySizes(dataset, sizes, random);
            (train, test) = (parts[0], parts[1]);
        }
        // A schedule that PyTorch would stop part-way (one-cycle past its total steps) is refused before training starts.
        int steps = SchedulerInterval == SchedulerInterval.Epoch ? Epochs : Epochs * ((train.Count + BatchSize - 1) / BatchSize);
        if (Scheduler is not null)
            foreach (OptimizerOptions optimizer in Optimizers) Scheduler.CheckRun(optimizer, steps);
        int outputs = Loss.ModelOutputs<T>(dataset.Targets.Dim(1), dataset.Targets.Data);
        var plan = new TrainingPlan(description, train.Count, test.Count)
        {
            FeatureSpread = Standardization.Spread(train),
            TargetSize = Loss is CrossEntropyLoss or BceWithLogitsLoss || train.Count == 0 ? null : Standardization.Sizes(train.Targets).Max(),
        };
        Standardization? scaling = Standardization.Fit(train, Standardize);
        if (scaling is not null) (train, test) = (scaling.Apply(train), scaling.Apply(test));
        // The model, a copy per optimizer being trained, its gradients and up to three state buffers a weight.
        double weights = Model.ParameterCount(dataset.Features.Dim(1), outputs);
        MemoryBudget.Require(weights * bytes * 6, $"the model {Model} ({weights:0} weights)");
        Module<T> initial = Model.Build<T>(dataset.Features.Dim(1), outputs, random);
        return new PreparedTraining<T>(this, plan, train, test.Count > 0 ? test : null, initial) { Scaling = scaling };
    }
}
