using Descent.Autodiff;
using Descent.Tensors;

namespace Descent.Tests.Autodiff;

public class BackwardTests
{
    private static Tensor<double> Vector(params double[] values) => Tensor<double>.FromArray(values);

    [Fact]
    public void GradientsAccumulateAcrossBackwardCalls()
    {
        Tensor<double> x = Vector(1, 2, 3).RequireGrad();
        (x * x).Sum().Backward();
        Assert.Equal([2.0, 4, 6], x.Grad!.ToArray());
        (x * x).Sum().Backward();
        Assert.Equal([4.0, 8, 12], x.Grad!.ToArray());
        (x * 3.0).Sum().Backward();
        Assert.Equal([7.0, 11, 15], x.Grad!.ToArray());
    }

    [Fact]
    public void BackwardTwiceOverAKeptGraphAccumulates()
    {
        Tensor<double> x = Vector(1, 2).RequireGrad();
        Tensor<double> y = (x.Exp() * x).Sum();
        y.Backward(retainGraph: true);
        double[] once = x.Grad!.ToArray();
        y.Backward();
        Assert.Equal(once.Select(g => 2 * g), x.Grad!.ToArray());
    }

    [Fact]
    public void BackwardTwiceOverAUsedGraphIsAnErrorAndChangesNothing()
    {
        Tensor<double> x = Vector(1, 2).RequireGrad();
        Tensor<double> hidden = x.Exp() * x, y = hidden.Sum();
        y.Backward();
        double[] once = x.Grad!.ToArray();
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("retainGraph", e.Message);
        // Part of the graph is used up too, as in PyTorch.
        Assert.Throws<InvalidOperationException>(() => (hidden * 2).Sum().Backward());
        Assert.Equal(once, x.Grad!.ToArray());
        // A new graph from the same leaf is fine.
        (x * 3).Sum().Backward();
        Assert.Equal(once.Select(g => g + 3), x.Grad!.ToArray());
    }

