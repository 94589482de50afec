using System.Globalization;
using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Curvature;

/// <summary>
/// What theory says about a step size on a quadratic whose Hessian eigenvalues lie in [mu, L], for the methods
/// it covers exactly. Gradient descent, x = x - lr g: along an eigenvector of eigenvalue c the error is multiplied
/// by 1 - lr c each step, so it is stable for lr &lt; 2/L and overshoots for lr &gt; 1/L. Heavy-ball momentum beta:
/// the error follows z^2 - (1 + beta - lr c) z + beta = 0, stable for lr &lt; 2 (1 + beta)/L. PyTorch's SGD with
/// momentum is heavy ball with step lr (1 - dampening); weight decay adds its factor to every eigenvalue.
/// </summary>
public sealed record StabilityBound
{
    /// <summary>"gradient descent" or "heavy-ball momentum".</summary>
    public required string Method { get; init; }

    /// <summary>The step size the theory sees: lr, times (1 - dampening) with momentum.</summary>
    public required double Lr { get; init; }

    /// <summary>How the step size is written in explanations: <c>lr</c>, or <c>lr (1 - dampening)</c>.</summary>
    public string LrName { get; init; } = "lr";

    /// <summary>The momentum factor beta (0 for gradient descent).</summary>
    public double Momentum { get; init; }

    /// <summary>The largest eigenvalue (plus any weight decay).</summary>
    public required double L { get; init; }

    /// <summary>The smallest eigenvalue (plus any weight decay).</summary>
    public required double Mu { get; init; }

    /// <summary>The largest stable step size: 2 (1 + beta)/L (2/L for gradient descent).</summary>
    public double MaxLr => 2 * (1 + Momentum) / L;

    /// <summary>Whether the step size is below <see cref="MaxLr"/>.</summary>
    public bool IsStable => Lr < MaxLr;

    /// <summary>The factor the error along an eigenvector of eigenvalue <paramref name="curvature"/> is multiplied by per step, in the long run (the spectral radius).</summary>
    public double RateAt(double curvature)
    {
        double b = 1 + Momentum - Lr * curvature, discriminant = b * b - 4 * Momentum;
        return discriminant < 0 ? Math.Sqrt(Momentum) : (Math.Abs(b) + Math.Sqrt(discriminant)) / 2;
    }

    /// <summary>Whether the error along an eigenvector of eigenvalue <paramref name="curvature"/> changes sign from step to step (a negative or complex factor).</summary>
    public bool OvershootsAt(double curvature)
    {
        double b = 1 + Momentum - Lr * curvature;
        return b < 0 || b * b < 4 * Momentum;
    }

    /// <summary>The slowest mode's factor, max(rate at L, rate at mu): in the long run the error is multiplied by this per step (it grows when &gt; 1).</summary>
    public double Rate => Math.Max(RateAt(L), RateAt(Mu));

    /// <summary>The step size that makes <see cref="Rate"/> smallest: 2/(L + mu) for gradient descent, 4/(sqrt L + sqrt mu)^2 for heavy ball.</summary>
    public double OptimalLr => Momentum == 0 ? 2 / (L + Mu) : 4 / Math.Pow(Math.Sqrt(L) + Math.Sqrt(Mu), 2);

    /// <summary>Polyak's optimal momentum for this quadratic, ((sqrt L - sqrt mu)/(sqrt L + sqrt mu))^2.</summary>
    public double OptimalMomentum => Math.Pow((Math.Sqrt(L) - Math.Sqrt(Mu)) / (Math.Sqrt(L) + Math.Sqrt(Mu)), 2);

