using System.CommandLine;
using Descent.Sweeps;

namespace Descent.Cli;

/// <summary>The options <c>descent sweep train</c> and <c>descent sweep minimize</c> share: the grid, the jobs, the shard and the output directory.</summary>
internal sealed class SweepOptions
{
    /// <summary>The learning rates of the tutorial's sweep: 1e-4 to 1, three a decade.</summary>
    public const string DefaultLrs = "1e-4:1:13";

    public Option<string> Lrs { get; } = new("--lrs")
    {
        Description = "Learning rates for every optimizer (its spec's lr is replaced): LOW:HIGH:N, N log-spaced rates with both ends, or a list 1e-3,3e-3,1e-2.",
        DefaultValueFactory = _ => DefaultLrs,
    };

    public Option<int?> Seeds { get; } = new("--seeds") { Description = "Seeds per (optimizer, learning rate), the same for every one (default 5; 1 for minimize --from, which has nothing random)." };

    public Option<int> Jobs { get; } = new("--jobs", "-j")
    {
        Description = "Runs at a time (default: one per core). The results do not depend on it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Run only part K of M (K from 0): the runs whose index is K mod M; writes that part for 'descent sweep merge'. "
            + "'auto' reads SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with --shard-count.",
    };

    public Option<int?> ShardCount { get; } = new("--shard-count") { Description = "With --shard auto: the number of parts (a Kubernetes Indexed Job's completions)." };

    public Option<string?> Out { get; } = new("--out")
    {
        Description = "Directory for runs.csv, curves.csv, summary.json, sensitivity.png/.svg, curves.png/.svg and report.html "
            + "(default descent-sweep; with --shard, shard.json, runs.csv and curves.csv, default descent-sweep-shard-K-of-M).",
    };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [Lrs, Seeds, Jobs, Shard, ShardCount, Out];

    /// <summary>The part to run (the whole sweep without --shard).</summary>
    /// <exception cref="InputException">A malformed or out-of-range shard, or --shard-count without --shard auto.</exception>
    public Shard ReadShard(ParseResult parsed)
    {
        string? text = parsed.GetValue(Shard);
        int? count = parsed.GetValue(ShardCount);
        if (count is not null && text != "auto") throw new InputException("--shard-count goes with --shard auto");
        if (text is null) return Sweeps.Shard.All;
        return text.Trim() == "auto" ? Sweeps.Shard.FromEnvironment(Environment.GetEnvironmentVariable, count) : Sweeps.Shard.Parse(text);
    }

    /// <summary>The output directory for <paramref name="shard"/>.</summary>
    public string ReadOut(ParseResult parsed, Shard shard) =>
        parsed.GetValue(Out) ?? (shard.IsAll ? "descent-sweep" : $"descent-sweep-{shard}");

    /// <summary>The number of jobs, checked.</summary>
    public int ReadJobs(ParseResult parsed) =>
        parsed.GetValue(Jobs) is int jobs and >= 1 ? jobs : throw new InputException($"--jobs {parsed.GetValue(Jobs)} is invalid: give 1 or more");
}
