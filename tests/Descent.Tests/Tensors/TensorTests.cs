using System.Globalization;
using System.Numerics;
using Descent.Tensors;

namespace Descent.Tests.Tensors;

public class TensorTests
{
    // ---- Broadcasting: forward values against a reference that maps every output index to its inputs.

    public static TheoryData<int[], int[]> BroadcastPairs() => new()
    {
        { [3, 4], [3, 4] }, { [3, 4], [4] }, { [4], [3, 4] }, { [3, 1], [1, 4] }, { [1, 4], [3, 1] },
        { [2, 3], [] }, { [], [2, 3] }, { [2, 3], [1] }, { [1], [2, 3] }, { [2, 3], [1, 1, 1] },
        { [2, 1, 3], [4, 1] }, { [4, 1], [2, 1, 3] }, { [2, 3, 1, 5], [3, 4, 1] }, { [], [] }, { [1, 1], [1] },
        { [0, 3], [3] }, { [2, 0], [2, 1] },
    };

    [Theory]
    [MemberData(nameof(BroadcastPairs))]
    public void BinaryOpsBroadcastLikeNumPy(int[] shapeA, int[] shapeB)
    {
        Tensor<double> a = Values(1, shapeA, 0.5, 2), b = Values(2, shapeB, 0.5, 2);
        int[] shape = ExpectedBroadcast(shapeA, shapeB);
        foreach (string op in new[] { "+", "-", "*", "/", "pow" })
        {
            Tensor<double> actual = op switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                "/" => a / b,
                _ => a.Pow(b),
            };
            Func<double, double, double> reference = op switch
            {
                "+" => (x, y) => x + y,
                "-" => (x, y) => x - y,
                "*" => (x, y) => x * y,
                "/" => (x, y) => x / y,
                _ => Math.Pow,
            };
            Assert.Equal(shape, actual.Shape.ToArray());
            for (int flat = 0; flat < actual.Size; flat++)
            {
                int[] index = Unflatten(shape, flat);
                double expected = reference(a[Project(index, shapeA)], b[Project(index, shapeB)]);
                Assert.True(Math.Abs(actual.Data[flat] - expected) <= 1e-15 * Math.Max(1, Math.Abs(expected)),
                    $"{TensorShape.Format(shapeA)} {op} {TensorShape.Format(shapeB)} at {TensorShape.Format(index)}: {actual.Data[flat]} vs {expected}");
            }
        }
    }

    [Fact]
    public void BroadcastValuesByHand()
    {
        var column = Tensor<double>.FromArray([1.0, 2, 3], 3, 1);
        var row = Tensor<double>.FromArray([10.0, 20], 1, 2);
        Assert.Equal([11.0, 21, 12, 22, 13, 23], (column + row).ToArray());
        Assert.Equal([3, 2], (column + row).Shape.ToArray());
        var m = Tensor<double>.FromArray([1.0, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([1.0, 4, 9, 4, 10, 18], (m * Tensor<double>.FromArray([1.0, 2, 3])).ToArray());
        Assert.Equal([-1.0, -2, -3, -4, -5, -6], (Tensor<double>.Scalar(0) - m).ToArray());
        Assert.Equal([2, 3], (Tensor<double>.Scalar(0) - m).Shape.ToArray());
        Assert.Equal([2.0, 1, 2.0 / 3, 0.5, 0.4, 2.0 / 6], (2.0 / m).ToArray());
        Assert.Equal([1.0, 0, -1, -2, -3, -4], (2.0 - m).ToArray());
    }

    public static TheoryData<int[], int[]> IncompatiblePairs() => new()
    {
        { [3, 4], [3] }, { [2, 3], [3, 2] }, { [4], [3] }, { [2, 3, 4], [5, 4] }, { [0], [2] },
    };

    [Theory]
    [MemberData(nameof(IncompatiblePairs))]
    public void IncompatibleShapesThrowNamingBothShapes(int[] shapeA, int[] shapeB)
    {
        Tensor<double> a = Tensor<double>.Ones(shapeA), b = Tensor<double>.Ones(shapeB);
        foreach (Func<Tensor<double>> op in new Func<Tensor<double>>[] { () => a + b, () => a - b, () => a * b, () => a / b, () => a.Pow(b), () => b + a })
        {
            var e = Assert.Throws<ArgumentException>(op);
            Assert.Contains(TensorShape.Format(shapeA), e.Message);
            Assert.Contains(TensorShape.Format(shapeB), e.Message);
        }
    }

    [Fact]
    public void MatMulShapeErrorsNameBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.Ones(2, 3).MatMul(Tensor<double>.Ones(2, 3)));
        Assert.Contains("[2, 3]", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor<double>.Ones(3).MatMul(Tensor<double>.Ones(3, 2)));
        Assert.Contains("[3]", e.Message);
        Assert.Contains("[3, 2]", e.Message);
    }

    [Fact]
    public void MatMulValues()
    {
        var a = Tensor<double>.FromArray([1.0, 2, 3, 4, 5, 6], 2, 3);
        var b = Tensor<double>.FromArray([7.0, 8, 9, 10, 11, 12], 3, 2);
        Tensor<double> c = a.MatMul(b);
        Assert.Equal([2, 2], c.Shape.ToArray());
        Assert.Equal([58.0, 64, 139, 154], c.ToArray());
    }

    // ---- Reshaping, slicing and indexing.

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 4 })]
    [InlineData(new[] { 2, 3 }, new[] { -1, 4 })]
    [InlineData(new[] { 2, 3 }, new[] { -1, -1 })]
    [InlineData(new[] { 2, 3 }, new[] { -2, -3 })]
    [InlineData(new[] { 2, 3 }, new[] { 0, -1 })]
    [InlineData(new[] { 0, 3 }, new[] { 0, -1 })]
    [InlineData(new[] { 2, 3 }, new int[0])]
    public void ReshapeErrorsNameBothShapes(int[] from, int[] to)
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(from).Reshape(to));
        Assert.Contains(TensorShape.Format(from), e.Message);
        Assert.Contains(TensorShape.Format(to), e.Message);
    }

    [Theory]
    [InlineData(new[] { 2, 6 }, new[] { 3, -1 }, new[] { 3, 4 })]
    [InlineData(new[] { 2, 6 }, new[] { -1 }, new[] { 12 })]
    [InlineData(new[] { 2, 6 }, new[] { 2, -1, 3 }, new[] { 2, 2, 3 })]
    [InlineData(new[] { 1 }, new int[0], new int[0])]
    [InlineData(new int[0], new[] { -1 }, new[] { 1 })]
    [InlineData(new[] { 0, 3 }, new[] { -1, 3 }, new[] { 0, 3 })]
    [InlineData(new[] { 0 }, new[] { 2, 0 }, new[] { 2, 0 })]
    public void ReshapeInfersOneExtentAndSharesStorage(int[] from, int[] to, int[] expected)
    {
        Tensor<double> x = Values(3, from, -1, 1);
        Tensor<double> y = x.Reshape(to);
        Assert.Equal(expected, y.Shape.ToArray());
        Assert.Equal(x.ToArray(), y.ToArray());
        if (y.Size > 0)
        {
            y.Data[0] = 42;
            Assert.Equal(42, x.Data[0]);
        }
    }

    [Fact]
    public void TransposeRowsAndIndex()
    {
        var m = Tensor<double>.FromArray([1.0, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], m.Transpose().ToArray());
        Assert.Equal([3, 2], m.Transpose().Shape.ToArray());
        var r = Tensor<double>.FromArray([1.0, 2, 3, 4, 5, 6, 7, 8], 4, 2);
        Assert.Equal([3.0, 4, 5, 6], r.Rows(1, 2).ToArray());
        Assert.Equal([0, 2], r.Rows(4, 0).Shape.ToArray());
        Assert.Equal([5.0, 6], r.Index(2).ToArray());
        Assert.Equal([2], r.Index(2).Shape.ToArray());
        Assert.Equal(7.0, r.Index(3).Index(0).Item());
        Assert.Equal(0, r.Index(3).Index(0).Rank);
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Rows(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Rows(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Index(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Index(-1));
        Assert.Throws<InvalidOperationException>(() => Tensor<double>.Scalar(1).Index(0));
        Assert.Throws<ArgumentException>(() => Tensor<double>.Ones(2, 2, 2).Transpose());
    }

    [Fact]
    public void AxesAndIndicesAreChecked()
    {
        Tensor<double> x = Tensor<double>.Zeros(2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Mean(5, keepDim: true));
        Assert.Throws<ArgumentException>(() => x[1]);
        Assert.Throws<IndexOutOfRangeException>(() => x[2, 0]);
        Assert.Throws<InvalidOperationException>(() => x.Item());
        Assert.Throws<ArgumentException>(() => Tensor<double>.FromArray([1.0, 2, 3], 2, 2));
        Assert.Equal(3, x.Dim(-1));
    }

    [Fact]
    public void SumsAndMeansAlongAxes()
    {
        var x = Tensor<double>.FromArray([1.0, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(21.0, x.Sum().Item());
        Assert.Equal(0, x.Sum().Rank);
        Assert.Equal(3.5, x.Mean().Item());
        Assert.Equal([5.0, 7, 9], x.Sum(0).ToArray());
        Assert.Equal([3], x.Sum(0).Shape.ToArray());
        Assert.Equal([1, 3], x.Sum(0, keepDim: true).Shape.ToArray());
        Assert.Equal([6.0, 15], x.Sum(-1).ToArray());
        Assert.Equal([2.0, 5], x.Mean(1).ToArray());
        Assert.Equal([2, 1], x.Mean(-1, keepDim: true).Shape.ToArray());
    }

    // ---- Empty tensors.

    public static TheoryData<string> UnaryOps() => [.. UnaryReferences.Keys];

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryOpsAcceptEmptyTensors(string op)
    {
        foreach (int[] shape in new[] { new[] { 0 }, [2, 0], [0, 3] })
        {
            Assert.Equal(shape, Unary(op, Tensor<double>.Zeros(shape)).Shape.ToArray());
            Assert.Equal(shape, Unary(op, Tensor<float>.Zeros(shape)).Shape.ToArray());
            if (op == "sign") continue; // not differentiable
            Tensor<double> x = Tensor<double>.Zeros(shape).RequireGrad();
            Unary(op, x).Sum().Backward();
            Assert.Equal(shape, x.Grad!.Shape.ToArray());
        }
    }

    [Fact]
    public void SigmoidOfEmpty()
    {
        Assert.Empty(Tensor<double>.Zeros(0).Sigmoid().ToArray());
        Assert.Empty(Tensor<float>.Zeros(0).Sigmoid().ToArray());
    }

    [Fact]
    public void OtherOpsAcceptEmptyTensors()
    {
        Tensor<double> e = Tensor<double>.Zeros(0, 3).RequireGrad();
        Tensor<double> r = (e + Tensor<double>.Ones(3)) * e / 2.0 - 1.0;
        r = r.Pow(e) + Tensor<double>.Pow(2.0, e) + (1.0 / (e + 1.0)) + e.Sign() + e.Reshape(-1, 3) + e.Transpose().Transpose();
        Assert.Equal([0, 3], r.Shape.ToArray());
        Assert.Equal(0.0, r.Sum().Item());
        Assert.Equal([0.0, 0, 0], r.Sum(0).ToArray());
        Assert.Equal([0], r.Sum(1).Shape.ToArray());
        Assert.True(double.IsNaN(r.Mean().Item()));
        Assert.Equal([0, 2], e.MatMul(Tensor<double>.Ones(3, 2)).Shape.ToArray());
        Assert.Equal([0.0, 0, 0, 0], Tensor<double>.Ones(2, 0).MatMul(Tensor<double>.Ones(0, 2)).ToArray());
        (r.Sum() + e.MatMul(Tensor<double>.Ones(3, 2)).Sum()).Backward();
        Assert.Equal([0, 3], e.Grad!.Shape.ToArray());
        Assert.Equal("tensor([], shape=[0, 3], requires_grad)", e.ToString());
    }

    // ---- Sign.

    [Fact]
    public void SignOfSpecialValues()
    {
        double[] x = [-2.5, -0.0, 0.0, 3, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon];
        // PyTorch's sign is (0 < x) - (x < 0): 0 for NaN (pytorch/pytorch#41245), unlike NumPy's NaN.
        double[] expected = [-1, 0, 0, 1, 1, -1, 0, 1];
        Assert.Equal(expected, Tensor<double>.FromArray(x).Sign().ToArray());
        float[] xf = [-2.5f, -0.0f, 0.0f, 3, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.Epsilon];
        Assert.Equal(expected.Select(v => (float)v), Tensor<float>.FromArray(xf).Sign().ToArray());
    }

    [Fact]
    public void AbsOfNaNHasGradientZeroAsInPyTorch()
    {
        // PyTorch's abs backward is grad * sgn(x), and its sgn(NaN) is 0; torch 1.13.1 gives x.grad = [0, -1].
        Tensor<double> x = Tensor<double>.FromArray([double.NaN, -2]).RequireGrad();
        Tensor<double> y = x.Abs();
        Assert.True(double.IsNaN(y.Data[0]));
        y.Sum().Backward();
        Assert.Equal([0.0, -1], x.Grad!.ToArray());
    }

    // ---- ToString.

    [Fact]
    public void ToStringShowsValuesShapeAndGradFlag()
    {
        Assert.Equal("tensor(1.5)", Tensor<double>.Scalar(1.5).ToString());
        Assert.Equal("tensor(0.1)", Tensor<float>.Scalar(0.1f).ToString());
        Assert.Equal("tensor(0.1)", Tensor<double>.Scalar(0.1).ToString());
        Assert.Equal("tensor([1, 2.5, -3], shape=[3])", Tensor<double>.FromArray([1.0, 2.5, -3]).ToString());
        Assert.Equal("tensor([1, 2, 3, 4], shape=[2, 2], requires_grad)", Tensor<double>.FromArray([1.0, 2, 3, 4], 2, 2).RequireGrad().ToString());
        Assert.Equal("tensor([], shape=[0])", Tensor<double>.Zeros(0).ToString());
        Assert.Equal("tensor(NaN)", Tensor<double>.Scalar(double.NaN).ToString());
        string many = Tensor<double>.Zeros(5, 5).ToString();
        Assert.Equal("tensor([" + string.Join(", ", Enumerable.Repeat("0", 20)) + ", ...], shape=[5, 5])", many);
    }

    // ---- Element-wise kernels over every length 0..70 (vector bodies and scalar tails), float and double,
    // against the same math computed in double.

    private const int MaxLength = 70;

    private static readonly Dictionary<string, (Func<double, double> F, double Lo, double Hi)> UnaryReferences = new()
    {
        ["neg"] = (x => -x, -10, 10),
        ["reciprocal"] = (x => 1 / x, 0.1, 10),
        ["exp"] = (Math.Exp, -10, 10),
        ["log"] = (Math.Log, 0.01, 100),
        ["sqrt"] = (Math.Sqrt, 0, 100),
        ["abs"] = (Math.Abs, -10, 10),
        ["sin"] = (Math.Sin, -10, 10),
        ["cos"] = (Math.Cos, -10, 10),
        ["tan"] = (Math.Tan, -1.2, 1.2),
        ["tanh"] = (Math.Tanh, -5, 5),
        ["sigmoid"] = (x => 1 / (1 + Math.Exp(-x)), -10, 10),
        ["relu"] = (x => Math.Max(x, 0), -10, 10),
        ["square"] = (x => x * x, -10, 10),
        ["sign"] = (x => Math.Sign(x), -10, 10),
        ["pow 0"] = (x => 1, 0.1, 4),
        ["pow 1"] = (x => x, 0.1, 4),
        ["pow 2"] = (x => x * x, -4, 4),
        ["pow 3"] = (x => x * x * x, -4, 4),
        ["pow 0.5"] = (Math.Sqrt, 0.1, 4),
        ["pow -0.5"] = (x => 1 / Math.Sqrt(x), 0.1, 4),
        ["pow -1"] = (x => 1 / x, 0.1, 4),
        ["pow -2"] = (x => 1 / (x * x), 0.1, 4),
        ["pow 1.5"] = (x => Math.Pow(x, 1.5), 0.1, 4),
        ["pow 2.7"] = (x => Math.Pow(x, 2.7), 0.1, 4),
        ["2^x"] = (x => Math.Pow(2, x), -10, 10),
        ["x+s"] = (x => x + 1.75, -10, 10),
        ["s+x"] = (x => 1.75 + x, -10, 10),
        ["x-s"] = (x => x - 1.75, -10, 10),
        ["s-x"] = (x => 1.75 - x, -10, 10),
        ["x*s"] = (x => x * 1.75, -10, 10),
        ["s*x"] = (x => 1.75 * x, -10, 10),
        ["x/s"] = (x => x / 1.75, -10, 10),
        ["s/x"] = (x => 1.75 / x, 0.1, 10),
        ["x+[]"] = (x => x + 1.75, -10, 10),
        ["[]-x"] = (x => 1.75 - x, -10, 10),
        ["x*[1]"] = (x => x * 1.75, -10, 10),
        ["[1]/x"] = (x => 1.75 / x, 0.1, 10),
        ["x^[]"] = (x => Math.Pow(x, 1.75), 0.1, 10),
    };

    private static Tensor<T> Unary<T>(string op, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s = T.CreateChecked(1.75);
        return op switch
        {
            "neg" => -x,
            "reciprocal" => x.Reciprocal(),
            "exp" => x.Exp(),
            "log" => x.Log(),
            "sqrt" => x.Sqrt(),
            "abs" => x.Abs(),
            "sin" => x.Sin(),
            "cos" => x.Cos(),
            "tan" => x.Tan(),
            "tanh" => x.Tanh(),
            "sigmoid" => x.Sigmoid(),
            "relu" => x.Relu(),
            "square" => x.Square(),
            "sign" => x.Sign(),
            "2^x" => Tensor<T>.Pow(T.CreateChecked(2), x),
            "x+s" => x + s,
            "s+x" => s + x,
            "x-s" => x - s,
            "s-x" => s - x,
            "x*s" => x * s,
            "s*x" => s * x,
            "x/s" => x / s,
            "s/x" => s / x,
            "x+[]" => x + Tensor<T>.Scalar(s),
            "[]-x" => Tensor<T>.Scalar(s) - x,
            "x*[1]" => x * Tensor<T>.Full(s, 1),
            "[1]/x" => Tensor<T>.Full(s, 1) / x,
            "x^[]" => x.Pow(Tensor<T>.Scalar(s)),
            _ when op.StartsWith("pow ", StringComparison.Ordinal) => x.Pow(T.CreateChecked(double.Parse(op[4..], CultureInfo.InvariantCulture))),
            _ => throw new ArgumentException($"Unknown op '{op}'."),
        };
    }

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryKernelsMatchScalarMathAtEveryLength(string op)
    {
        var (f, lo, hi) = UnaryReferences[op];
        for (int n = 0; n <= MaxLength; n++)
        {
            Tensor<double> xd = Values(n, [n], lo, hi);
            Tensor<float> xf = xd.To<float>();
            double[] expectedD = [.. xd.ToArray().Select(f)];
            double[] expectedF = [.. xf.ToArray().Select(v => f(v))];
            AssertClose(expectedD, Unary(op, xd).ToArray(), 1e-14, $"{op} double, length {n}");
            AssertClose(expectedF, [.. Unary(op, xf).ToArray().Select(v => (double)v)], 1e-6, $"{op} float, length {n}");
        }
    }

    public static TheoryData<string> BinaryOps() => ["+", "-", "*", "/", "pow"];

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryKernelsMatchScalarMathAtEveryLength(string op)
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            Tensor<double> ad = Values(n, [n], 0.1, 4), bd = Values(n + 1000, [n], 0.1, 4);
            // Same shape, then a [3, 1] column against a [n] row (expanded rows of length n).
            Tensor<double> cd = Values(n + 2000, [3, 1], 0.1, 4);
            foreach (var (a, b) in new[] { (ad, bd), (cd, ad) })
            {
                double[] expected = Reference(op, a, b);
                AssertClose(expected, Binary(op, a, b).ToArray(), 1e-14, $"{op} double, length {n}");
                double[] expectedF = Reference(op, a.To<float>().To<double>(), b.To<float>().To<double>());
                AssertClose(expectedF, [.. Binary(op, a.To<float>(), b.To<float>()).ToArray().Select(v => (double)v)], 1e-6, $"{op} float, length {n}");
            }
        }

        static double[] Reference(string op, Tensor<double> a, Tensor<double> b)
        {
            int[] shape = ExpectedBroadcast(a.Shape.ToArray(), b.Shape.ToArray());
            var result = new double[TensorShape.SizeOf(shape)];
            for (int flat = 0; flat < result.Length; flat++)
            {
                int[] index = Unflatten(shape, flat);
                double x = a[Project(index, a.Shape.ToArray())], y = b[Project(index, b.Shape.ToArray())];
                result[flat] = op switch { "+" => x + y, "-" => x - y, "*" => x * y, "/" => x / y, _ => Math.Pow(x, y) };
            }
            return result;
        }
    }

    private static Tensor<T> Binary<T>(string op, Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        _ => a.Pow(b),
    };

    [Fact]
    public void ReductionsAndMatMulMatchScalarMathAtEveryLength()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            Tensor<double> x = Values(n, [3, n], -2, 2);
            double[] data = x.ToArray();
            AssertClose([data.Sum()], [x.Sum().Item()], 1e-13, $"sum, length {n}");
            double[] byColumn = [.. Enumerable.Range(0, n).Select(j => data[j] + data[n + j] + data[2 * n + j])];
            double[] byRow = [.. Enumerable.Range(0, 3).Select(i => data.Skip(i * n).Take(n).Sum())];
            AssertClose(byColumn, x.Sum(0).ToArray(), 1e-14, $"sum axis 0, length {n}");
            AssertClose(byRow, x.Sum(1).ToArray(), 1e-13, $"sum axis 1, length {n}");
            AssertClose([.. byRow.Select(v => v / n)], x.Mean(-1).ToArray(), 1e-13, $"mean axis 1, length {n}");
            AssertClose(byColumn, [.. x.To<float>().Sum(0).ToArray().Select(v => (double)v)], 1e-5, $"float sum axis 0, length {n}");

            // [2, 3] x [3, n] runs the row kernel over n; [2, n] x [n, 3] runs it n times over 3.
            Tensor<double> a = Values(n + 500, [2, 3], -2, 2), b = Values(n + 600, [n, 3], -2, 2);
            AssertClose(NaiveMatMul(a, x), a.MatMul(x).ToArray(), 1e-13, $"matmul [2, 3] [3, {n}]");
            AssertClose(NaiveMatMul(x, b), x.MatMul(b).ToArray(), 1e-13, $"matmul [3, {n}] [{n}, 3]");
            AssertClose(NaiveMatMul(a.To<float>().To<double>(), x.To<float>().To<double>()),
                [.. a.To<float>().MatMul(x.To<float>()).ToArray().Select(v => (double)v)], 1e-5, $"float matmul [2, 3] [3, {n}]");
        }
    }

    // ---- Helpers.

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool same = double.IsNaN(e) ? double.IsNaN(a) : Math.Abs(a - e) <= tolerance * Math.Max(1, Math.Abs(e));
            Assert.True(same, $"{what}, element {i}: {a:R}, expected {e:R}");
        }
    }

    private static double[] NaiveMatMul(Tensor<double> a, Tensor<double> b)
    {
        int m = a.Dim(0), k = a.Dim(1), n = b.Dim(1);
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++)
                    c[i * n + j] += a[i, p] * b[p, j];
        return c;
    }

    private static Tensor<double> Values(int seed, int[] shape, double lo, double hi)
    {
        var random = new Random(seed);
        var values = new double[TensorShape.SizeOf(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = lo + (hi - lo) * random.NextDouble();
        return shape.Length == 0 ? Tensor<double>.Scalar(values[0]) : Tensor<double>.FromArray(values, shape);
    }

    private static int[] ExpectedBroadcast(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            int db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            shape[i] = da == 1 ? db : da;
        }
        return shape;
    }

    private static int[] Unflatten(int[] shape, int flat)
    {
        var index = new int[shape.Length];
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return index;
    }

    /// The index into an operand of <paramref name="shape"/> that broadcasts to the output index.
    private static int[] Project(int[] index, int[] shape)
    {
        var result = new int[shape.Length];
        for (int i = 0; i < shape.Length; i++)
            result[i] = shape[i] == 1 ? 0 : index[index.Length - shape.Length + i];
        return result;
    }
}
