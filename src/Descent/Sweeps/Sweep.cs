using System.Runtime.ExceptionServices;
using Descent.Optimizers;

namespace Descent.Sweeps;

/// <summary>
/// A tuned, multi-seed comparison of optimizers: every optimizer at every learning rate of <see cref="Lrs"/> (its spec's
/// own lr replaced) with every seed, the same grid for all, so each gets the same tuning budget. Runs are independent of
/// each other and of the order they run in (each is set up from its own optimizer, learning rate and seed), so they run
/// in parallel and in shards with the same results.
/// </summary>
public abstract record Sweep
{
    /// <summary>The learning rates every optimizer runs at.</summary>
    public required LearningRates Lrs { get; init; }

    /// <summary>How many seeds each (optimizer, learning rate) runs with (at least 1).</summary>
    public int Seeds { get; init; } = 5;

    /// <summary>The first seed; the seeds are it and the next <see cref="Seeds"/> - 1 numbers.</summary>
    public ulong FirstSeed { get; init; }

    /// <summary>The optimizers compared; their learning rates are replaced by the sweep's.</summary>
    public abstract IReadOnlyList<OptimizerOptions> Optimizers { get; }

    /// <summary>The seeds, in order.</summary>
    public IReadOnlyList<ulong> SeedValues => [.. Enumerable.Range(0, Math.Max(Seeds, 0)).Select(s => unchecked(FirstSeed + (ulong)s))];

    /// <summary>Throws if a setting is out of range or an optimizer rejects a learning rate of the grid; nothing runs before this passes.</summary>
    /// <exception cref="InputException">The setting or the optimizer and learning rate, named.</exception>
    public virtual void Validate()
    {
        ArgumentNullException.ThrowIfNull(Lrs);
        ArgumentNullException.ThrowIfNull(Optimizers);
        if (Seeds < 1) throw new InputException($"--seeds {Seeds} is invalid: give at least 1 seed");
        if (Optimizers.Count == 0) throw new InputException("there are no optimizers to compare");
        if ((long)Optimizers.Count * Lrs.Values.Count * Seeds > 100_000_000)
            throw new InputException($"{Optimizers.Count} optimizers x {Lrs.Values.Count} learning rates x {Seeds} seeds is more than 100,000,000 runs");
        var labels = new Dictionary<string, string>();
        foreach (OptimizerOptions optimizer in Optimizers)
        {
            string label = Label(optimizer);
            if (labels.TryGetValue(label, out string? first))
                throw new InputException($"the optimizers {first} and {optimizer.ToSpec()} are the same once the learning rate is swept; give each once");
            labels[label] = optimizer.ToSpec();
            foreach (double lr in Lrs.Values) (optimizer with { Lr = lr }).Validate();
        }
    }

    /// <summary>The definition of the runs: settings, optimizers, learning rates, seeds and metrics.</summary>
    /// <exception cref="InputException">A setting is out of range (see <see cref="Validate"/>).</exception>
    public abstract SweepDefinition Define();

    /// <summary>
    /// Runs the sweep's runs that belong to <paramref name="shard"/> (all of them by default), up to
    /// <paramref name="jobs"/> at a time (0: one per core). The results are the same for any number of jobs.
    /// </summary>
    /// <param name="shard">The part to run, or null for all.</param>
    /// <param name="jobs">Runs at a time; 0 for the number of cores.</param>
    /// <param name="progress">Called after every finished run, from the thread that ran it.</param>
    /// <exception cref="InputException">A setting is out of range, or the data cannot be loaded.</exception>
    public SweepResults Run(Shard? shard = null, int jobs = 0, Action<SweepProgress>? progress = null)
    {
        Validate();
        Shard part = shard ?? Shard.All;
        part.Validate();
        if (jobs < 0) throw new InputException($"--jobs {jobs} is invalid: give 1 or more, or 0 for one per core");
        SweepDefinition definition = Define();
        Func<SweepCell, SweepRun> run = Start();
        int[] runs = [.. Enumerable.Range(0, definition.RunCount).Where(part.Contains)];
        var results = new SweepRun[runs.Length];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int done = 0;
        void RunOne(int i)
        {
            results[i] = run(definition.Cell(runs[i]));
            progress?.Invoke(new SweepProgress(Interlocked.Increment(ref done), runs.Length, clock.Elapsed));
        }
        if (runs.Length > 0) RunOne(0); // alone first: a file that cannot be read fails here, before a pool of runs starts
        try
        {
            Parallel.For(1, runs.Length, new ParallelOptions { MaxDegreeOfParallelism = jobs == 0 ? Environment.ProcessorCount : jobs }, RunOne);
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.FirstOrDefault(x => x is InputException) is { } input)
        {
            ExceptionDispatchInfo.Capture(input).Throw();
        }
        return new SweepResults(definition, part, results);
    }

    /// <summary>
    /// Prepares to run cells and returns what runs one: called from several threads at once, it must share only what
    /// it does not change (data and initial models per seed, prepared once).
    /// </summary>
    private protected abstract Func<SweepCell, SweepRun> Start();

    /// <summary>An optimizer's spec without its learning rate, which a sweep replaces: <c>adam</c>, <c>sgd(momentum=0.9)</c>.</summary>
    public static string Label(OptimizerOptions optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        // Two specs that differ only in lr differ only where it is written; that place becomes '*', then goes.
        string a = (optimizer with { Lr = 1 }).ToSpec(), b = (optimizer with { Lr = 2 }).ToSpec();
        if (a == b || a.Length != b.Length) return optimizer.ToSpec();
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;
        string marked = a[..prefix] + "*" + a[^suffix..];
        return marked.Replace("(lr=*)", "", StringComparison.Ordinal).Replace("(lr=*, ", "(", StringComparison.Ordinal);
    }

    /// <summary>The settings every sweep records: the learning rates and seeds.</summary>
    private protected IEnumerable<KeyValuePair<string, string>> GridSettings() =>
    [
        KeyValuePair.Create("lrs", Lrs.ToString()),
        KeyValuePair.Create("seeds", string.Join(",", SeedValues)),
    ];
}