    [Fact]
    public void SlicesOfALongVectorBackwardInMemoryLinearInTheirNumber()
    {
        // A minimization binds each of its n variables as x.Index(i): a full-size gradient per slice would allocate
        // n * n * 8 bytes (3.2 GB here) in backward; adding each slice's gradient in place allocates a few hundred bytes a slice.
        const int n = 20_000;
        Tensor<double> x = Tensor<double>.Zeros(n).RequireGrad();
        Tensor<double> sum = x.Index(0);
        for (int i = 1; i < n; i++) sum += x.Index(i) * (double)i;
        long before = GC.GetAllocatedBytesForCurrentThread();
        sum.Backward();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1000L * n, $"backward allocated {allocated} bytes");
        Assert.Equal(Enumerable.Range(0, n).Select(i => i == 0 ? 1.0 : i), x.Grad!.ToArray());
    }

    [Fact]
    public void ALeafChangedInPlaceBeforeBackwardGivesTheGradientAtTheChangedValue()
    {
        // Documented on Backward: Descent keeps no version counter, so the change is not noticed.
        Tensor<double> x = Vector(1, 2).RequireGrad();
        Tensor<double> y = x.Square().Sum();
        x.Data[0] = 5;
        y.Backward();
        Assert.Equal([10.0, 4.0], x.Grad!.ToArray());
    }

    [Fact]
    public void OnlyLeavesThatRequireGradientsGetThem()
    {
        Tensor<double> x = Vector(1, 2).RequireGrad(), c = Vector(3, 4);
        Tensor<double> hidden = x * c;
        Assert.False(hidden.IsLeaf);
        Assert.True(hidden.RequiresGrad);
        hidden.Sum().Backward();
        Assert.Null(hidden.Grad);
        Assert.Null(c.Grad);
        Assert.Equal([3.0, 4], x.Grad!.ToArray());
    }

    [Fact]
    public void ZeroGradZerosInPlaceAndSetToNoneDrops()
    {
        Tensor<double> x = Vector(1, 2, 3).RequireGrad();
        (x * x).Sum().Backward();
        Tensor<double> grad = x.Grad!;
        x.ZeroGrad();
        Assert.Same(grad, x.Grad);
        Assert.Equal([0.0, 0, 0], x.Grad!.ToArray());
        (x * x).Sum().Backward();
        Assert.Equal([2.0, 4, 6], x.Grad!.ToArray());
        x.ZeroGrad(setToNone: true);
        Assert.Null(x.Grad);
        (x * x).Sum().Backward();
        Assert.Equal([2.0, 4, 6], x.Grad!.ToArray());
    }

    [Fact]
    public void ZeroGradWithoutAGradientDoesNothing()
    {
        Tensor<double> x = Vector(1).RequireGrad();
        x.ZeroGrad();
        Assert.Null(x.Grad);
        x.ZeroGrad(setToNone: true);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void NoGradRecordsNothing()
    {
        Tensor<double> x = Vector(1, 2).RequireGrad();
        Assert.True(Autograd.IsEnabled);
        using (Autograd.NoGrad())
        {
            Assert.False(Autograd.IsEnabled);
            Tensor<double> y = (x * x).Exp().Sum();
            Assert.False(y.RequiresGrad);
            Assert.True(y.IsLeaf);
            Assert.Throws<InvalidOperationException>(() => y.Backward());
        }
        Assert.True(Autograd.IsEnabled);
        Assert.True((x * x).RequiresGrad);
    }

    [Fact]
    public void NoGradScopesNest()
    {
        Tensor<double> x = Vector(1).RequireGrad();
        var outer = Autograd.NoGrad();
        try
        {
            var inner = Autograd.NoGrad();
            try
            {
                Assert.False((x * 2.0).RequiresGrad);
            }
            finally { inner.Dispose(); }
            Assert.False(Autograd.IsEnabled);
            Assert.False((x * 2.0).RequiresGrad);
        }
        finally { outer.Dispose(); }
        Assert.True(Autograd.IsEnabled);
        Assert.True((x * 2.0).RequiresGrad);
    }

    [Fact]
    public void NoGradScopesDisposedOutOfOrderRestoreRecordingOnlyAtTheEnd()
    {
        var outer = Autograd.NoGrad();
        var inner = Autograd.NoGrad();
        try
        {
            outer.Dispose();
            Assert.False(Autograd.IsEnabled);
        }
        finally { inner.Dispose(); outer.Dispose(); }
        Assert.True(Autograd.IsEnabled);
    }

    [Fact]
    public void DisposingANoGradScopeTwiceDoesNotEndAnOuterScope()
    {
        var outer = Autograd.NoGrad();
        try
        {
            var inner = Autograd.NoGrad();
            inner.Dispose();
            inner.Dispose();
            Assert.False(Autograd.IsEnabled);
        }
        finally { outer.Dispose(); }
        Assert.True(Autograd.IsEnabled);
        outer.Dispose();
        Assert.True(Autograd.IsEnabled);
    }

    [Fact]
    public void BackwardLeavesRecordingAsItWas()
    {
        Tensor<double> x = Vector(1, 2).RequireGrad();
        (x * x).Sum().Backward();
        Assert.True(Autograd.IsEnabled);
        Assert.Throws<InvalidOperationException>(() => (x * x).Backward());
        Assert.True(Autograd.IsEnabled);
    }

    [Fact]
    public void BackwardOnANonScalarWithoutAGradientThrows()
    {
        Tensor<double> x = Vector(1, 2, 3).RequireGrad();
        var e = Assert.Throws<InvalidOperationException>(() => (x * 2.0).Backward());
        Assert.Contains("[3]", e.Message);
    }

    [Fact]
    public void BackwardOnATensorThatDoesNotRequireGradientsThrows()
    {
        Assert.Throws<InvalidOperationException>(() => Vector(1).Sum().Backward());
    }

    [Fact]
    public void BackwardWithAnExplicitGradient()
    {
        Tensor<double> x = Tensor<double>.FromArray([1.0, 2, 3, 4], 2, 2).RequireGrad();
        Tensor<double> y = x * x;
        Tensor<double> gradient = Tensor<double>.FromArray([1.0, -1, 0.5, 2], 2, 2);
        y.Backward(gradient);
        Assert.Equal([2.0, -4, 3, 16], x.Grad!.ToArray());
        Assert.Equal([1.0, -1, 0.5, 2], gradient.ToArray());
        Assert.Throws<ArgumentException>(() => y.Backward(Vector(1, 2, 3, 4)));
    }

    [Fact]
    public void BackwardOnALeaf()
    {
        Tensor<double> x = Vector(5).RequireGrad();
        x.Backward();
        Assert.Equal([1.0], x.Grad!.ToArray());
    }

    [Fact]
    public void DetachStopsTheGradient()
    {
        Tensor<double> x = Vector(2, 3).RequireGrad();
        (x * x.Detach()).Sum().Backward();
        Assert.Equal([2.0, 3], x.Grad!.ToArray());
    }

    [Fact]
    public void OnlyLeavesCanStopRequiringGradients()
    {
        Tensor<double> x = Vector(1).RequireGrad();
        Tensor<double> y = x * 2.0;
        Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        x.RequiresGrad = false;
        Assert.False((x * 2.0).RequiresGrad);
    }

    [Fact]
    public void DiamondGraphSumsBothPaths()
    {
        Tensor<double> x = Vector(0.5).RequireGrad();
        Tensor<double> a = x * 3.0, b = x.Square();
        (a * b).Sum().Backward();
        // d/dx (3x * x^2) = 9x^2
        Assert.Equal(9 * 0.25, x.Grad!.Item(), 1e-15);
    }

    [Fact]
    public void ALongChainDoesNotOverflowTheStack()
    {
        const int Ops = 100_000;
        Exception? failure = null;
        double grad = double.NaN, value = double.NaN;
        // A small stack makes any recursion over the chain fail here rather than by luck elsewhere.
        var thread = new Thread(() =>
        {
            try
            {
                Tensor<double> x = Tensor<double>.Scalar(1.0).RequireGrad();
                Tensor<double> y = x;
                for (int i = 0; i < Ops; i++) y = i % 2 == 0 ? y * 1.000001 : y + 0.0;
                y.Backward();
                value = y.Item();
                grad = x.Grad!.Item();
            }
            catch (Exception e) { failure = e; }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        double expected = Math.Pow(1.000001, Ops / 2);
        Assert.Equal(expected, value, 1e-9);
        Assert.Equal(expected, grad, 1e-9);
    }
}
