namespace Descent.Autodiff;

/// <summary>Global switch of graph recording, as PyTorch's <c>torch.no_grad()</c>; per thread.</summary>
public static class Autograd
{
    [ThreadStatic] private static int t_disabledDepth;

    /// <summary>Whether operations on tensors that require gradients record the graph on this thread.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Stops graph recording on this thread until the returned scope is disposed; scopes nest.</summary>
    public static NoGradScope NoGrad()
    {
        t_disabledDepth++;
        return new NoGradScope();
    }

    /// <summary>A scope in which no graph is recorded; dispose it to restore recording.</summary>
    public sealed class NoGradScope : IDisposable
    {
        // A class, not a struct: a second Dispose (or one on a copy) must not end an enclosing scope.
        private bool _disposed;

        internal NoGradScope() { }

        /// <summary>Ends the scope; disposing it again does nothing.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_disabledDepth--;
        }
    }
}
