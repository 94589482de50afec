namespace Descent.Tests.Schedulers;

/// <summary>Every recorded PyTorch 1.13 run with a scheduler is reproduced through the library's Minimizer: points, f, learning rates and cycled momenta.</summary>
public class SchedulerParityTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (ScheduleCase c in ScheduleCase.All) data.Add(c.File, c.Line);
        return data;
    }

    [Fact]
    public void TheFixturesHoldEveryCase()
    {
        Assert.Equal(44, ScheduleCase.Shared.Count);
        Assert.Equal(42, ScheduleCase.Extra.Count);
        Assert.Equal(15, ScheduleCase.Clipping.Count);
    }

    /// <summary>
    /// Every function run, with any scheduler or clipping, has PyTorch's bits at every number (in the case's dtype);
    /// only the linear regressions may differ in the last bits, for the reason the optimizer parity tests give
    /// (Descent sums a batch in another order than PyTorch's vectorised reductions).
    /// </summary>
    [Fact]
    public void EveryFunctionRunIsBitIdentical()
    {
        foreach (ScheduleCase c in ScheduleCase.All.Where(c => c.Kind != "linreg"))
            foreach (var (where, got, expected) in c.Replay(out _))
            {
                bool same = c.IsFloat32
                    ? BitConverter.SingleToInt32Bits((float)got) == BitConverter.SingleToInt32Bits((float)expected)
                    : BitConverter.DoubleToInt64Bits(got) == BitConverter.DoubleToInt64Bits(expected);
                Assert.True(same, $"{c}: {where} = {got:R}, PyTorch {expected:R}");
            }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string file, int line)
    {
        ScheduleCase c = ScheduleCase.Find(file, line);
        var numbers = c.Replay(out int steps);
        Assert.True(steps == c.Steps, $"{c}: {steps} steps, PyTorch {c.Steps}");
        foreach (var (where, got, expected) in numbers)
            if (!c.Close(got, expected)) Assert.Fail($"{c}: {where} = {got:R}, PyTorch {expected:R}");
    }
}
