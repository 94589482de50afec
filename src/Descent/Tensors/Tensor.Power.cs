using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Descent.Tensors;

// Powers: tensor^scalar, tensor^tensor (broadcasting) and scalar^tensor, with PyTorch's gradients.
public sealed partial class Tensor<T>
{
    /// <summary>Every element raised to <paramref name="exponent"/>.</summary>
    public Tensor<T> Pow(T exponent)
    {
        Tensor<T> x = this;
        Tensor<T> y = Map(x, (v, d) => PowKernel(v, exponent, d));
        return y.Record([x], g =>
        {
            // PyTorch's pow_backward: zero for exponent 0, else grad * (exponent * x^(exponent - 1)).
            if (exponent == T.Zero) x.AccumulateGrad(Zeros(x._shape));
            else
            {
                // In that order, each product rounded as the separate ops would round it, in one buffer instead of three.
                Tensor<T> d = Map(x, (v, d) => PowKernel(v, exponent - T.One, d));
                TP.Multiply(d.Data, exponent, d.Data);
                TP.Multiply(g.Data, d.Data, d.Data);
                x.AccumulateGrad(d);
            }
        });
    }

    /// <summary>
    /// x^exponent as PyTorch's CPU kernel computes it: exponents 0, 1, 2, 3, 0.5, -0.5, -1 and -2 by
    /// products, roots and reciprocals rather than pow(), which rounds differently.
    /// </summary>
    private static void PowKernel(ReadOnlySpan<T> x, T exponent, Span<T> d)
    {
        double e = double.CreateChecked(exponent);
        switch (e)
        {
            case 0: d.Fill(T.One); break;
            case 1: x.CopyTo(d); break;
            case 2: TP.Multiply(x, x, d); break;
            case 3: TP.Multiply(x, x, d); TP.Multiply(d, x, d); break;
            case 0.5: TP.Sqrt(x, d); break;
            case -0.5: TP.Sqrt(x, d); TP.Reciprocal(d, d); break;
            case -1: TP.Reciprocal(x, d); break;
            case -2: TP.Multiply(x, x, d); TP.Reciprocal(d, d); break;
            default: TP.Pow(x, exponent, d); break;
        }
    }

    /// <summary>Element-wise power with a tensor exponent, broadcasting.</summary>
    public Tensor<T> Pow(Tensor<T> exponent)
    {
        Tensor<T> x = this, p = exponent;
        int[] shape = TensorShape.Broadcast(x._shape, p._shape);
        var y = new Tensor<T>(new T[TensorShape.SizeOf(shape)], shape);
        TP.Pow(ExpandTo(x, shape), ExpandTo(p, shape), y.Data);
        return y.Record([x, p], g =>
        {
            if (x._requiresGrad) x.AccumulateGrad(BaseGrad(g, x, p).SumTo(x._shape));
            if (p._requiresGrad) p.AccumulateGrad((g * ExponentGradFactor(x, p, y)).SumTo(p._shape));
        });
    }

    /// <summary>
    /// PyTorch's pow_backward_self: grad * (p * x^(p - 1)), and 0 where the exponent is 0. Selected, not
    /// multiplied: at x = 0, p = 0 the product is 0 * inf = NaN (x^relu(y) at x = 0, y &lt;= 0), and a NaN or
    /// infinite incoming gradient there must not leak through either.
    /// </summary>
    private static Tensor<T> BaseGrad(Tensor<T> g, Tensor<T> x, Tensor<T> p)
    {
        Tensor<T> grad = g * (p * x.Pow(p - T.One));
        ReadOnlySpan<T> pd = ExpandTo(p, grad._shape);
        Span<T> gd = grad.Data;
        for (int i = 0; i < gd.Length; i++)
            if (pd[i] == T.Zero) gd[i] = T.Zero;
        return grad;
    }

    /// <summary><paramref name="baseValue"/> raised to every element of <paramref name="exponent"/>.</summary>
    public static Tensor<T> Pow(T baseValue, Tensor<T> exponent)
    {
        Tensor<T> p = exponent;
        Tensor<T> y = Map(p, (v, d) => TP.Pow(baseValue, v, d));
        return y.Record([p], g =>
        {
            // PyTorch: grad * (result * log(base)), taken as 0 where base is 0 and exponent >= 0.
            var factor = Zeros(p._shape);
            ReadOnlySpan<T> yd = y.Data, pd = p.Data;
            Span<T> fd = factor.Data;
            // PyTorch takes the log of the base as a Python number (double), then multiplies in T.
            T logBase = T.CreateChecked(Math.Log(double.CreateChecked(baseValue)));
            for (int i = 0; i < fd.Length; i++)
                fd[i] = baseValue == T.Zero && pd[i] >= T.Zero ? T.Zero : yd[i] * logBase;
            p.AccumulateGrad(g * factor);
        });
    }

    /// <summary>
    /// d(x^p)/dp = x^p * log(x), with PyTorch's convention of 0 where x is 0 and p >= 0 (the limit there);
    /// at x = 0 and p &lt; 0 it is inf * -inf = -inf, as in PyTorch.
    /// </summary>
    private static Tensor<T> ExponentGradFactor(Tensor<T> x, Tensor<T> p, Tensor<T> y)
    {
        ReadOnlySpan<T> xd = ExpandTo(x, y._shape), pd = ExpandTo(p, y._shape);
        var factor = Zeros(y._shape);
        ReadOnlySpan<T> yd = y.Data;
        Span<T> fd = factor.Data;
        for (int i = 0; i < fd.Length; i++)
            fd[i] = xd[i] == T.Zero && pd[i] >= T.Zero ? T.Zero : yd[i] * T.Log(xd[i]);
        return factor;
    }
}
