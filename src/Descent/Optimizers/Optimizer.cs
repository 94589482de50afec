using System.Numerics;
using Descent.Autodiff;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>
/// The bookkeeping every optimizer shares, as PyTorch's <c>torch.optim.Optimizer</c>: parameter
/// groups with their own hyperparameters, per-parameter state, zeroing gradients, and stepping.
/// A derived optimizer supplies only its update rule.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<ParameterGroup<T>> _groups = [];
    private readonly Dictionary<Tensor<T>, ParameterState<T>> _state = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates an optimizer with one group of <paramref name="parameters"/> using <paramref name="defaults"/>.</summary>
    protected Optimizer(IEnumerable<Tensor<T>> parameters, OptimizerOptions defaults)
    {
        defaults.Validate();
        Defaults = defaults;
        AddParamGroup(parameters);
    }

    /// <summary>The hyperparameters a new group gets unless it is given its own.</summary>
    public OptimizerOptions Defaults { get; }

    /// <summary>Whether <see cref="Step"/> needs a closure that re-evaluates the loss and its gradient (L-BFGS's does).</summary>
    public bool RequiresClosure => Defaults.RequiresClosure;

    /// <summary>The parameter groups, in the order added.</summary>
    public IReadOnlyList<ParameterGroup<T>> ParamGroups => _groups;

    /// <summary>Adds a group of parameters with its own hyperparameters (the defaults if null).</summary>
    public void AddParamGroup(IEnumerable<Tensor<T>> parameters, OptimizerOptions? options = null)
    {
        Tensor<T>[] list = [.. parameters];
        if (list.Length == 0) throw new ArgumentException("A parameter group needs at least one parameter.", nameof(parameters));
        foreach (Tensor<T> p in list)
        {
            if (!p.IsLeaf) throw new ArgumentException("Optimizers can only update leaf tensors.", nameof(parameters));
            if (_groups.Any(g => g.Parameters.Contains(p)) || list.Count(q => ReferenceEquals(q, p)) > 1)
                throw new ArgumentException("A parameter appears in more than one group.", nameof(parameters));
        }
        options ??= Defaults;
        if (options.GetType() != Defaults.GetType())
            throw new ArgumentException($"A {Defaults.Name} optimizer cannot take {options.Name} options.", nameof(options));
        _groups.Add(new ParameterGroup<T>(list, options));
    }

    /// <summary>The state kept for <paramref name="parameter"/> (created empty on first use).</summary>
    public ParameterState<T> StateOf(Tensor<T> parameter)
    {
        if (!_state.TryGetValue(parameter, out ParameterState<T>? state)) _state[parameter] = state = new ParameterState<T>();
        return state;
    }

    /// <summary>Whether any state has been created for <paramref name="parameter"/>.</summary>
    public bool HasState(Tensor<T> parameter) => _state.ContainsKey(parameter);

    /// <summary>Writes the hyperparameters of every group and the state of every parameter as JSON (format: version 1, see the docs).</summary>
    public void SaveState(Stream stream) => OptimizerStateFormat.Write(this, stream);

    /// <summary>
    /// Restores what <see cref="SaveState"/> wrote into this optimizer, whose parameter groups must have
    /// the same sizes; continuing then is the same as never having stopped, bit for bit.
    /// </summary>
    /// <exception cref="InputException">The stream is not such a state, or is another optimizer's, dtype's or parameter layout's.</exception>
    public void LoadState(Stream stream) => OptimizerStateFormat.Read(this, stream);

    internal void ReplaceState(Dictionary<Tensor<T>, ParameterState<T>> state)
    {
        _state.Clear();
        foreach (var (p, s) in state) _state[p] = s;
    }

    /// <summary>Zeros (or, with <paramref name="setToNone"/>, drops) the gradient of every parameter.</summary>
    public void ZeroGrad(bool setToNone = false)
    {
        foreach (ParameterGroup<T> group in _groups)
            foreach (Tensor<T> p in group.Parameters) p.ZeroGrad(setToNone);
    }

    /// <summary>
    /// Takes one optimization step. <paramref name="closure"/>, if given, re-evaluates the model: it
    /// zeros the gradients, computes the loss, runs backward and returns the loss (L-BFGS requires it).
    /// </summary>
    /// <returns>The loss the closure returned, if there was a closure.</returns>
    public virtual double? Step(Func<double>? closure = null)
    {
        double? loss = closure?.Invoke();
        using var _ = Autograd.NoGrad();
        foreach (ParameterGroup<T> group in _groups)
        {
            // Indexing, not foreach: an interface enumerator would allocate on every step.
            IReadOnlyList<Tensor<T>> parameters = group.Parameters;
            for (int i = 0; i < parameters.Count; i++)
                if (parameters[i].Grad is { } grad) Update(group.Options, parameters[i], grad, StateOf(parameters[i]));
        }
        return loss;
    }

    /// <summary>Updates one parameter in place from its gradient, as PyTorch's single-tensor form does.</summary>
    protected abstract void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state);

    /// <summary>The state buffer <paramref name="name"/> of a parameter, created filled with <paramref name="initial"/> on first use.</summary>
    protected internal static Memory<T> BufferOf(ParameterState<T> state, string name, Tensor<T> parameter, T initial = default) =>
        (state.Buffers.TryGetValue(name, out Tensor<T>? buffer) ? buffer : state.Buffers[name] = Tensor<T>.Full(initial, parameter.ShapeArray)).Memory;

    /// <summary>Converts a hyperparameter (a double, as in Python) to the parameters' element type.</summary>
    protected internal static T Cast(double value) => T.CreateChecked(value);
}
