using System.Numerics;
using Descent.Expressions;
using Descent.Optimizers;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>Minimizes a function of the function language with any optimizer, recording every point visited.</summary>
public static class Minimizer
{
    /// <summary>
    /// Runs <paramref name="steps"/> optimizer steps from <paramref name="start"/>. Each step zeros the
    /// gradient, evaluates f at the current point, runs backward and updates, as a PyTorch loop would;
    /// all arithmetic is in <typeparamref name="T"/>. One parameter tensor holds all variables.
    /// </summary>
    /// <param name="function">The function to minimize.</param>
    /// <param name="variables">The parameter order; every variable of <paramref name="function"/> must appear once.</param>
    /// <param name="start">The starting value of each variable, in <paramref name="variables"/> order.</param>
    /// <param name="optimizer">The optimizer and its hyperparameters.</param>
    /// <param name="steps">How many optimizer steps to take.</param>
    public static Trajectory Minimize<T>(Expression function, IReadOnlyList<string> variables, IReadOnlyList<double> start,
        OptimizerOptions optimizer, int steps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (variables.Count != start.Count) throw new ArgumentException("One start value per variable is needed.", nameof(start));
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        foreach (string v in function.Variables)
            if (!variables.Contains(v)) throw new InputException($"the variable '{v}' of the function has no start value");

        var parameter = Tensor<T>.FromArray([.. start.Select(T.CreateChecked)]).RequireGrad();
        var bindings = new Dictionary<string, Tensor<T>>();
        Optimizer<T> opt = OptimizerCatalog.Create(optimizer, [parameter]);
        double Evaluate()
        {
            opt.ZeroGrad();
            for (int i = 0; i < variables.Count; i++) bindings[variables[i]] = parameter.Index(i);
            Tensor<T> value = function.Evaluate(bindings);
            if (value.RequiresGrad) value.Backward();
            else parameter.Grad ??= Tensor<T>.Zeros(parameter.Size); // a constant function has zero gradient
            return double.CreateChecked(value.Item());
        }

        var trajectory = new Trajectory(function.Text, optimizer.ToSpec(), variables);
        for (int k = 0; ; k++)
        {
            double value = Evaluate();
            double[] point = [.. parameter.Data.ToArray().Select(double.CreateChecked)];
            trajectory.Add(point, value, Norm(parameter.Grad!.Data));
            if (k == steps) break;
            if (!double.IsFinite(value) || !point.All(double.IsFinite))
            {
                trajectory.StoppedEarly = $"stopped after {k} steps: f is no longer finite (f = {Trajectory.Format(value)}); try a smaller learning rate";
                break;
            }
            opt.Step(RequiresClosure(optimizer) ? Evaluate : null);
        }
        return trajectory;
    }

    /// <summary>Whether the optimizer re-evaluates the function itself during a step (L-BFGS).</summary>
    private static bool RequiresClosure(OptimizerOptions options) => options.OptimizerName == "lbfgs";

    private static double Norm<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (T v in values) sum += double.CreateChecked(v) * double.CreateChecked(v);
        return Math.Sqrt(sum);
    }
}
