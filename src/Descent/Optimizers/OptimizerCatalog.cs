using System.Numerics;
using Descent.Expressions;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>One optimizer as the catalog lists it: its spec name, a one-line summary, its update rule, and its defaults.</summary>
public sealed record OptimizerInfo(string Name, string Summary, string UpdateRule, OptimizerOptions Defaults);

/// <summary>Every optimizer Descent has, by spec name; builds optimizers from specs such as <c>adam(lr=0.01)</c>.</summary>
public static class OptimizerCatalog
{
    /// <summary>All optimizers, in the order they are listed.</summary>
    public static IReadOnlyList<OptimizerInfo> All { get; } =
    [
        new("sgd", "Stochastic gradient descent, optionally with momentum, Nesterov momentum and weight decay.",
            """
            g = grad (negated if maximize) + weight_decay * p
            b = g on the first step, else momentum * b + (1 - dampening) * g     (if momentum > 0)
            g = g + momentum * b if nesterov, else b                             (if momentum > 0)
            p = p - lr * g
            """,
            new SgdOptions()),
        new("momentum", "SGD with momentum 0.9: the tutorial's \"Momentum\"; shorthand for sgd(momentum=0.9, ...).",
            """
            b = g on the first step, else 0.9 * b + g
            p = p - lr * b
            """,
            new SgdOptions { Momentum = 0.9 }),
        new("adagrad", "Adagrad: per-coordinate steps shrink with the sum of past squared gradients.",
            """
            g = grad (negated if maximize) + weight_decay * p
            s = s + g^2                                  (s starts at initial_accumulator_value)
            p = p - lr / (1 + (t - 1) * lr_decay) * g / (sqrt(s) + eps)
            """,
            new AdagradOptions()),
        new("rmsprop", "RMSprop: steps divided by a running root-mean-square of the gradient; optional momentum and centering.",
            """
            g = grad (negated if maximize) + weight_decay * p
            v = alpha * v + (1 - alpha) * g^2
            d = sqrt(v - a^2) + eps with a = alpha * a + (1 - alpha) * g   (centered)
              = sqrt(v) + eps                                              (otherwise)
            b = momentum * b + g / d;  p = p - lr * b                       (momentum > 0)
            p = p - lr * g / d                                              (otherwise)
            """,
            new RmsPropOptions()),
        new("adadelta", "Adadelta: steps scaled by the ratio of running RMS of past updates to that of gradients.",
            """
            g = grad (negated if maximize) + weight_decay * p
            v = rho * v + (1 - rho) * g^2
            delta = sqrt(u + eps) / sqrt(v + eps) * g
            u = rho * u + (1 - rho) * delta^2
            p = p - lr * delta
            """,
            new AdadeltaOptions()),
        new("adam", "Adam: bias-corrected running averages of the gradient and its square; optional AMSGrad.",
            """
            g = grad (negated if maximize) + weight_decay * p
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g^2            (amsgrad: v_max = max(v_max, v) replaces v below)
            p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
            """,
            new AdamOptions()),
        new("adamw", "AdamW: Adam with decoupled weight decay (parameters shrink directly, not through the gradient).",
            """
            p = p * (1 - lr * weight_decay)
            g = grad (negated if maximize)
            m = beta1 * m + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g^2            (amsgrad: v_max = max(v_max, v) replaces v below)
            p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
            """,
            new AdamWOptions()),
        new("adamax", "Adamax: Adam with the infinity norm in place of the squared-gradient average.",
            """
            g = grad (negated if maximize) + weight_decay * p
            m = beta1 * m + (1 - beta1) * g
            u = max(beta2 * u, |g| + eps)
            p = p - lr / (1 - beta1^t) * m / u
            """,
            new AdamaxOptions()),
        new("nadam", "NAdam: Adam with Nesterov momentum and a warming-up momentum schedule.",
            """
            g = grad + weight_decay * p
            mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay));  P_t = mu_1 * ... * mu_t
            m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
            d = sqrt(v / (1 - beta2^t)) + eps
            p = p - lr * (1 - mu_t) / (1 - P_t) * g / d
            p = p - lr * mu_(t+1) / (1 - P_t * mu_(t+1)) * m / d
            """,
            new NAdamOptions()),
        new("radam", "RAdam: Adam with the variance of the adaptive step rectified (plain momentum SGD in the first steps).",
            """
            g = grad + weight_decay * p
            m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2;  m_hat = m / (1 - beta1^t)
            rho_inf = 2 / (1 - beta2) - 1;  rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)
            rho_t > 5:  r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))
                        p = p - m_hat * lr * sqrt(1 - beta2^t) / (sqrt(v) + eps) * r
            otherwise:  p = p - m_hat * lr
            """,
            new RAdamOptions()),
        new("asgd", "Averaged SGD: SGD with a decaying step, keeping a running average of the iterates from step t0.",
            """
            g = grad (negated if maximize) + weight_decay * p
            p = p * (1 - lambd * eta) - eta * g           (eta starts at lr)
            ax = ax + mu * (p - ax)                       (ax = p while mu = 1)
            eta = lr / (1 + lambd * lr * t)^alpha;  mu = 1 / max(1, t - t0)
            """,
            new AsgdOptions()),
        new("rprop", "Rprop: per-coordinate step sizes grow while the gradient keeps its sign and shrink when it flips.",
            """
            s = sign(g * g_prev)                          (g negated if maximize)
            step = clamp(step * (etaplus if s > 0, etaminus if s < 0, else 1), step_sizes)   (step starts at lr)
            g = 0 where s < 0
            p = p - sign(g) * step;  g_prev = g
            """,
            new RpropOptions()),
        new("lbfgs", "L-BFGS: quasi-Newton steps from a short history of gradient changes; needs a closure, optional strong Wolfe line search.",
            """
            each step: up to max_iter iterations over all parameters as one vector x, gradient g
            d = -H g        H from the last history_size pairs (s = x change, y = g change), two-loop recursion,
                            scaled by (s.y)/(y.y); d = -g on the very first iteration
            t = lr (first iteration ever: min(1, 1/|g|_1) * lr), or a strong Wolfe line search from there
            x = x + t d
            stop when max|g| <= tolerance_grad, g.d > -tolerance_change, max|t d| <= tolerance_change,
            |f change| < tolerance_change, or max_iter / max_eval is reached
            """,
            new LbfgsOptions()),
    ];

