namespace Descent.Tensors;

/// <summary>
/// Work cut into parts that run on all cores, without allocating: a derived job is kept and reused by the thread
/// that runs it, queued to the thread pool as its own work item. The calling thread takes parts too, so the job
/// finishes even when no pool thread is free; a pool thread that arrives after the last part finds nothing to do.
/// </summary>
internal abstract class ForkJoinJob : IThreadPoolWorkItem
{
    // Monitor.Wait on an object made here, not an event: an event allocates its lock on the first wait that blocks.
    private readonly object _gate = new();
    private int _parts, _next, _done;
    private Exception? _failure;

    /// <summary>Runs part <paramref name="part"/> of the current job (0 &lt;= part &lt; the count given to <see cref="Run"/>).</summary>
    protected abstract void RunPart(int part);

    /// <summary>Runs parts 0 to <paramref name="parts"/> - 1, in parallel where cores are free, and returns when all are done.</summary>
    protected void Run(int parts)
    {
        if (parts <= 1)
        {
            if (parts == 1) RunPart(0);
            return;
        }
        _failure = null;
        _parts = parts;
        Volatile.Write(ref _done, 0);
        // Publishing the part counter last: a worker that claims a part sees the job's inputs.
        Interlocked.Exchange(ref _next, 0);
        for (int i = 1; i < Math.Min(parts, Environment.ProcessorCount); i++) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        TakeParts();
        WaitForAllParts();
        // Late workers must find no part left, whatever they read next.
        Interlocked.Exchange(ref _next, int.MaxValue / 2);
        if (_failure is { } failure) throw new AggregateException(failure);
    }

    void IThreadPoolWorkItem.Execute() => TakeParts();

    /// <summary>Spins while the other threads are likely to finish soon, then sleeps until the last part wakes it.</summary>
    private void WaitForAllParts()
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref _done) < _parts)
        {
            if (spin.NextSpinWillYield)
            {
                lock (_gate)
                    while (Volatile.Read(ref _done) < _parts) Monitor.Wait(_gate);
                return;
            }
            spin.SpinOnce();
        }
    }

    private void TakeParts()
    {
        while (true)
        {
            // The count is read after the claim: a worker queued for an earlier run may claim a part of this one.
            int part = Interlocked.Increment(ref _next) - 1, parts = Volatile.Read(ref _parts);
            if (part >= parts) return;
            try
            {
                RunPart(part);
            }
            catch (Exception e)
            {
                // Kept for the calling thread, which rethrows it once every part has finished.
                _failure = e;
            }
            if (Interlocked.Increment(ref _done) == parts)
                lock (_gate) Monitor.PulseAll(_gate);
        }
    }
}
