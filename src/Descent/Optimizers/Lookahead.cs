using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Lookahead{T}"/>, with pytorch_optimizer's defaults; the inner optimizer is required.</summary>
public sealed record LookaheadOptions : OptimizerOptions
{
    /// <summary>The inner optimizer's learning rate: reading and setting it (a sweep, a schedule) acts on <see cref="Optimizer"/>.</summary>
    // Not a hyperparameter of lookahead's own: specs set it inside the nested optimizer's spec.
    [Browsable(false)]
    public override double Lr
    {
        get => Optimizer.Lr;
        init => Optimizer = Optimizer with { Lr = value };
    }

    /// <summary>The optimizer whose steps lookahead takes and periodically pulls back, e.g. <c>adam(lr=0.05)</c>; required in specs (in code, Adam's defaults unless given).</summary>
    [Required, Description("the inner optimizer, e.g. adam(lr=0.05) (required)")]
    public OptimizerOptions Optimizer { get; init; } = new AdamOptions();

    /// <summary>Inner steps between two synchronizations with the slow weights.</summary>
    [Description("inner steps between synchronizations")]
    public int K { get; init; } = 5;

    /// <summary>How far the parameters stay from the slow weights when synchronizing: p = alpha * p + (1 - alpha) * slow.</summary>
    [Description("interpolation factor towards the fast weights")]
    public double Alpha { get; init; } = 0.5;

    /// <summary>What happens to the inner momentum_buffer when synchronizing: "none", "reset" (zeroed) or "pullback" (interpolated too).</summary>
    [Description("inner momentum at synchronization: \"none\", \"reset\" or \"pullback\"")]
    public string PullbackMomentum { get; init; } = "none";

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Zhang et al., 2019: Lookahead Optimizer: k steps forward, 1 step back";

    /// <inheritdoc/>
    public override bool RequiresClosure => Optimizer.RequiresClosure;

    /// <inheritdoc/>
    public override void Validate()
    {
        // Two lookaheads would keep their slow weights under the same names in the shared per-parameter state.
        Require(Optimizer is not LookaheadOptions, "optimizer", Optimizer, "lookahead cannot wrap another lookahead");
        Optimizer.Validate();
        RequireAtLeast("k", K, 1);
        RequireUnitInterval("alpha", Alpha);
        Require(PullbackMomentum is "none" or "reset" or "pullback", "pullback_momentum", PullbackMomentum, "it must be \"none\", \"reset\" or \"pullback\"");
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        each step: one step of the inner optimizer; then, every k-th step, for each p with a gradient:
        p = alpha * p + (1 - alpha) * slow              (slow: p when lookahead started, then at the last synchronization)
        slow = p
        pullback_momentum "reset":    the inner momentum_buffer = 0
        pullback_momentum "pullback": momentum_buffer = alpha * momentum_buffer + (1 - alpha) * slow_momentum,
                                      and from then on slow_momentum is the momentum buffer itself, as in pytorch_optimizer
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Lookahead<T>(parameters, this);
}

/// <summary>
/// Lookahead, as pytorch_optimizer's <c>Lookahead</c> at commit 7a076d2f: any inner optimizer takes the steps, and every
/// k steps the parameters are pulled back part of the way to slow weights, which then move to them.
/// Its update rule: <see cref="LookaheadOptions.UpdateRule"/>.
/// </summary>
/// <remarks>
/// The inner optimizer's parameter groups mirror this one's, each with the group's nested options; its per-parameter
/// state is the same object as lookahead's (which adds slow_params, slow_momentum and lookahead_counter to it), so
/// saving and loading the state covers both. Unlike pytorch_optimizer, groups added after construction get slow weights too.
/// </remarks>
public sealed class Lookahead<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string SlowParams = "slow_params", SlowMomentum = "slow_momentum", MomentumBuffer = "momentum_buffer", Counter = "lookahead_counter";

    /// <summary>Creates a lookahead over <paramref name="parameters"/>, with the inner optimizer <paramref name="options"/> describes.</summary>
    public Lookahead(IEnumerable<Tensor<T>> parameters, LookaheadOptions options) : base(parameters, options)
    {
        Inner = options.Optimizer.Create(ParamGroups[0].Parameters);
        Start(ParamGroups[0]);
    }

