using System.Globalization;

namespace Descent.Sweeps;

/// <summary>
/// Part <see cref="Index"/> of <see cref="Count"/> of a sweep, for array jobs: the runs whose index is Index mod Count.
/// Indices count from 0, as Slurm's array task ids (with <c>--array=0-(N-1)</c>) and Kubernetes' completion indices do.
/// </summary>
/// <param name="Index">Which part, 0 to Count - 1.</param>
/// <param name="Count">How many parts (at least 1).</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole sweep: part 0 of 1.</summary>
    public static Shard All => new(0, 1);

    /// <summary>Whether this is the whole sweep.</summary>
    public bool IsAll => Count == 1;

    /// <summary>Whether run <paramref name="run"/> belongs to this part.</summary>
    public bool Contains(int run) => run % Count == Index;

    /// <summary>The name of this part's results, e.g. <c>shard-2-of-4</c>.</summary>
    public override string ToString() => $"shard-{Index}-of-{Count}";

    /// <summary>Throws unless 0 &lt;= Index &lt; Count.</summary>
    /// <exception cref="InputException">The index is out of range or the count below 1.</exception>
    public void Validate()
    {
        if (Count < 1) throw new InputException($"--shard {Index}/{Count}: the count must be at least 1");
        if (Index < 0 || Index >= Count) throw new InputException($"--shard {Index}/{Count}: the index must be 0 to {Count - 1} (shards count from 0)");
    }

    /// <summary>Reads <c>K/M</c>: part K of M, K from 0 to M - 1.</summary>
    /// <exception cref="InputException">The text is not K/M with whole numbers, or K is out of range.</exception>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int count))
            throw new InputException($"--shard: '{text}' is not K/M (part K of M, K from 0), e.g. 0/4, or auto");
        var shard = new Shard(index, count);
        shard.Validate();
        return shard;
    }

    /// <summary>
    /// The part an array job's task runs, from its environment: Slurm's <c>SLURM_ARRAY_TASK_ID</c> (less
    /// <c>SLURM_ARRAY_TASK_MIN</c>, so that <c>--array=1-4</c> works too) of <c>SLURM_ARRAY_TASK_COUNT</c>, or
    /// Kubernetes' <c>JOB_COMPLETION_INDEX</c> of <paramref name="count"/> (an Indexed Job's completions).
    /// </summary>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <param name="count">The number of parts when the environment does not say (Kubernetes), or null.</param>
    /// <exception cref="InputException">Neither is set, a value is not a whole number, or the part is out of range.</exception>
    public static Shard FromEnvironment(Func<string, string?> environment, int? count)
    {
        ArgumentNullException.ThrowIfNull(environment);
        int Read(string name) =>
            int.TryParse(environment(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value
            : throw new InputException($"--shard auto: {name} = '{environment(name)}' is not a whole number");
        Shard shard;
        if (environment("SLURM_ARRAY_TASK_ID") is not null)
        {
            int min = environment("SLURM_ARRAY_TASK_MIN") is null ? 0 : Read("SLURM_ARRAY_TASK_MIN");
            if (environment("SLURM_ARRAY_TASK_COUNT") is null && count is null)
                throw new InputException("--shard auto: SLURM_ARRAY_TASK_COUNT is not set; give --shard-count");
            shard = new Shard(Read("SLURM_ARRAY_TASK_ID") - min, count ?? Read("SLURM_ARRAY_TASK_COUNT"));
        }
        else if (environment("JOB_COMPLETION_INDEX") is not null)
        {
            if (count is null) throw new InputException("--shard auto: JOB_COMPLETION_INDEX is set but not the number of shards; give --shard-count (the Job's completions)");
            shard = new Shard(Read("JOB_COMPLETION_INDEX"), count.Value);
        }
        else throw new InputException("--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm array job) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give --shard K/M");
        shard.Validate();
        return shard;
    }
}
