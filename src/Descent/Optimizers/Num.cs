using System.Numerics;

namespace Descent.Optimizers;

/// <summary>
/// A number as PyTorch's Python code holds it: a Python float (double), or a 0-dimensional tensor of
/// the parameters' type T. Arithmetic with a tensor happens in T (the float rounded to T first),
/// comparisons with a tensor too; Python's min and max return one of their arguments unchanged.
/// </summary>
internal readonly record struct Num<T>(double Value, bool IsTensor) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Num<T> Python(double value) => new(value, false);

    public static Num<T> Tensor(T value) => new(double.CreateChecked(value), true);

    private static T AsT(double v) => T.CreateChecked(v);

    private static Num<T> Combine(Num<T> a, Num<T> b, Func<double, double, double> onDouble, Func<T, T, T> onTensor) =>
        a.IsTensor || b.IsTensor ? Tensor(onTensor(AsT(a.Value), AsT(b.Value))) : Python(onDouble(a.Value, b.Value));

    public static Num<T> operator +(Num<T> a, Num<T> b) => Combine(a, b, (x, y) => x + y, (x, y) => x + y);

    public static Num<T> operator -(Num<T> a, Num<T> b) => Combine(a, b, (x, y) => x - y, (x, y) => x - y);

    public static Num<T> operator *(Num<T> a, Num<T> b) => Combine(a, b, (x, y) => x * y, (x, y) => x * y);

    /// <summary>A float divided by a tensor is <c>reciprocal(tensor) * float</c> in PyTorch.</summary>
    public static Num<T> operator /(Num<T> a, Num<T> b) => !a.IsTensor && b.IsTensor
        ? Tensor(T.One / AsT(b.Value) * AsT(a.Value))
        : Combine(a, b, (x, y) => x / y, (x, y) => x / y);

    public static Num<T> operator -(Num<T> a) => a.IsTensor ? Tensor(-AsT(a.Value)) : Python(-a.Value);

    public static bool operator <(Num<T> a, Num<T> b) => Compare(a, b) < 0;

    public static bool operator >(Num<T> a, Num<T> b) => Compare(a, b) > 0;

    public static bool operator <=(Num<T> a, Num<T> b) => Compare(a, b) <= 0 && !IsNaN(a, b);

    public static bool operator >=(Num<T> a, Num<T> b) => Compare(a, b) >= 0 && !IsNaN(a, b);

    private static bool IsNaN(Num<T> a, Num<T> b) => double.IsNaN(a.Value) || double.IsNaN(b.Value);

    /// <summary>-1, 0 or 1; NaN compares as unordered (0 here, and excluded by the operators above).</summary>
    private static int Compare(Num<T> a, Num<T> b)
    {
        if (IsNaN(a, b)) return 0;
        return a.IsTensor || b.IsTensor ? AsT(a.Value).CompareTo(AsT(b.Value)) : a.Value.CompareTo(b.Value);
    }

    public static Num<T> Abs(Num<T> a) => a with { Value = Math.Abs(a.Value) };

    public static Num<T> Sqrt(Num<T> a) => a.IsTensor ? Tensor(T.Sqrt(AsT(a.Value))) : Python(Math.Sqrt(a.Value));

    /// <summary>Python's max(a, b): a unless b &gt; a.</summary>
    public static Num<T> Max(Num<T> a, Num<T> b) => b > a ? b : a;

    /// <summary>Python's min(a, b): a unless b &lt; a.</summary>
    public static Num<T> Min(Num<T> a, Num<T> b) => b < a ? b : a;
}