    /// <summary>The optimizer that takes the steps (pytorch_optimizer's <c>optimizer</c>).</summary>
    public Optimizer<T> Inner { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The options are not lookahead's, or their inner optimizer is not this lookahead's kind.</exception>
    public override void AddParamGroup(IEnumerable<Tensor<T>> parameters, OptimizerOptions? options = null)
    {
        Tensor<T>[] list = [.. parameters];
        options ??= Defaults;
        if (options is not LookaheadOptions lookahead)
            throw new ArgumentException($"A {Defaults.Name} optimizer cannot take {options.Name} options.", nameof(options));
        lookahead.Validate();
        // The inner optimizer first: it refuses what it cannot take (another optimizer's options, L-BFGS any second group)
        // before either has changed, and the checks left to the base are the same ones it has just passed.
        Inner.AddParamGroup(list, lookahead.Optimizer);
        base.AddParamGroup(list, lookahead);
        Start(ParamGroups[^1]);
    }

    private void Start(ParameterGroup<T> group)
    {
        bool pullback = ((LookaheadOptions)group.Options).PullbackMomentum == "pullback";
        foreach (Tensor<T> p in group.Parameters)
        {
            ParameterState<T> state = StateOf(p);
            state.Buffers[SlowParams] = p.Clone();
            if (pullback) state.Buffers[SlowMomentum] = Tensor<T>.Zeros(p.ShapeArray);
        }
    }

    /// <inheritdoc/>
    protected internal override string? StateProblem(Tensor<T> parameter, OptimizerOptions options, ParameterState<T> state)
    {
        var o = (LookaheadOptions)options;
        if (o.Optimizer.GetType() != Inner.Defaults.GetType())
            return $"its options wrap {o.Optimizer.Name}, this lookahead {Inner.Defaults.Name}";
        if (!state.Buffers.ContainsKey(SlowParams)) return $"'{SlowParams}' is missing";
        foreach (string name in new[] { SlowParams, SlowMomentum, MomentumBuffer })
            if (state.Buffers.TryGetValue(name, out Tensor<T>? buffer) && !TensorShape.SameShape(buffer.Shape, parameter.Shape))
                return $"buffer '{name}' has shape {TensorShape.Format(buffer.Shape)}, the parameter {TensorShape.Format(parameter.Shape)}";
        if (state.Scalars.TryGetValue(Counter, out double counter) && !(double.IsInteger(counter) && counter >= 0))
            return $"'{Counter}' is {counter:R}, not a whole number >= 0";
        // The rest is the inner optimizer's to judge. momentum_buffer is checked above: lookahead puts one into
        // every inner optimizer's state, also where the optimizer would not keep one (L-BFGS on later parameters).
        var inner = new ParameterState<T> { Step = state.Step };
        foreach (var (name, buffer) in state.Buffers)
            if (name is not (SlowParams or SlowMomentum or MomentumBuffer)) inner.Buffers[name] = buffer;
        foreach (var (name, value) in state.Scalars)
            if (name != Counter) inner.Scalars[name] = value;
        foreach (var (name, list) in state.Lists) inner.Lists[name] = list;
        bool empty = inner.Step == 0 && inner.Buffers.Count == 0 && inner.Scalars.Count == 0 && inner.Lists.Count == 0;
        return empty ? null : Inner.StateProblem(parameter, o.Optimizer, inner);
    }

    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state) =>
        throw new InvalidOperationException("Lookahead steps through its inner optimizer in Step.");

    /// <summary>One step of the inner optimizer (with <paramref name="closure"/>, if it needs one); every k-th, the pull towards the slow weights.</summary>
    /// <returns>The loss the inner optimizer's step returned.</returns>
    public override double? Step(Func<double>? closure = null)
    {
        Follow();
        double? loss = Inner.Step(closure);
        // Indexing, not foreach: an interface enumerator would allocate on every step.
        for (int g = 0; g < ParamGroups.Count; g++)
        {
            var o = (LookaheadOptions)ParamGroups[g].Options;
            IReadOnlyList<Tensor<T>> parameters = ParamGroups[g].Parameters;
            for (int i = 0; i < parameters.Count; i++)
            {
                ParameterState<T> state = StateOf(parameters[i]);
                // pytorch_optimizer counts per group, for every parameter alike; counted per parameter here, it is the same count.
                double counter = state.Scalars.GetValueOrDefault(Counter) + 1;
                if (counter >= o.K)
                {
                    counter = 0;
                    if (parameters[i].Grad is not null) Synchronize(o, parameters[i], state);
                }
                state.Scalars[Counter] = counter;
            }
        }
        return loss;
    }

