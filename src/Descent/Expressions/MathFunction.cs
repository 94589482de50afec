using System.Numerics;
using Descent.Tensors;

namespace Descent.Expressions;

/// <summary>A function of the function language: its name, its value on a constant, and its tensor op.</summary>
internal sealed record MathFunction(string Name, Func<double, double> OnNumber, string Description)
{
    /// <summary>Every function the language knows, by name.</summary>
    public static readonly IReadOnlyDictionary<string, MathFunction> All = new[]
    {
        new MathFunction("sin", Math.Sin, "sine"),
        new MathFunction("cos", Math.Cos, "cosine"),
        new MathFunction("tan", Math.Tan, "tangent"),
        new MathFunction("exp", Math.Exp, "e to the power"),
        new MathFunction("log", Math.Log, "natural logarithm"),
        new MathFunction("sqrt", Math.Sqrt, "square root"),
        new MathFunction("abs", Math.Abs, "absolute value"),
        new MathFunction("tanh", Math.Tanh, "hyperbolic tangent"),
        new MathFunction("sigmoid", x => 1 / (1 + Math.Exp(-x)), "logistic 1 / (1 + e^-x)"),
        // x unless x < 0, as the tensor op (PyTorch's clamp_min) and Python's max(x, 0.0): -0 and NaN stay.
        new MathFunction("relu", x => x < 0 ? 0 : x, "max(x, 0)"),
    }.ToDictionary(f => f.Name);

    /// <summary>The named constants of the language.</summary>
    public static readonly IReadOnlyDictionary<string, double> Constants = new Dictionary<string, double>
    {
        ["pi"] = Math.PI,
        ["e"] = Math.E,
    };

    /// <summary>The function's value at a dual number and its slope there, as a dual (so the slope's own derivative comes along).</summary>
    public (Dual Value, Dual Slope) OnDual(Dual x)
    {
        switch (Name)
        {
            case "sin": return (Dual.Sin(x), Dual.Cos(x));
            case "cos": return (Dual.Cos(x), -Dual.Sin(x));
            case "tan":
                {
                    Dual y = Dual.Tan(x);
                    return (y, 1 + y * y);
                }
            case "exp":
                {
                    Dual y = Dual.Exp(x);
                    return (y, y);
                }
            case "log": return (Dual.Log(x), 1 / x);
            case "sqrt":
                {
                    Dual y = Dual.Sqrt(x);
                    return (y, 0.5 / y);
                }
            case "abs": return (Dual.Abs(x), Dual.Sign(x.Value));
            case "tanh":
                {
                    Dual y = Dual.Tanh(x);
                    return (y, 1 - y * y);
                }
            case "sigmoid":
                {
                    Dual y = 1 / (1 + Dual.Exp(-x));
                    return (y, y * (1 - y));
                }
            case "relu": return (Dual.Relu(x), x.Value > 0 ? 1 : 0);
            default: throw new InvalidOperationException($"No dual rule for function '{Name}'.");
        }
    }

    /// <summary>Whether the function is not twice differentiable at <paramref name="x"/> (abs and relu at 0).</summary>
    public bool HasKinkAt(double x) => Name is "abs" or "relu" && x == 0;

    /// <summary>Applies the function to a tensor, recording the graph.</summary>
    public Tensor<T> Apply<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Name switch
    {
        "sin" => x.Sin(),
        "cos" => x.Cos(),
        "tan" => x.Tan(),
        "exp" => x.Exp(),
        "log" => x.Log(),
        "sqrt" => x.Sqrt(),
        "abs" => x.Abs(),
        "tanh" => x.Tanh(),
        "sigmoid" => x.Sigmoid(),
        "relu" => x.Relu(),
        _ => throw new InvalidOperationException($"No tensor op for function '{Name}'."),
    };
}
