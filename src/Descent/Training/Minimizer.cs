using System.Numerics;
using Descent.Autodiff;
using Descent.Expressions;
using Descent.Functions;
using Descent.Optimizers;
using Descent.Schedulers;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>
/// A minimization of a function of the function language: the function, the start point, the
/// optimizers to race from it, the step budget and the dtype, optionally a learning-rate scheduler and
/// gradient clipping. <see cref="Run()"/> records every point each optimizer visits. Each step zeros the
/// gradient, evaluates f at the current point, runs backward, clips, updates and steps the scheduler, as a
/// PyTorch loop would; all arithmetic is in the dtype. One parameter tensor holds all variables.
/// </summary>
public sealed record Minimizer
{
    /// <summary>The function to minimize.</summary>
    public required Expression Function { get; init; }

    /// <summary>The parameter order; every variable of the function appears once, a vector variable x as its elements x[1], x[2], ... in order.</summary>
    public required IReadOnlyList<string> Variables { get; init; }

    /// <summary>
    /// The value of each size of the function (a name in a sum's bounds, as n in <c>sum(i, 1, n, x[i]^2)</c>); a size left
    /// out is the length of the function's vector variables, when they all have one length. Null: all left out.
    /// </summary>
    public IReadOnlyDictionary<string, int>? Sizes { get; init; }

    /// <summary>The start value of each variable, in <see cref="Variables"/> order.</summary>
    public required IReadOnlyList<double> Start { get; init; }

    /// <summary>The optimizers to run from the start, each on its own.</summary>
    public IReadOnlyList<OptimizerOptions> Optimizers { get; init; } = [new SgdOptions { Lr = 0.1 }];

    /// <summary>Optimizer steps per run (0 or more).</summary>
    public int Steps { get; init; } = 100;

    /// <summary>The arithmetic's element type.</summary>
    public DType DType { get; init; } = DType.Float64;

    /// <summary>
    /// A learning-rate scheduler each optimizer runs with (its own instance), stepped once after every optimizer
    /// step; <c>reduce_lr_on_plateau</c> watches f at the point the step started from. Null for none.
    /// </summary>
    public SchedulerOptions? Scheduler { get; init; }

    /// <summary>Gradient clipping after every backward and before the optimizer uses the gradient (inside L-BFGS's closure too), or null.</summary>
    public GradientClipping? Clipping { get; init; }

    /// <summary>
    /// How many coordinates (the first ones) of the points between the start and the final point each run keeps, or null
    /// for all. Keeping every point of 10,000 coordinates costs 80 kB a step, most of such a step's time and, over a long
    /// run, more memory than the machine has; the start and the final point are always kept whole.
    /// </summary>
    public int? KeptCoordinates { get; init; }

    /// <summary>
    /// The catalog function being minimized, if any (its formula is <see cref="Function"/>, its variables
    /// <see cref="Variables"/> in the same order): its known global minima let each run report its gap f - f*
    /// and its distance to the nearest global minimum.
    /// </summary>
    public TestFunction? TestFunction { get; init; }

    /// <summary>A minimization of a catalog function from its default start: its formula, variables and start point.</summary>
    public static Minimizer For(TestFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new Minimizer { Function = function.ToExpression(), Variables = function.Variables, Start = function.Start, TestFunction = function };
    }

    /// <summary>Throws if the settings do not fit together; <see cref="Run()"/> calls it first.</summary>
    /// <exception cref="InputException">
    /// A variable without a start value, a start value without a variable, a negative step count, clipping out of
    /// range, or a schedule that would fail part-way (as one-cycle stepped past its total steps).
    /// </exception>
    public void Validate()
    {
        ValidateSettings();
        if (Scheduler is not null)
            foreach (OptimizerOptions optimizer in Optimizers) Scheduler.CheckRun(optimizer, Steps);
    }

    /// <summary>Runs every optimizer of <see cref="Optimizers"/> from the start, in order.</summary>
    /// <exception cref="InputException">The settings do not fit together (see <see cref="Validate"/>).</exception>
    public IReadOnlyList<Trajectory> Run()
    {
        Validate();
        return [.. Optimizers.Select(Minimize)];
    }

    /// <summary>Runs one optimizer from the start for <see cref="Steps"/> steps, or until f or the point stops being finite.</summary>
    /// <exception cref="InputException">The settings do not fit together (see <see cref="Validate"/>), with this optimizer.</exception>
    public Trajectory Run(OptimizerOptions optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ValidateSettings();
        Scheduler?.CheckRun(optimizer, Steps);
        return Minimize(optimizer);
    }

    private void ValidateSettings()
    {
        ArgumentNullException.ThrowIfNull(Function);
        ArgumentNullException.ThrowIfNull(Variables);
        ArgumentNullException.ThrowIfNull(Start);
        ArgumentNullException.ThrowIfNull(Optimizers);
        if (Steps < 0) throw new InputException($"steps must be 0 or more, not {Steps}");
        if (KeptCoordinates < 0) throw new InputException($"kept coordinates must be 0 or more, not {KeptCoordinates}");
        if (Variables.Count != Start.Count) throw new InputException($"{Variables.Count} variables but {Start.Count} start values: give one start value per variable");
        if (Variables.Distinct().Count() != Variables.Count) throw new InputException("a variable is listed twice");
        ParameterLayout layout = ParameterLayout.Of(Function, Variables, Sizes);
        if (Function.Vectors.Count > 0)
        {
            // Indices out of range show at the first evaluation: make it here, before any run.
            using var _ = Autograd.NoGrad();
            Scope<double> scope = Function.CreateScope<double>(layout.Sizes);
            layout.Bind(scope, Tensor<double>.FromArray([.. Start]));
            Function.EvaluateIn(scope);
        }
        Clipping?.Validate();
        if (TestFunction is { } catalog && !catalog.Variables.SequenceEqual(Variables))
            throw new InputException($"the variables of {catalog} are {string.Join(", ", catalog.Variables)}, in that order");
    }

