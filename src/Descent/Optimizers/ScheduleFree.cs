using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Autodiff;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>
/// Schedule-free SGD and AdamW, as pytorch_optimizer's <c>ScheduleFreeSGD</c> and <c>ScheduleFreeAdamW</c> at
/// commit 7a076d2f: no learning-rate schedule, but an average x of the iterates z, weighted by lr_max^weight_lr_power,
/// with gradients taken at y = (1 - beta1) z + beta1 x. In train mode the parameters hold y; <see cref="Eval"/> moves
/// them to x, the point to evaluate and keep the model at, and <see cref="Train"/> back to y before the next step.
/// The step count, the sum of the weights and the largest learning rate are per group; update rules:
/// <see cref="ScheduleFreeSgdOptions.UpdateRule"/>, <see cref="ScheduleFreeAdamWOptions.UpdateRule"/>.
/// </summary>
/// <remarks>
/// The reference's kwargs-only <c>use_palm</c> is left out. Its AMSBound reads a <c>max_exp_avg_sq</c> it never creates (and
/// fails); here it starts at zeros. A step in eval mode is refused, as the schedule-free authors' own implementation does.
/// </remarks>
public sealed class ScheduleFree<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // Per group, in the state of its first parameter (see GroupStateOf): 1 in train mode, 0 in eval mode.
    private const string TrainMode = "train_mode";

    /// <summary>Creates schedule-free AdamW over <paramref name="parameters"/>.</summary>
    public ScheduleFree(IEnumerable<Tensor<T>> parameters, ScheduleFreeAdamWOptions options) : base(parameters, options)
    {
    }

    /// <summary>Creates schedule-free SGD over <paramref name="parameters"/>.</summary>
    public ScheduleFree(IEnumerable<Tensor<T>> parameters, ScheduleFreeSgdOptions options) : base(parameters, options)
    {
    }

    /// <inheritdoc/>
    public override bool IsTraining
    {
        get
        {
            // Indexing, not LINQ or foreach: Step asks on every call, and should not allocate.
            for (int i = 0; i < ParamGroups.Count; i++)
                if (!InTrainMode(ParamGroups[i])) return false;
            return true;
        }
    }

    /// <summary>Moves every group in eval mode from the averaged point x back to y, where training takes gradients.</summary>
    public override void Train() => Switch(training: true);

    /// <summary>Moves every group in train mode from y to the averaged point x, where the model is to be evaluated.</summary>
    public override void Eval() => Switch(training: false);

    private bool InTrainMode(ParameterGroup<T> group) =>
        !HasState(group.Parameters[0]) || StateOf(group.Parameters[0]).Scalars.GetValueOrDefault(TrainMode, 1) != 0;

    private void Switch(bool training)
    {
        foreach (ParameterGroup<T> group in ParamGroups)
        {
            if (InTrainMode(group) == training) continue;
            // y = (1 - beta1) z + beta1 x, so x = lerp(y, z, 1 - 1/beta1) and y = lerp(x, z, 1 - beta1).
            double beta1 = Settings.Of(group.Options).Beta1;
            var toward = new Lerp(training ? 1 - beta1 : 1 - 1 / beta1);
            foreach (Tensor<T> p in group.Parameters)
                if (HasState(p) && StateOf(p).Buffers.TryGetValue("z", out Tensor<T>? z))
                    FusedUpdate.Run(toward, p.Memory, z.Memory); // z in the gradient's place: the end point, read only
            GroupStateOf(group).Scalars[TrainMode] = training ? 1 : 0;
        }
    }

    /// <summary>Takes one step in every group; <paramref name="closure"/>, if given, is evaluated first.</summary>
    /// <returns>The loss the closure returned, if there was a closure.</returns>
    /// <exception cref="InvalidOperationException">The optimizer is in eval mode: call <see cref="Train"/> first.</exception>
    public override double? Step(Func<double>? closure = null)
    {
        if (!IsTraining) throw new InvalidOperationException($"{Defaults.Name} steps from the training point: call Train() after Eval() before stepping.");
        double? loss = closure?.Invoke();
        using var _ = Autograd.NoGrad();
        for (int g = 0; g < ParamGroups.Count; g++)
        {
            ParameterGroup<T> group = ParamGroups[g];
            Settings o = Settings.Of(group.Options);
            Dictionary<string, double> shared = GroupStateOf(group).Scalars;
            double step = shared["step"] = shared.GetValueOrDefault("step") + 1;
            double lr = o.Lr * (step < o.WarmupSteps ? step / o.WarmupSteps : 1);
            double lrMax = shared["lr_max"] = Math.Max(lr, shared.GetValueOrDefault("lr_max", -1));
            double weight = Math.Pow(step, o.R) * Math.Pow(lrMax, o.WeightLrPower);
            double weightSum = shared["weight_sum"] = shared.GetValueOrDefault("weight_sum") + weight;
            double checkpoint = weightSum != 0 ? weight / weightSum : 0;
            if (o.DecouplingC > 0) checkpoint = Math.Min(1, checkpoint * (1 - o.Beta1) * o.DecouplingC);

            var rule = new Rule(o, step, lr, checkpoint);
            IReadOnlyList<Tensor<T>> parameters = group.Parameters;
            for (int i = 0; i < parameters.Count; i++)
            {
                Tensor<T> p = parameters[i];
                if (p.Grad is not { } grad) continue;
                ParameterState<T> state = StateOf(p);
                state.Step++;
                if (!state.Buffers.TryGetValue("z", out Tensor<T>? z)) state.Buffers["z"] = z = p.Clone();
                FusedUpdate.Run(rule, p.Memory, grad.Memory, z.Memory,
                    o.Adaptive ? BufferOf(state, "exp_avg_sq", p) : default, o.Adaptive && o.AmsBound ? BufferOf(state, "max_exp_avg_sq", p) : default);
            }
        }
        return loss;
    }

    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state) =>
        throw new InvalidOperationException("Schedule-free optimizers update a group at a time, in Step.");

    /// <inheritdoc/>
    protected internal override string? StateProblem(Tensor<T> parameter, OptimizerOptions options, ParameterState<T> state) =>
        base.StateProblem(parameter, options, state)
        ?? (state.Scalars.TryGetValue(TrainMode, out double mode) && mode is not (0 or 1) ? $"'{TrainMode}' is {mode:R}, not 1 (train) or 0 (eval)" : null);

    /// <summary>The hyperparameters both variants share; SGD is the variant without a squared-gradient average (Beta2 null).</summary>
    private readonly record struct Settings(double Lr, double Beta1, double? Beta2, double WeightDecay, double R, double WeightLrPower,
        int WarmupSteps, int DecouplingC, bool AmsBound, double Eps, bool Maximize)
    {
        public bool Adaptive => Beta2 is not null;

        public static Settings Of(OptimizerOptions options) => options switch
        {
            ScheduleFreeAdamWOptions o => new(o.Lr, o.Betas.Item1, o.Betas.Item2, o.WeightDecay, o.R, o.WeightLrPower,
                o.WarmupSteps, o.DecouplingC, o.AmsBound, o.Eps, o.Maximize),
            ScheduleFreeSgdOptions o => new(o.Lr, o.Momentum, null, o.WeightDecay, o.R, o.WeightLrPower,
                o.WarmupSteps, 0, false, o.Eps, o.Maximize),
            _ => throw new ArgumentException($"{options.Name} options are not schedule-free options.", nameof(options)),
        };
    }

    /// <summary>One step for one parameter p (y), with state z, the squared-gradient average v and its bias-corrected maximum.</summary>
    private readonly struct Rule : IFusedUpdate<T>
    {
        private readonly bool _maximize, _adaptive, _amsBound, _decay;
        private readonly Decay<T> _beta2;
        private readonly Vector256<T> _biasCorrection2, _floor, _eps, _weightDecay, _yStep, _zStep;
        private readonly Lerp _average;

        public Rule(Settings o, double step, double lr, double checkpoint)
        {
            _maximize = o.Maximize;
            _adaptive = o.Adaptive;
            _amsBound = o.AmsBound;
            _decay = o.WeightDecay > 0;
            _beta2 = new Decay<T>(o.Beta2 ?? 0);
            _biasCorrection2 = Splat<T>(1 - Math.Pow(o.Beta2 ?? 0, step));
            _floor = Splat<T>(1e-15);
            _eps = Splat<T>(o.Eps);
            _weightDecay = Splat<T>(o.WeightDecay);
            _average = new Lerp(checkpoint);
            _yStep = Splat<T>(lr * (o.Beta1 * (1 - checkpoint) - 1));
            _zStep = Splat<T>(-lr);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> z, ref Vector256<T> v, ref Vector256<T> vMax)
        {
            Vector256<T> g = _maximize ? -grad : grad;
            if (_adaptive)
            {
                v = AverageOfSquares(v, g, _beta2);
                Vector256<T> corrected = v / _biasCorrection2;
                if (_amsBound) corrected = vMax = Vector256.Max(vMax, corrected);
                g /= Vector256.Sqrt(corrected + _floor) + _eps;
            }
            if (_decay) g = Fma(p, _weightDecay, g);
            p = Fma(g, _yStep, _average.Between(p, z));
            z = Fma(g, _zStep, z);
        }
    }

    /// <summary>
    /// PyTorch's CPU <c>start.lerp_(end, weight)</c> for a scalar weight w, rounded to T: start + w (end - start) for
    /// w &lt; 0.5, else end - (end - start)(1 - w), each a fused multiply-add. As an update, it moves p toward the
    /// end point passed in the gradient's place.
    /// </summary>
    private readonly struct Lerp : IFusedUpdate<T>
    {
        private readonly bool _small;
        private readonly Vector256<T> _weight, _complement;

        public Lerp(double weight)
        {
            T w = T.CreateChecked(weight);
            _small = w < T.CreateChecked(0.5);
            _weight = Vector256.Create(w);
            _complement = Vector256.Create(T.One - w);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<T> Between(Vector256<T> start, Vector256<T> end) =>
            _small ? Fma(_weight, end - start, start) : Fma(-(end - start), _complement, end);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> end, ref Vector256<T> s0, ref Vector256<T> s1, ref Vector256<T> s2) => p = Between(p, end);
    }
}
