using Descent.Autodiff;

namespace Descent.Tensors;

// The autodiff half of Tensor: each op result remembers its inputs and a closure that pushes the
// result's gradient back to them; Backward walks those closures in reverse topological order.
public sealed partial class Tensor<T>
{
    private Tensor<T>[]? _parents;
    private Action<Tensor<T>>? _backward;
    private Tensor<T>? _pendingGrad;
    private bool _pendingGradOwned; // _pendingGrad was allocated here, so it may be added to in place
    private bool _requiresGrad;
    private bool _freed;

    /// <summary>
    /// Whether gradients are computed for this tensor. Set it on leaves (parameters); op results
    /// require gradients when any input does and recording is on (see <see cref="Autograd"/>).
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!IsLeaf && !value)
                throw new InvalidOperationException("Only leaf tensors can stop requiring gradients; use Detach().");
            _requiresGrad = value;
        }
    }

    /// <summary>True unless this tensor is the recorded result of an op.</summary>
    public bool IsLeaf => _backward is null;

    /// <summary>The accumulated gradient of a leaf after <see cref="Backward"/>; null until the first one.</summary>
    public Tensor<T>? Grad { get; set; }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, for chaining.</summary>
    public Tensor<T> RequireGrad(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>Fills the gradient with zeros (PyTorch's <c>zero_grad(set_to_none=False)</c>), or drops it.</summary>
    public void ZeroGrad(bool setToNone = false)
    {
        if (setToNone) Grad = null;
        else Grad?.Data.Clear();
    }

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires gradients and
    /// adds it to their <see cref="Grad"/> (gradients accumulate, as in PyTorch). As in PyTorch, the graph
    /// is used up: a second backward through it is an error unless the first kept it (<paramref name="retainGraph"/>).
    /// Like PyTorch without its version counter, Descent does not notice a leaf changed in place between the
    /// forward pass and this call: the gradient is then computed from the changed values. Change leaves only
    /// under <see cref="Autograd.NoGrad"/> after backward, as optimizers do.
    /// </summary>
    /// <param name="gradient">The gradient of the final result with respect to this tensor; may be omitted for a one-element tensor.</param>
    /// <param name="retainGraph">Keep the graph for another backward through it.</param>
    /// <exception cref="InvalidOperationException">The graph was used by an earlier backward that did not keep it.</exception>
    public void Backward(Tensor<T>? gradient = null, bool retainGraph = false)
    {
        if (!RequiresGrad)
            throw new InvalidOperationException("Backward() on a tensor that does not require gradients: no input requires them.");
        if (gradient is null && Size != 1)
            throw new InvalidOperationException($"Backward() without a gradient needs a one-element result, not shape {TensorShape.Format(_shape)}.");
        if (gradient is not null && !TensorShape.SameShape(gradient.Shape, Shape))
            throw new ArgumentException($"The gradient's shape {TensorShape.Format(gradient.Shape)} is not the result's {TensorShape.Format(_shape)}.");

        List<Tensor<T>> order = TopologicalOrder();
        if (order.Exists(node => node._freed))
            throw new InvalidOperationException("Backward() through a graph a second time: the first Backward() used it up; pass retainGraph: true to it to go through the graph again.");
        _pendingGrad = gradient?.Detach() ?? Full(T.One, _shape);
        using var _ = Autograd.NoGrad();
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Tensor<T> node = order[i];
            Tensor<T>? g = node._pendingGrad;
            node._pendingGrad = null;
            node._pendingGradOwned = false;
            if (g is null) continue;
            if (node.IsLeaf)
            {
                if (node.Grad is null) node.Grad = g.Clone();
                else node.Grad.Data.Add(g.Data);
            }
            else node._backward!(g);
        }
        if (!retainGraph)
            foreach (Tensor<T> node in order)
                if (!node.IsLeaf) node._freed = true;
    }

    /// <summary>Nodes that require gradients, each after all of its inputs.</summary>
    private List<Tensor<T>> TopologicalOrder()
    {
        var order = new List<Tensor<T>>();
        var visited = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance);
        // Iterative depth-first search: long chains (many optimizer steps) must not overflow the stack.
        var stack = new Stack<(Tensor<T> Node, int NextParent)>();
        stack.Push((this, 0));
        visited.Add(this);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            Tensor<T>[] parents = node._parents ?? [];
            if (next < parents.Length)
            {
                stack.Push((node, next + 1));
                Tensor<T> parent = parents[next];
                if (parent.RequiresGrad && visited.Add(parent)) stack.Push((parent, 0));
            }
            else order.Add(node);
        }
        return order;
    }

    /// <summary>Adds <paramref name="gradient"/> (already of this tensor's shape) to the gradient flowing into this node.</summary>
    private void AccumulateGrad(Tensor<T> gradient)
    {
        if (!TensorShape.SameShape(gradient.Shape, Shape))
            throw new InvalidOperationException(
                $"Internal error: gradient of shape {TensorShape.Format(gradient.Shape)} for a tensor of shape {TensorShape.Format(_shape)}.");
        _pendingGrad = _pendingGrad is null ? gradient : _pendingGrad + gradient;
        _pendingGradOwned = _pendingGrad != gradient;
    }

    /// <summary>
    /// Adds <paramref name="gradient"/> to elements <paramref name="start"/>.. of the gradient flowing into this node,
    /// in place: the backward of a slice, which costs the slice's size, not the whole tensor's.
    /// </summary>
    private void AccumulateGradSlice(int start, ReadOnlySpan<T> gradient)
    {
        if (!_pendingGradOwned)
        {
            _pendingGrad = _pendingGrad?.Clone() ?? Zeros(_shape);
            _pendingGradOwned = true;
        }
        _pendingGrad!.Data.Slice(start, gradient.Length).Add(gradient);
    }

    /// <summary>Adds each of <paramref name="gradient"/> to element <paramref name="indices"/>[k] of the gradient flowing into this node, in place: the backward of a gather.</summary>
    private void AccumulateGradScatter(int[] indices, ReadOnlySpan<T> gradient)
    {
        if (!_pendingGradOwned)
        {
            _pendingGrad = _pendingGrad?.Clone() ?? Zeros(_shape);
            _pendingGradOwned = true;
        }
        Span<T> target = _pendingGrad!.Data;
        for (int k = 0; k < indices.Length; k++) target[indices[k]] += gradient[k];
    }

    /// <summary>True when an op on these inputs must record the graph.</summary>
    private static bool Records(Tensor<T> a) => a._requiresGrad && Autograd.IsEnabled;

    private static bool Records(Tensor<T> a, Tensor<T> b) => (a._requiresGrad || b._requiresGrad) && Autograd.IsEnabled;

    /// <summary>Makes this op result a graph node over <paramref name="parents"/> when recording; returns this.</summary>
    private Tensor<T> Record(Tensor<T>[] parents, Action<Tensor<T>> backward)
    {
        bool any = false;
        foreach (Tensor<T> p in parents) any |= p._requiresGrad;
        if (!any || !Autograd.IsEnabled) return this;
        _parents = parents;
        _backward = backward;
        _requiresGrad = true;
        return this;
    }
}
