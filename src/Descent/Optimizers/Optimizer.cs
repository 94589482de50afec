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
    private bool _training = true;

    /// <summary>Creates an optimizer with one group of <paramref name="parameters"/> using <paramref name="defaults"/>.</summary>
    protected Optimizer(IEnumerable<Tensor<T>> parameters, OptimizerOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(defaults);
        defaults.Validate();
        Defaults = defaults;
        // Not the virtual AddParamGroup: an override may refuse later groups, and must not run before the derived constructor.
        AddGroup(parameters, null);
    }

    /// <summary>The hyperparameters a new group gets unless it is given its own.</summary>
    public OptimizerOptions Defaults { get; }

    /// <summary>Whether <see cref="Step"/> needs a closure that re-evaluates the loss and its gradient (L-BFGS's does).</summary>
    public bool RequiresClosure => Defaults.RequiresClosure;

    /// <summary>The parameter groups, in the order added.</summary>
    public IReadOnlyList<ParameterGroup<T>> ParamGroups => _groups;

    /// <summary>Adds a group of parameters with its own hyperparameters (the defaults if null).</summary>
    /// <exception cref="ArgumentException">The group is empty, holds a non-leaf tensor or a parameter already in a group, or the options are another optimizer's.</exception>
    /// <exception cref="InvalidOperationException">The optimizer keeps a single group, as L-BFGS does.</exception>
    public virtual void AddParamGroup(IEnumerable<Tensor<T>> parameters, OptimizerOptions? options = null) => AddGroup(parameters, options);

    private void AddGroup(IEnumerable<Tensor<T>> parameters, OptimizerOptions? options)
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

    /// <summary>
    /// Whether the optimizer is in train mode (the default), in which the parameters hold the point training
    /// steps from, rather than in eval mode (after <see cref="Eval"/>), in which they hold the point to evaluate
    /// the model at. The two points differ only for schedule-free optimizers, which evaluate at an average of
    /// their iterates; for the others the mode changes nothing else.
    /// </summary>
    public virtual bool IsTraining => _training;

    /// <summary>
    /// Switches to train mode, as PyTorch's <c>optimizer.train()</c>: call it before stepping again after
    /// <see cref="Eval"/>. Nothing happens if the optimizer is already in train mode.
    /// </summary>
    public virtual void Train() => _training = true;

    /// <summary>
    /// Switches to eval mode, as PyTorch's <c>optimizer.eval()</c>: the parameters become the point to evaluate,
    /// test or keep the model at. Nothing happens if the optimizer is already in eval mode.
    /// </summary>
    public virtual void Eval() => _training = false;

    /// <summary>
    /// The state of a whole parameter group (what PyTorch keeps in the group's dictionary, such as a step count or
    /// an estimate shared by its parameters): its scalars live in the state of the group's first parameter, so that
    /// <see cref="SaveState"/> and <see cref="LoadState"/> carry them.
    /// </summary>
    protected ParameterState<T> GroupStateOf(ParameterGroup<T> group) => StateOf(group.Parameters[0]);

    /// <summary>The state kept for <paramref name="parameter"/> (created empty on first use).</summary>
    public ParameterState<T> StateOf(Tensor<T> parameter)
    {
        if (!_state.TryGetValue(parameter, out ParameterState<T>? state)) _state[parameter] = state = new ParameterState<T>();
        return state;
    }

    /// <summary>Whether any state has been created for <paramref name="parameter"/>.</summary>
    public bool HasState(Tensor<T> parameter) => _state.ContainsKey(parameter);

    /// <summary>Writes the hyperparameters of every group and the state of every parameter as JSON (format: version 1, see the docs).</summary>
    public void SaveState(Stream stream) => OptimizerStateFormat.Write(this, stream ?? throw new ArgumentNullException(nameof(stream)));

    /// <summary>
    /// Restores what <see cref="SaveState"/> wrote into this optimizer, whose parameter groups must have
    /// the same sizes; continuing then is the same as never having stopped, bit for bit.
    /// </summary>
    /// <exception cref="InputException">The stream is not such a state (malformed, or a state this optimizer could not continue from), or is another optimizer's, dtype's or parameter layout's.</exception>
    public void LoadState(Stream stream) => OptimizerStateFormat.Read(this, stream ?? throw new ArgumentNullException(nameof(stream)));

    /// <summary>
    /// What is wrong with <paramref name="state"/>, read by <see cref="LoadState"/>, as this optimizer's state
    /// for <paramref name="parameter"/> in a group with <paramref name="options"/>; null if nothing. The
    /// default accepts named buffers shaped like the parameter and no lists; LoadState refuses a state with a problem.
    /// </summary>
    /// <returns>The problem, as a phrase for an error message, or null.</returns>
    protected internal virtual string? StateProblem(Tensor<T> parameter, OptimizerOptions options, ParameterState<T> state)
    {
        // Every rule but L-BFGS's keeps buffers shaped like the parameter, and no lists.
        foreach (var (name, buffer) in state.Buffers)
            if (!TensorShape.SameShape(buffer.Shape, parameter.Shape))
                return $"buffer '{name}' has shape {TensorShape.Format(buffer.Shape)}, the parameter {TensorShape.Format(parameter.Shape)}";
        return state.Lists.Keys.FirstOrDefault() is { } list ? $"list '{list}' is not part of {Defaults.Name} state" : null;
    }

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