    /// <summary>
    /// Makes the inner optimizer follow this one: each inner group takes its outer group's nested options (which a schedule or
    /// LoadState may have replaced), and the inner optimizer keeps its state in the same objects as lookahead (which
    /// LoadState replaces). A state without slow weights (a loaded one that had none) starts them from p, as construction does.
    /// </summary>
    private void Follow()
    {
        bool shared = true;
        for (int g = 0; g < ParamGroups.Count; g++)
        {
            OptimizerOptions nested = ((LookaheadOptions)ParamGroups[g].Options).Optimizer;
            if (!ReferenceEquals(Inner.ParamGroups[g].Options, nested)) Inner.ParamGroups[g].Options = nested;
            IReadOnlyList<Tensor<T>> parameters = ParamGroups[g].Parameters;
            for (int i = 0; i < parameters.Count; i++)
            {
                Tensor<T> p = parameters[i];
                ParameterState<T> state = StateOf(p);
                if (!state.Buffers.ContainsKey(SlowParams)) state.Buffers[SlowParams] = p.Clone();
                shared &= Inner.HasState(p) && ReferenceEquals(Inner.StateOf(p), state);
            }
        }
        if (shared) return;
        var states = new Dictionary<Tensor<T>, ParameterState<T>>(ReferenceEqualityComparer.Instance);
        foreach (Tensor<T> p in ParamGroups.SelectMany(g => g.Parameters)) states[p] = StateOf(p);
        Inner.ReplaceState(states);
    }

    private static void Synchronize(LookaheadOptions o, Tensor<T> parameter, ParameterState<T> state)
    {
        Memory<T> slow = state.Buffers[SlowParams].Memory;
        FusedUpdate.Run(new Interpolation(o.Alpha), parameter.Memory, slow, slow);
        // pytorch_optimizer gives every inner optimizer a momentum_buffer, zero if it kept none.
        Tensor<T> momentum = state.Buffer(MomentumBuffer, () => Tensor<T>.Zeros(parameter.ShapeArray));
        if (o.PullbackMomentum == "reset") state.Buffers[MomentumBuffer] = Tensor<T>.Zeros(parameter.ShapeArray);
        else if (o.PullbackMomentum == "pullback")
        {
            // After the first pullback pytorch_optimizer's slow momentum is the momentum buffer itself (the same tensor), which the
            // inner optimizer updates in place; here that is a state without slow_momentum, which survives saving and loading.
            bool own = state.Buffers.Remove(SlowMomentum, out Tensor<T>? slowMomentum);
            Memory<T> buffer = momentum.Memory;
            FusedUpdate.Run(new MomentumPullback(o.Alpha, own), buffer, own ? slowMomentum!.Memory : buffer);
        }
    }

    /// <summary>p.mul_(alpha).add_(slow, alpha=1 - alpha), a fused multiply-add on CPU, then slow.copy_(p).</summary>
    private readonly struct Interpolation(double alpha) : IFusedUpdate<T>
    {
        private readonly Decay<T> _alpha = new(alpha);

        // The slow weights come in as the gradient operand (read) and as the first state (written).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> slow, ref Vector256<T> slowOut, ref Vector256<T> s1, ref Vector256<T> s2)
        {
            p = Average(p, slow, _alpha);
            slowOut = p;
        }
    }

    /// <summary>
    /// momentum.mul_(alpha).add_(slow_momentum, alpha=1 - alpha). When slow_momentum is the momentum buffer itself, the add
    /// reads it already multiplied, as PyTorch's in-place ops on one tensor do.
    /// </summary>
    private readonly struct MomentumPullback(double alpha, bool own) : IFusedUpdate<T>
    {
        private readonly Decay<T> _alpha = new(alpha);
        private readonly bool _own = own;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> momentum, Vector256<T> slowMomentum, ref Vector256<T> s0, ref Vector256<T> s1, ref Vector256<T> s2)
        {
            Vector256<T> scaled = momentum * _alpha.Beta;
            momentum = Fma(_own ? slowMomentum : scaled, _alpha.Complement, scaled);
        }
    }
}
