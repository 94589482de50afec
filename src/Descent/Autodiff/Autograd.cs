namespace Descent.Autodiff;

/// <summary>Global switch of graph recording, as PyTorch's <c>torch.no_grad()</c>; per thread.</summary>
public static class Autograd
{
    [ThreadStatic] private static int t_disabledDepth;

    /// <summary>Whether operations on tensors that require gradients record the graph on this thread.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Stops graph recording on this thread until the returned scope is disposed; scopes nest.</summary>
    public static NoGradScope NoGrad() => new(++t_disabledDepth);

    /// <summary>A scope in which no graph is recorded; dispose it to restore recording.</summary>
    /// <remarks>
    /// A struct, so entering a scope allocates nothing (optimizer steps enter one each). It remembers the
    /// depth it opened, so disposing it twice, or a copy of it, cannot end an enclosing scope.
    /// </remarks>
    public readonly struct NoGradScope : IDisposable
    {
        private readonly int _depth;

        internal NoGradScope(int depth) => _depth = depth;

        /// <summary>Ends the scope; disposing it again does nothing.</summary>
        public void Dispose()
        {
            if (t_disabledDepth == _depth) t_disabledDepth = _depth - 1;
        }
    }
}
