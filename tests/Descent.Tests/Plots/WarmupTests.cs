using Descent.Plots;

namespace Descent.Tests.Plots;

public class WarmupTests
{
    [Fact]
    public async Task WarmingUpCompletesWithoutFaulting()
    {
        Task warmup = Warmup.Start();
        await warmup;
        Assert.True(warmup.IsCompletedSuccessfully);
    }

    [Fact]
    public void OnlyAMachineThatCannotRenderIsForgiven()
    {
        Assert.True(Warmup.CannotRenderHere(new DllNotFoundException("libSkiaSharp")));
        Assert.True(Warmup.CannotRenderHere(new TypeInitializationException("SkiaSharp.SKObject", new DllNotFoundException("libSkiaSharp"))));
        Assert.False(Warmup.CannotRenderHere(new TypeInitializationException("Descent.Plots.PlotStyle", new InvalidOperationException())));
        Assert.False(Warmup.CannotRenderHere(new InvalidOperationException("a bug")));
        Assert.False(Warmup.CannotRenderHere(new NullReferenceException()));
    }
}