    /// <summary>
    /// The bound for <paramref name="optimizer"/> at curvatures <paramref name="largest"/> and <paramref name="smallest"/>, or null where theory
    /// gives none: adaptive methods, Nesterov momentum, maximizing, or no positive curvature.
    /// </summary>
    public static StabilityBound? For(OptimizerOptions optimizer, double largest, double smallest)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (optimizer is not SgdOptions { Nesterov: false, Maximize: false } sgd) return null;
        double l = largest + sgd.WeightDecay, mu = smallest + sgd.WeightDecay;
        if (!(l > 0) || !double.IsFinite(l) || !double.IsFinite(mu)) return null;
        bool heavy = sgd.Momentum > 0;
        return new StabilityBound
        {
            Method = heavy ? "heavy-ball momentum" : "gradient descent",
            Lr = heavy ? sgd.Lr * (1 - sgd.Dampening) : sgd.Lr,
            LrName = heavy && sgd.Dampening != 0 ? "lr (1 - dampening)" : "lr",
            Momentum = heavy ? sgd.Momentum : 0,
            L = l,
            Mu = mu,
        };
    }

    /// <summary>
    /// The step size against the bounds in a sentence, e.g. "lr = 0.7 is between 1/L = 0.5 and 2/L = 1: each step
    /// overshoots the minimum and the error shrinks by |1 - lr L| = 0.4 per step".
    /// </summary>
    /// <param name="dimension">The number of variables: with more than one, the overshoot is along the top eigenvector.</param>
    public string Describe(int dimension)
    {
        string lr = $"{LrName} = {Number(Lr)}";
        string along = dimension > 1 && L != Mu ? " along the top eigenvector" : "";
        if (Momentum > 0)
        {
            string limit = $"2(1 + momentum)/L = {Short(MaxLr)}";
            if (!IsStable) return $"{lr} is above {limit} with momentum = {Number(Momentum)}: the error grows by {Short(Rate)} per step";
            string how = OvershootsAt(L) ? $"each step overshoots the minimum{along}, the iterates circling in," : "the iterates slide in without overshooting,";
            return $"{lr} is below {limit} with momentum = {Number(Momentum)}: {how} and the error shrinks by {Short(Rate)} per step";
        }
        double rateL = Math.Abs(1 - Lr * L), rateMu = Math.Abs(1 - Lr * Mu);
        string shrink = rateL >= rateMu || L == Mu
            ? $"the error shrinks by |1 - lr L| = {Short(rateL)} per step"
            : $"the error along the flattest direction (mu = {Short(Mu)}) shrinks by only |1 - lr mu| = {Short(rateMu)} per step";
        if (!IsStable) return $"{lr} is above 2/L = {Short(2 / L)}: each step overshoots the minimum{along} by more than it corrects, and the error grows by |1 - lr L| = {Short(rateL)} per step";
        if (rateL < 1e-12) return $"{lr} is 1/L: each step lands on the minimum{along}" + (L == Mu ? "" : $", and {shrink}");
        if (Lr > 1 / L) return $"{lr} is between 1/L = {Short(1 / L)} and 2/L = {Short(2 / L)}: each step overshoots the minimum{along} and {shrink}";
        return $"{lr} is below 1/L = {Short(1 / L)}: no step overshoots the minimum, and {shrink}";
    }

    /// <summary>The fastest settings for this quadratic in a sentence (meaningful when the curvature is constant and mu &gt; 0).</summary>
    public string DescribeOptimum() => L == Mu
        ? $"on this quadratic lr = 1/L = {Short(1 / L)} lands on the minimum in one step"
        : Momentum == 0
        ? $"the fastest gradient descent on this quadratic has lr = 2/(L + mu) = {Short(OptimalLr)} (error x {Short((L - Mu) / (L + Mu))} per step)"
        : $"the fastest heavy ball on this quadratic has lr = 4/(sqrt L + sqrt mu)^2 = {Short(OptimalLr)} and momentum = {Short(OptimalMomentum)} (error x {Short(Math.Sqrt(OptimalMomentum))} per step)";

    /// <summary>A derived number to four significant digits, as explanations show them: 0.4, not 0.3999999999999999.</summary>
    public static string Short(double value) =>
        double.IsFinite(value) ? Number(double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)) : SpecFormat.Value(value);

    private static string Number(double value) => SpecFormat.Number(value);
}
