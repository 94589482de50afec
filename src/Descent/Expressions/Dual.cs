namespace Descent.Expressions;

/// <summary>
/// A number with a tangent, a + b ε with ε² = 0: its arithmetic carries one directional derivative exactly,
/// f(a + b ε) = f(a) + f'(a) b ε. Pushing duals through a reverse sweep differentiates the gradient along a
/// direction, which is a Hessian-vector product (forward over reverse).
/// </summary>
internal readonly record struct Dual(double Value, double Tangent)
{
    public static implicit operator Dual(double constant) => new(constant, 0);

    public static Dual operator +(Dual a, Dual b) => new(a.Value + b.Value, a.Tangent + b.Tangent);

    public static Dual operator -(Dual a, Dual b) => new(a.Value - b.Value, a.Tangent - b.Tangent);

    public static Dual operator -(Dual a) => new(-a.Value, -a.Tangent);

    public static Dual operator *(Dual a, Dual b) => new(a.Value * b.Value, a.Tangent * b.Value + a.Value * b.Tangent);

    public static Dual operator /(Dual a, Dual b) => new(a.Value / b.Value, (a.Tangent * b.Value - a.Value * b.Tangent) / (b.Value * b.Value));

    public static Dual Sin(Dual x) => new(Math.Sin(x.Value), Math.Cos(x.Value) * x.Tangent);

    public static Dual Cos(Dual x) => new(Math.Cos(x.Value), -Math.Sin(x.Value) * x.Tangent);

    public static Dual Tan(Dual x)
    {
        double y = Math.Tan(x.Value);
        return new(y, (1 + y * y) * x.Tangent);
    }

    public static Dual Exp(Dual x)
    {
        double y = Math.Exp(x.Value);
        return new(y, y * x.Tangent);
    }

    public static Dual Log(Dual x) => new(Math.Log(x.Value), x.Tangent / x.Value);

    public static Dual Sqrt(Dual x)
    {
        double y = Math.Sqrt(x.Value);
        return new(y, x.Tangent / (2 * y));
    }

    public static Dual Tanh(Dual x)
    {
        double y = Math.Tanh(x.Value);
        return new(y, (1 - y * y) * x.Tangent);
    }

    /// <summary>|x|, with slope sign(x) and 0 at 0 as PyTorch's.</summary>
    public static Dual Abs(Dual x) => new(Math.Abs(x.Value), Sign(x.Value) * x.Tangent);

    /// <summary>-1, 0 or 1, and 0 for NaN as PyTorch's sign (Math.Sign throws on NaN).</summary>
    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : 0;

    /// <summary>x unless x &lt; 0, with slope 0 at 0 as PyTorch's.</summary>
    public static Dual Relu(Dual x) => x.Value > 0 ? x : new(x.Value < 0 ? 0 : x.Value, 0);

    /// <summary>x^c for a constant c, with the slope 0 for c = 0 (so 0^0 has no infinite slope), as PyTorch's pow_backward.</summary>
    public static Dual Pow(Dual x, double c) =>
        c == 0 ? new(1, 0) : new(Math.Pow(x.Value, c), c * Math.Pow(x.Value, c - 1) * x.Tangent);

    /// <summary>b^p for a constant base, with PyTorch's slope 0 where b = 0 and p &gt;= 0.</summary>
    public static Dual Pow(double b, Dual p)
    {
        double y = Math.Pow(b, p.Value);
        return new(y, b == 0 && p.Value >= 0 ? 0 : y * Math.Log(b) * p.Tangent);
    }

    /// <summary>x^p with both varying: the two constant-one rules added.</summary>
    public static Dual Pow(Dual x, Dual p) => new(Math.Pow(x.Value, p.Value), Pow(x, p.Value).Tangent + Pow(x.Value, p).Tangent);
}
