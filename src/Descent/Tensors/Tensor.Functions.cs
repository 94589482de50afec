using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Descent.Tensors;

// Element-wise functions, each beside its derivative (written in PyTorch's order of operations).
public sealed partial class Tensor<T>
{
    /// <summary>Element-wise e^x.</summary>
    public Tensor<T> Exp() => Unary((x, d) => TP.Exp(x, d), (g, x, y) => g * y);

    /// <summary>Element-wise natural logarithm.</summary>
    public Tensor<T> Log() => Unary((x, d) => TP.Log(x, d), (g, x, y) => g / x);

    /// <summary>Element-wise square root.</summary>
    public Tensor<T> Sqrt() => Unary((x, d) => TP.Sqrt(x, d), (g, x, y) => g / (y * T.CreateChecked(2)));

    /// <summary>Element-wise absolute value; its gradient at 0 is 0, as in PyTorch.</summary>
    public Tensor<T> Abs() => Unary((x, d) => TP.Abs(x, d), (g, x, y) => g * x.Sign());

    /// <summary>Element-wise sine.</summary>
    public Tensor<T> Sin() => Unary((x, d) => TP.Sin(x, d), (g, x, y) => g * x.Cos());

    /// <summary>Element-wise cosine.</summary>
    public Tensor<T> Cos() => Unary((x, d) => TP.Cos(x, d), (g, x, y) => g * -x.Sin());

    /// <summary>Element-wise tangent.</summary>
    public Tensor<T> Tan() => Unary((x, d) => TP.Tan(x, d), (g, x, y) => g * (y * y + T.One));

    /// <summary>Element-wise hyperbolic tangent.</summary>
    public Tensor<T> Tanh() => Unary((x, d) => TP.Tanh(x, d), (g, x, y) => g * (T.One - y * y));

    /// <summary>Element-wise logistic function 1 / (1 + e^-x).</summary>
    public Tensor<T> Sigmoid() => Unary((x, d) =>
    {
        // TensorPrimitives.Sigmoid rejects empty spans; other kernels accept them.
        if (!x.IsEmpty) TP.Sigmoid(x, d);
    }, (g, x, y) => g * (T.One - y) * y);

    /// <summary>Element-wise max(x, 0); its gradient at 0 is 0, as in PyTorch.</summary>
    public Tensor<T> Relu() => Unary((x, d) => TP.Max(x, T.Zero, d), (g, x, y) => g * y.Step());

    /// <summary>Element-wise square.</summary>
    public Tensor<T> Square() => Pow(T.CreateChecked(2));

    /// <summary>Element-wise sign: -1, 0 or 1, and NaN for NaN as in PyTorch (not differentiable; no graph).</summary>
    public Tensor<T> Sign()
    {
        var result = new Tensor<T>(new T[Size], _shape);
        ReadOnlySpan<T> x = Data;
        Span<T> d = result.Data;
        for (int i = 0; i < d.Length; i++) d[i] = T.IsNaN(x[i]) ? x[i] : T.CreateChecked(T.Sign(x[i])); // T.Sign throws on NaN
        return result;
    }

    /// <summary>1 where the element is positive, else 0.</summary>
    private Tensor<T> Step()
    {
        var result = new Tensor<T>(new T[Size], _shape);
        ReadOnlySpan<T> x = Data;
        Span<T> d = result.Data;
        for (int i = 0; i < d.Length; i++) d[i] = x[i] > T.Zero ? T.One : T.Zero;
        return result;
    }

    private Tensor<T> Unary(SpanMap forward, Func<Tensor<T>, Tensor<T>, Tensor<T>, Tensor<T>> derivative)
    {
        Tensor<T> x = this;
        Tensor<T> y = Map(x, forward);
        return y.Record([x], g => x.AccumulateGrad(derivative(g, x, y)));
    }
}
