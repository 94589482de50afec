using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;
using Descent.Autodiff;
using Descent.Tensors;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Lbfgs{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record LbfgsOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate (step length without line search)")]
    public override double Lr { get; init; } = 1;

    /// <summary>Most iterations per <c>step()</c>.</summary>
    [Description("maximal number of iterations per step")]
    public int MaxIter { get; init; } = 20;

    /// <summary>Most function evaluations per <c>step()</c>; none means max_iter * 5 / 4.</summary>
    [Description("maximal number of function evaluations per step (none: max_iter * 5 / 4)")]
    public int? MaxEval { get; init; }

    /// <summary>Stop when every gradient component is at most this in magnitude.</summary>
    [Description("termination tolerance on first-order optimality")]
    public double ToleranceGrad { get; init; } = 1e-7;

    /// <summary>Stop when the function value or the parameters change less than this.</summary>
    [Description("termination tolerance on function value/parameter changes")]
    public double ToleranceChange { get; init; } = 1e-9;

    /// <summary>How many past updates approximate the inverse Hessian.</summary>
    [Description("update history size")]
    public int HistorySize { get; init; } = 100;

    /// <summary>none (fixed step lr) or "strong_wolfe".</summary>
    [Description("line search: none or \"strong_wolfe\"")]
    public string? LineSearchFn { get; init; }

    /// <summary>The evaluation budget per step: <see cref="MaxEval"/> or, as PyTorch does, max_iter * 5 / 4.</summary>
    public int EffectiveMaxEval => MaxEval ?? MaxIter * 5 / 4;

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        RequireAtLeast("max_iter", MaxIter, 1);
        if (MaxEval is int maxEval) RequireAtLeast("max_eval", maxEval, 1);
        RequireAtLeast("tolerance_grad", ToleranceGrad, 0);
        RequireAtLeast("tolerance_change", ToleranceChange, 0);
        RequireAtLeast("history_size", HistorySize, 1);
        Require(LineSearchFn is null or "strong_wolfe", "line_search_fn", LineSearchFn ?? "none", "only none or \"strong_wolfe\" is supported");
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        each step: up to max_iter iterations over all parameters as one vector x, gradient g
        d = -H g        H from the last history_size pairs (s = x change, y = g change), two-loop recursion,
                        scaled by (s.y)/(y.y); d = -g on the very first iteration
        t = lr (first iteration ever: min(1, 1/|g|_1) * lr), or a strong Wolfe line search from there
        x = x + t d
        stop when max|g| <= tolerance_grad, g.d > -tolerance_change, max|t d| <= tolerance_change,
        |f change| < tolerance_change, or max_iter / max_eval is reached
        """;

    /// <inheritdoc/>
    public override bool RequiresClosure => true;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Lbfgs<T>(parameters, this);
}

/// <summary>
/// L-BFGS, as PyTorch 1.13's <c>torch.optim.LBFGS</c>: each <c>Step(closure)</c> runs up to max_iter
/// quasi-Newton iterations over all parameters as one flat vector. The direction comes from the
/// two-loop recursion over the last history_size pairs (s = step taken, y = change of gradient);
/// the step length is lr (the first ever iteration: min(1, 1 / |g|₁) * lr), or found by a strong
/// Wolfe line search. The closure must zero the gradients, evaluate the loss, run backward and
/// return the loss. One parameter group only, as in PyTorch.
/// </summary>
public sealed class Lbfgs<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] _parameters;
    private readonly int _size;

    /// <summary>Creates an L-BFGS optimizer over <paramref name="parameters"/>.</summary>
    public Lbfgs(IEnumerable<Tensor<T>> parameters, LbfgsOptions options) : base(parameters, options)
    {
        _parameters = [.. ParamGroups[0].Parameters];
        _size = _parameters.Sum(p => p.Size);
    }

    /// <summary>L-BFGS keeps one group: its state spans all parameters (PyTorch refuses groups too).</summary>
    /// <exception cref="InvalidOperationException">Always, once the optimizer exists.</exception>
    public override void AddParamGroup(IEnumerable<Tensor<T>> parameters, OptimizerOptions? options = null) =>
        throw new InvalidOperationException("L-BFGS doesn't support per-parameter options (parameter groups).");

    /// <inheritdoc/>
    protected internal override string? StateProblem(Tensor<T> parameter, OptimizerOptions options, ParameterState<T> state)
    {
        // Step reads these without further checks: the state lives on the first parameter; d, prev_flat_grad and
        // the history are flat vectors over all parameters; the three history lists run in step; at most history_size.
        if (!ReferenceEquals(parameter, _parameters[0])) return "L-BFGS keeps its state on the first parameter only";
        foreach (var (name, buffer) in state.Buffers)
            if (buffer.Rank != 1 || buffer.Size != _size)
                return $"buffer '{name}' has shape {TensorShape.Format(buffer.Shape)}, not [{_size}] (all parameters as one vector)";
        foreach (var (name, list) in state.Lists)
        {
            if (name is not ("old_dirs" or "old_stps" or "ro")) return $"list '{name}' is not part of L-BFGS state";
            foreach (Tensor<T> t in list)
                if (name == "ro" ? t.Size != 1 : t.Rank != 1 || t.Size != _size)
                    return $"an entry of '{name}' has shape {TensorShape.Format(t.Shape)}, not {(name == "ro" ? "a single number" : $"[{_size}]")}";
        }
        int history = state.Lists.GetValueOrDefault("old_dirs")?.Count ?? 0;
        if ((state.Lists.GetValueOrDefault("old_stps")?.Count ?? 0) != history || (state.Lists.GetValueOrDefault("ro")?.Count ?? 0) != history)
            return "'old_dirs', 'old_stps' and 'ro' have different lengths";
        if (history > ((LbfgsOptions)options).HistorySize) return $"a history of {history} pairs, more than history_size {((LbfgsOptions)options).HistorySize}";
        foreach (string name in new[] { "n_iter", "func_evals" })
            if (state.Scalars.TryGetValue(name, out double count) && !(double.IsInteger(count) && count >= 0))
                return $"'{name}' is {count:R}, not a whole number >= 0";
        if (state.Scalars.GetValueOrDefault("n_iter") > 0 && !(state.Buffers.ContainsKey("d") && state.Buffers.ContainsKey("prev_flat_grad")))
            return "'d' and 'prev_flat_grad' are missing after iterations";
        return null;
    }

    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state) =>
        throw new InvalidOperationException("L-BFGS updates all parameters together in Step(closure).");

    /// <summary>Runs up to max_iter L-BFGS iterations; <paramref name="closure"/> is required.</summary>
    /// <returns>The loss at the start of the step.</returns>
    public override double? Step(Func<double>? closure = null)
    {
        ArgumentNullException.ThrowIfNull(closure, nameof(closure));
        var o = (LbfgsOptions)ParamGroups[0].Options;
        ParameterState<T> state = StateOf(_parameters[0]);
        T toleranceGrad = T.CreateChecked(o.ToleranceGrad), toleranceChange = T.CreateChecked(o.ToleranceChange);

        double origLoss = closure(), loss = origLoss;
        int currentEvals = 1;
        state.Scalars["func_evals"] = state.Scalars.GetValueOrDefault("func_evals") + 1;
        T[] flatGrad = GatherFlatGrad();
        if (MaxAbs(flatGrad) <= toleranceGrad) return origLoss;

        T[]? d = state.Buffers.GetValueOrDefault("d")?.ToArray();
        T[]? prevFlatGrad = state.Buffers.GetValueOrDefault("prev_flat_grad")?.ToArray();
        double t = state.Scalars.GetValueOrDefault("t");
        T hDiag = T.CreateChecked(state.Scalars.GetValueOrDefault("H_diag", 1));
        List<Tensor<T>> oldDirs = state.Lists.GetValueOrDefault("old_dirs") ?? [], oldSteps = state.Lists.GetValueOrDefault("old_stps") ?? [];
        List<Tensor<T>> ro = state.Lists.GetValueOrDefault("ro") ?? [];
        double prevLoss = state.Scalars.GetValueOrDefault("prev_loss");
        // One coefficient per stored pair: the history holds at most history_size pairs, but only as many as were made.
        var al = new List<T>();

        for (int nIter = 1; nIter <= o.MaxIter; nIter++)
        {
            double globalIter = state.Scalars["n_iter"] = state.Scalars.GetValueOrDefault("n_iter") + 1;
            if (globalIter == 1)
            {
                d = Negated(flatGrad);
                oldDirs = []; oldSteps = []; ro = [];
                hDiag = T.One;
            }
            else
            {
                T[] y = new T[_size], s = new T[_size];
                TP.Subtract(flatGrad, prevFlatGrad!, y);
                TP.Multiply(d!, T.CreateChecked(t), s);
                T ys = Dot(y, s);
                if (ys > T.CreateChecked(1e-10))
                {
                    if (oldDirs.Count == o.HistorySize) { oldDirs.RemoveAt(0); oldSteps.RemoveAt(0); ro.RemoveAt(0); }
                    oldDirs.Add(Tensor<T>.FromArray(y));
                    oldSteps.Add(Tensor<T>.FromArray(s));
                    ro.Add(Tensor<T>.Scalar(T.One / ys));
                    hDiag = ys / Dot(y, y);
                }
                // Two-loop recursion: q becomes the direction -H g.
                T[] q = Negated(flatGrad);
                CollectionsMarshal.SetCount(al, oldDirs.Count);
                for (int i = oldDirs.Count - 1; i >= 0; i--)
                {
                    al[i] = Dot(oldSteps[i].Data, q) * ro[i].Item();
                    AddScaled(q, oldDirs[i].Data, -al[i]);
                }
                TP.Multiply(q, hDiag, q);
                for (int i = 0; i < oldDirs.Count; i++)
                {
                    T beta = Dot(oldDirs[i].Data, q) * ro[i].Item();
                    AddScaled(q, oldSteps[i].Data, al[i] - beta);
                }
                d = q;
            }
            prevFlatGrad = (T[])flatGrad.Clone();
            prevLoss = loss;

            // The first step ever is scaled down by the gradient's size: min(1., 1. / |g|₁) * lr in PyTorch,
            // a float32 tensor or a Python float depending on which side min picks.
            Num<T> step = globalIter == 1
                ? Num<T>.Min(Num<T>.Python(1), Num<T>.Tensor(T.One / TP.SumOfMagnitudes<T>(flatGrad))) * Num<T>.Python(o.Lr)
                : Num<T>.Python(o.Lr);
            t = step.Value;

            T gtd = Dot(flatGrad, d);
            if (gtd > -toleranceChange) break;

            int lsEvals = 0;
            if (o.LineSearchFn is not null)
            {
                T[] start = FlatParameters();
                (loss, flatGrad, step, lsEvals) = StrongWolfe.Search(
                    trial => DirectionalEvaluate(closure, start, trial.Value, d), step, d, loss, flatGrad, gtd);
                t = step.Value;
                AddToParameters(t, d);
            }
            else
            {
                AddToParameters(step.Value, d);
                if (nIter != o.MaxIter)
                {
                    loss = closure();
                    flatGrad = GatherFlatGrad();
                    lsEvals = 1;
                }
            }
            bool optimal = MaxAbs(flatGrad) <= toleranceGrad;
            currentEvals += lsEvals;
            state.Scalars["func_evals"] += lsEvals;

            if (nIter == o.MaxIter || currentEvals >= o.EffectiveMaxEval || optimal) break;
            if (MaxAbsScaled(d, T.CreateChecked(t)) <= toleranceChange) break;
            if (Math.Abs(loss - prevLoss) < o.ToleranceChange) break;
        }

        if (d is not null) state.Buffers["d"] = Tensor<T>.FromArray(d);
        if (prevFlatGrad is not null) state.Buffers["prev_flat_grad"] = Tensor<T>.FromArray(prevFlatGrad);
        state.Scalars["t"] = t;
        state.Scalars["H_diag"] = double.CreateChecked(hDiag);
        state.Scalars["prev_loss"] = prevLoss;
        state.Lists["old_dirs"] = oldDirs;
        state.Lists["old_stps"] = oldSteps;
        state.Lists["ro"] = ro;
        return origLoss;
    }

    /// <summary>f and its gradient at start + step * d; the parameters are restored afterwards.</summary>
    private (double Loss, T[] Gradient) DirectionalEvaluate(Func<double> closure, T[] start, double step, T[] d)
    {
        AddToParameters(step, d);
        double loss = closure();
        T[] gradient = GatherFlatGrad();
        int offset = 0;
        foreach (Tensor<T> p in _parameters)
        {
            start.AsSpan(offset, p.Size).CopyTo(p.Data);
            offset += p.Size;
        }
        return (loss, gradient);
    }

    private T[] GatherFlatGrad()
    {
        var flat = new T[_size];
        int offset = 0;
        foreach (Tensor<T> p in _parameters)
        {
            p.Grad?.Data.CopyTo(flat.AsSpan(offset, p.Size)); // a missing gradient counts as zero
            offset += p.Size;
        }
        return flat;
    }

    private T[] FlatParameters()
    {
        var flat = new T[_size];
        int offset = 0;
        foreach (Tensor<T> p in _parameters)
        {
            p.Data.CopyTo(flat.AsSpan(offset, p.Size));
            offset += p.Size;
        }
        return flat;
    }

    /// <summary>p += step * d for the flat direction d (PyTorch's <c>add_(alpha=step)</c>, a fused multiply-add).</summary>
    private void AddToParameters(double step, T[] d)
    {
        using var _ = Autograd.NoGrad();
        T alpha = T.CreateChecked(step);
        int offset = 0;
        foreach (Tensor<T> p in _parameters)
        {
            TP.FusedMultiplyAdd(d.AsSpan(offset, p.Size), alpha, p.Data, p.Data);
            offset += p.Size;
        }
    }

    private static void AddScaled(Span<T> x, ReadOnlySpan<T> y, T alpha) => TP.FusedMultiplyAdd(y, alpha, x, x);

    private static T[] Negated(T[] x)
    {
        var result = new T[x.Length];
        TP.Negate(x, result);
        return result;
    }

    internal static T Dot(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
    {
        // Sequential accumulation, as a BLAS dot does for vectors this short; long ones use SIMD.
        if (x.Length > 64) return TP.Dot(x, y);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    private static T MaxAbs(ReadOnlySpan<T> x) => x.Length == 0 ? T.Zero : TP.MaxMagnitude(x) is var m ? T.Abs(m) : T.Zero;

    private static T MaxAbsScaled(ReadOnlySpan<T> d, T t)
    {
        T max = T.Zero;
        foreach (T v in d) max = T.Max(max, T.Abs(v * t));
        return max;
    }
}
