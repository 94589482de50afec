namespace Descent.Sweeps;

/// <summary>How far a sweep has got, reported after every finished run.</summary>
/// <param name="Done">Runs finished.</param>
/// <param name="Total">Runs this process runs (its shard's).</param>
/// <param name="Elapsed">Time since the runs started.</param>
public readonly record struct SweepProgress(int Done, int Total, TimeSpan Elapsed)
{
    /// <summary>The time left if the remaining runs take as long as the finished ones did on average.</summary>
    public TimeSpan Remaining => Done == 0 ? TimeSpan.Zero : Elapsed / Done * (Total - Done);
}