    /// <summary>The optimizer called <paramref name="name"/>, or an error naming the closest known one.</summary>
    public static OptimizerInfo Find(string name) =>
        All.FirstOrDefault(o => o.Name == name.ToLowerInvariant())
        ?? throw new HyperparameterException(
            $"unknown optimizer '{name}'" +
            Spelling.Suggestion(name, All.Select(o => o.Name)) +
            $" (known: {string.Join(", ", All.Select(o => o.Name))})");

    /// <summary>The validated options a spec such as <c>sgd(lr=0.1, momentum=0.9)</c> describes.</summary>
    /// <exception cref="ParseException">The text is not a spec.</exception>
    /// <exception cref="HyperparameterException">An unknown optimizer or hyperparameter, a value of the wrong type or out of range.</exception>
    public static OptimizerOptions Parse(string spec) => Bind(Spec.Parse(spec));

    /// <summary>The validated options of each spec in a ';'-separated list, e.g. <c>sgd(lr=0.01); adam(lr=0.01)</c>.</summary>
    /// <exception cref="ParseException">The text is not a list of specs.</exception>
    /// <exception cref="HyperparameterException">An unknown optimizer or hyperparameter, a value of the wrong type or out of range.</exception>
    public static IReadOnlyList<OptimizerOptions> ParseList(string specs) => [.. Spec.ParseList(specs).Select(Bind)];

    /// <summary>The validated options a parsed spec describes.</summary>
    public static OptimizerOptions Bind(Spec spec)
    {
        OptimizerInfo info = Find(spec.Name);
        return OptionsBinder.Bind(info.Defaults.GetType(), spec, info.Defaults);
    }

    /// <summary>A new optimizer over <paramref name="parameters"/> of the kind and with the hyperparameters <paramref name="options"/> give.</summary>
    public static Optimizer<T> Create<T>(OptimizerOptions options, IEnumerable<Tensor<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T> => options switch
        {
            SgdOptions o => new Sgd<T>(parameters, o),
            AdagradOptions o => new Adagrad<T>(parameters, o),
            RmsPropOptions o => new RmsProp<T>(parameters, o),
            AdadeltaOptions o => new Adadelta<T>(parameters, o),
            AdamOptions o => new Adam<T>(parameters, o),
            AdamWOptions o => new AdamW<T>(parameters, o),
            AdamaxOptions o => new Adamax<T>(parameters, o),
            NAdamOptions o => new NAdam<T>(parameters, o),
            RAdamOptions o => new RAdam<T>(parameters, o),
            AsgdOptions o => new Asgd<T>(parameters, o),
            RpropOptions o => new Rprop<T>(parameters, o),
            LbfgsOptions o => new Lbfgs<T>(parameters, o),
            _ => throw new ArgumentException($"No optimizer takes {options.GetType().Name}.", nameof(options)),
        };
}
