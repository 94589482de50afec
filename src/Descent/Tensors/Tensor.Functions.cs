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

    /// <summary>Element-wise max(x, 0): x unless x &lt; 0, so NaN stays NaN and -0 stays -0, as in PyTorch; its gradient at 0 is 0.</summary>
    public Tensor<T> Relu() => Unary(ReluKernel, (g, x, y) => ReluBackward(g, y));

    /// <summary>Element-wise square.</summary>
    public Tensor<T> Square() => Pow(T.CreateChecked(2));

    /// <summary>
    /// Element-wise sign: -1, 0 or 1, and 0 for NaN as in PyTorch (not differentiable; no graph).
    /// </summary>
    /// <remarks>
    /// PyTorch computes sign as (0 &lt; x) - (x &lt; 0), so NaN gives 0 (pytorch/pytorch#41245), unlike NumPy;
    /// Abs's gradient, grad * sign(x), depends on it.
    /// </remarks>
    public Tensor<T> Sign()
    {
        var result = new Tensor<T>(new T[Size], _shape);
        ReadOnlySpan<T> x = Data;
        Span<T> d = result.Data;
        for (int i = 0; i < d.Length; i++) d[i] = x[i] > T.Zero ? T.One : x[i] < T.Zero ? -T.One : T.Zero;
        return result;
    }

    /// <summary>
    /// PyTorch's relu is clamp_min(x, 0), which keeps x unless x &lt; 0. TensorPrimitives.Max(x, 0) would turn
    /// -0 into +0, and 1 / relu(-x) at x = 0 would be +inf where PyTorch's is -inf.
    /// </summary>
    private static void ReluKernel(ReadOnlySpan<T> x, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++) d[i] = x[i] < T.Zero ? T.Zero : x[i];
    }

    /// <summary>
    /// PyTorch's threshold_backward(grad, result, 0): the gradient where the result is not &lt;= 0, else 0.
    /// Selected, not multiplied by a 0/1 mask, so an infinite or NaN gradient (from sqrt(relu(x)) at x &lt;= 0,
    /// say) stops here as in PyTorch instead of becoming NaN; a NaN result is not &lt;= 0 and passes the gradient.
    /// </summary>
    private static Tensor<T> ReluBackward(Tensor<T> g, Tensor<T> y)
    {
        var result = new Tensor<T>(new T[g.Size], g._shape);
        ReadOnlySpan<T> gd = g.Data, yd = y.Data;
        Span<T> d = result.Data;
        for (int i = 0; i < d.Length; i++) d[i] = yd[i] <= T.Zero ? T.Zero : gd[i];
        return result;
    }

    private Tensor<T> Unary(SpanMap forward, Func<Tensor<T>, Tensor<T>, Tensor<T>, Tensor<T>> derivative)
    {
        Tensor<T> x = this;
        Tensor<T> y = Map(x, forward);
        return y.Record([x], g => x.AccumulateGrad(derivative(g, x, y)));
    }
}
