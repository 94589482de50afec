using Descent.Tensors;

namespace Descent.Tests.Tensors;

public class ForkJoinJobTests
{
    /// Counts the runs of each part; part <c>Failing</c> throws.
    private sealed class CountingJob : ForkJoinJob
    {
        public int[] Runs = [];
        public int Failing = -1;

        public void Go(int parts)
        {
            Runs = new int[parts];
            Run(parts);
        }

        protected override void RunPart(int part)
        {
            Interlocked.Increment(ref Runs[part]);
            Thread.SpinWait(part * 50);
            if (part == Failing) throw new InvalidOperationException($"part {part}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    public void EveryPartRunsOnceEachTime(int parts)
    {
        // Reused many times in a row, as a kernel's job is: workers queued for one run may arrive during the next.
        var job = new CountingJob();
        for (int run = 0; run < 300; run++)
        {
            job.Go(parts);
            Assert.All(job.Runs, count => Assert.Equal(1, count));
        }
    }

    [Fact]
    public void AFailingPartIsRethrownAfterTheOthersFinish()
    {
        var job = new CountingJob { Failing = 3 };
        var e = Assert.Throws<AggregateException>(() => job.Go(8));
        Assert.Equal("part 3", e.InnerException!.Message);
        Assert.All(job.Runs, count => Assert.Equal(1, count));
        job.Failing = -1;
        job.Go(8);
        Assert.All(job.Runs, count => Assert.Equal(1, count));
    }
}