    /// <summary>The value of each size of the function, in the order of its <see cref="Expression.Sizes"/>.</summary>
    internal int[] SizeValues => ParameterLayout.Of(Function, Variables, Sizes).Sizes;

    private Trajectory Minimize(OptimizerOptions optimizer)
    {
        Trajectory run = DType == DType.Float32 ? Minimize<float>(optimizer) : Minimize<double>(optimizer);
        if (TestFunction is { } known) run.Measure(known);
        return run;
    }

    /// <summary>
    /// The smallest gap f - f* the dtype can tell from zero: the spacing of its numbers near f* (about 6.1e-05 in
    /// float32 near -959.64), or 0 without a known minimum, where the gradient norm is measured instead.
    /// </summary>
    public double Resolution
    {
        get
        {
            if (TestFunction is not { } known) return 0;
            double fstar = Math.Abs(known.MinimumValue);
            return DType == DType.Float32 ? MathF.BitIncrement((float)fstar) - (float)fstar : Math.BitIncrement(fstar) - fstar;
        }
    }

    /// <summary>Throws unless <paramref name="tolerance"/> can be measured: a finite number &gt; 0, not below <see cref="Resolution"/>.</summary>
    /// <exception cref="InputException">The tolerance cannot be measured.</exception>
    public void ValidateTolerance(double tolerance)
    {
        if (!(tolerance > 0) || !double.IsFinite(tolerance)) throw new InputException($"tolerance {Trajectory.Format(tolerance)} is invalid: it must be a finite number > 0");
        double spacing = Resolution;
        if (tolerance < spacing)
            throw new InputException($"tolerance {Trajectory.Format(tolerance)} is finer than {DType.ToString().ToLowerInvariant()} resolves near f* = {Trajectory.Format(TestFunction!.MinimumValue)} " +
                $"(values there are {Trajectory.Format(Math.Round(spacing, 1 - (int)Math.Floor(Math.Log10(spacing))))} apart): use float64 or a larger tolerance");
    }

    private Trajectory Minimize<T>(OptimizerOptions optimizer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parameter = Tensor<T>.FromArray([.. Start.Select(T.CreateChecked)]).RequireGrad();
        ParameterLayout layout = ParameterLayout.Of(Function, Variables, Sizes);
        Scope<T> scope = Function.CreateScope<T>(layout.Sizes);
        Optimizer<T> opt = optimizer.Create<T>([parameter]);
        Scheduler<T>? scheduler = Scheduler?.Create(opt);
        double Evaluate()
        {
            opt.ZeroGrad();
            layout.Bind(scope, parameter);
            Tensor<T> value = Function.EvaluateIn(scope);
            if (value.RequiresGrad) value.Backward();
            else parameter.Grad ??= Tensor<T>.Zeros(parameter.Size); // a constant function has zero gradient
            return double.CreateChecked(value.Item());
        }
        double EvaluateAndClip()
        {
            double value = Evaluate();
            Clipping?.Apply([parameter]);
            return value;
        }

        var trajectory = new Trajectory(Function.Text, optimizer.ToSpec(), Variables, Scheduler?.ToSpec());
        for (int k = 0; ; k++)
        {
            double value = Evaluate();
            int kept = k == 0 || k == Steps ? parameter.Size : Math.Min(parameter.Size, KeptCoordinates ?? parameter.Size);
            // The gradient norm recorded is the true one, before clipping.
            trajectory.Add(Point(parameter, kept), value, Norm(parameter.Grad!.Data), opt.ParamGroups[0].Lr, scheduler?.Momenta?[0]);
            if (k == Steps) break;
            if (!double.IsFinite(value) || !AllFinite<T>(parameter.Data))
            {
                if (kept < parameter.Size) trajectory.ReplaceLastPoint(Point(parameter, parameter.Size));
                // At the start no learning rate is to blame: the function itself is not finite there.
                trajectory.StoppedEarly = k == 0
                    ? $"f is not finite at the start point (f = {Trajectory.Format(value)}): start somewhere f is defined"
                    : $"stopped after {k} steps: f is no longer finite (f = {Trajectory.Format(value)}); try a smaller learning rate";
                break;
            }
            if (k == 0 && !double.IsFinite(trajectory.GradientNorms[0]))
            {
                trajectory.StoppedEarly = $"the gradient of f is not finite at the start point (|grad f| = {Trajectory.Format(trajectory.GradientNorms[0])}): start somewhere f is differentiable";
                break;
            }
            Clipping?.Apply([parameter]);
            opt.Step(opt.RequiresClosure ? EvaluateAndClip : null);
            scheduler?.Step(value);
        }
        return trajectory;
    }

    /// <summary>The first <paramref name="count"/> coordinates of the parameter, in double.</summary>
    private static double[] Point<T>(Tensor<T> parameter, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> data = parameter.Data;
        var point = new double[count];
        for (int i = 0; i < count; i++) point[i] = double.CreateChecked(data[i]);
        return point;
    }

    private static bool AllFinite<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (T v in values)
            if (!T.IsFinite(v)) return false;
        return true;
    }

    private static double Norm<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (T v in values) sum += double.CreateChecked(v) * double.CreateChecked(v);
        return Math.Sqrt(sum);
    }
}
