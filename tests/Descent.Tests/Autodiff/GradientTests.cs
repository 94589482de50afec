using Descent.Tensors;
using static Descent.Tests.Autodiff.GradientCheck;

namespace Descent.Tests.Autodiff;

/// Every op's gradient against finite differences, one row per op and input shape.
public class GradientTests
{
    private sealed record Case(Func<Tensor<double>[], Tensor<double>> F, Tensor<double>[] Inputs);

    private static readonly Dictionary<string, Case> Cases = BuildCases();

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        Case c = Cases[name];
        Verify(c.F, c.Inputs);
    }

    [Fact]
    public void EveryOpHasACase()
    {
        string[] ops =
        [
            "add", "sub", "mul", "div", "neg", "reciprocal", "pow", "powTensor", "powBase", "exp", "log", "sqrt", "abs",
            "sin", "cos", "tan", "tanh", "sigmoid", "relu", "square", "sum", "mean", "sumAxis", "meanAxis",
            "matmul", "reshape", "transpose", "rows", "index", "chain",
        ];
        foreach (string op in ops) Assert.Contains(Cases.Keys, k => k.StartsWith(op + " ", StringComparison.Ordinal) || k == op);
    }

    private static Dictionary<string, Case> BuildCases()
    {
        var cases = new Dictionary<string, Case>();
        void Add(string name, Func<Tensor<double>[], Tensor<double>> f, params Tensor<double>[] inputs) => cases.Add(name, new Case(f, inputs));
        int seed = 0;
        Tensor<double> Any(params int[] shape) => Uniform(++seed, -2, 2, shape);
        Tensor<double> Positive(params int[] shape) => Uniform(++seed, 0.5, 2, shape);
        Tensor<double> NonZero(params int[] shape) => AwayFromZero(++seed, 0.3, 2, shape);

        // Binary operators over shape pairs: same shape, broadcasting either way, rank-0 and one-element operands.
        int[][][] pairs =
        [
            [[3, 4], [3, 4]], [[3, 4], [4]], [[4], [3, 4]], [[3, 1], [1, 4]], [[1, 4], [3, 1]],
            [[2, 3], []], [[], [2, 3]], [[2, 3], [1]], [[1], [2, 3]], [[2, 3], [1, 1, 1]],
            [[2, 1, 3], [4, 1]], [[], []], [[5], [5]],
        ];
        foreach (int[][] p in pairs)
        {
            string shapes = $"{TensorShape.Format(p[0])} {TensorShape.Format(p[1])}";
            Add($"add {shapes}", x => x[0] + x[1], Any(p[0]), Any(p[1]));
            Add($"sub {shapes}", x => x[0] - x[1], Any(p[0]), Any(p[1]));
            Add($"mul {shapes}", x => x[0] * x[1], Any(p[0]), Any(p[1]));
            Add($"div {shapes}", x => x[0] / x[1], Any(p[0]), NonZero(p[1]));
        }

        // Tensor-scalar and scalar-tensor forms.
        Add("add x+s", x => x[0] + 2.5, Any(3, 4));
        Add("add s+x", x => 2.5 + x[0], Any(3, 4));
        Add("sub x-s", x => x[0] - 2.5, Any(3, 4));
        Add("sub s-x", x => 2.5 - x[0], Any(3, 4));
        Add("mul x*s", x => x[0] * -1.5, Any(3, 4));
        Add("mul s*x", x => -1.5 * x[0], Any(3, 4));
        Add("div x/s", x => x[0] / 1.7, Any(3, 4));
        Add("div s/x", x => 1.7 / x[0], NonZero(3, 4));
        Add("div s/x rank-0", x => -0.8 / x[0], NonZero());

        Add("neg", x => -x[0], Any(3, 4));
        Add("neg rank-0", x => -x[0], Any());
        Add("reciprocal", x => x[0].Reciprocal(), NonZero(3, 4));

        foreach (double e in new[] { 0, 1, 2, 3, 0.5, -0.5, -1, -2, 1.5, 2.7 })
            Add($"pow x^{e}", x => x[0].Pow(e), Positive(3, 4));
        // Integer exponents also on negative bases.
        foreach (double e in new[] { 0, 1, 2, 3, -1, -2 })
            Add($"pow x^{e} signed", x => x[0].Pow(e), NonZero(3, 4));

        Add("powTensor same shape", x => x[0].Pow(x[1]), Positive(3, 4), Any(3, 4));
        Add("powTensor [3, 4]^[4]", x => x[0].Pow(x[1]), Positive(3, 4), Any(4));
        Add("powTensor [4]^[3, 4]", x => x[0].Pow(x[1]), Positive(4), Any(3, 4));
        Add("powTensor [3, 1]^[1, 4]", x => x[0].Pow(x[1]), Positive(3, 1), Any(1, 4));
        Add("powTensor []^[2, 3]", x => x[0].Pow(x[1]), Positive(), Any(2, 3));
        Add("powTensor [2, 3]^[]", x => x[0].Pow(x[1]), Positive(2, 3), Any());
        Add("powBase 2.5^x", x => Tensor<double>.Pow(2.5, x[0]), Any(3, 4));
        Add("powBase 0.7^x", x => Tensor<double>.Pow(0.7, x[0]), Any(3, 4));
        Add("powBase 2.5^x rank-0", x => Tensor<double>.Pow(2.5, x[0]), Any());

        Add("exp", x => x[0].Exp(), Any(3, 4));
        Add("log", x => x[0].Log(), Positive(3, 4));
        Add("sqrt", x => x[0].Sqrt(), Positive(3, 4));
        Add("abs", x => x[0].Abs(), NonZero(3, 4));
        Add("sin", x => x[0].Sin(), Any(3, 4));
        Add("cos", x => x[0].Cos(), Any(3, 4));
        Add("tan", x => x[0].Tan(), Uniform(++seed, -1.2, 1.2, 3, 4));
        Add("tanh", x => x[0].Tanh(), Any(3, 4));
        Add("sigmoid", x => x[0].Sigmoid(), Uniform(++seed, -4, 4, 3, 4));
        Add("relu", x => x[0].Relu(), NonZero(3, 4));
        Add("square", x => x[0].Square(), Any(3, 4));
        // Long enough for SIMD bodies and scalar tails.
        Add("exp [37]", x => x[0].Exp(), Any(37));
        Add("sigmoid [37]", x => x[0].Sigmoid(), Any(37));
        Add("tanh [37]", x => x[0].Tanh(), Any(37));
        Add("sin [37]", x => x[0].Sin(), Any(37));

        Add("sum", x => x[0].Sum(), Any(3, 4));
        Add("sum rank-0", x => x[0].Sum(), Any());
        Add("mean", x => x[0].Mean(), Any(3, 4));
        Add("mean [2, 3, 4]", x => x[0].Mean(), Any(2, 3, 4));
        foreach (int axis in new[] { 0, 1, 2, -1, -2, -3 })
            foreach (bool keep in new[] { false, true })
            {
                Add($"sumAxis [2, 3, 4] axis={axis} keepDim={keep}", x => x[0].Sum(axis, keep), Any(2, 3, 4));
                Add($"meanAxis [2, 3, 4] axis={axis} keepDim={keep}", x => x[0].Mean(axis, keep), Any(2, 3, 4));
            }
        Add("sumAxis [5] axis=0", x => x[0].Sum(0), Any(5));
        Add("meanAxis [5] axis=-1 keepDim=true", x => x[0].Mean(-1, keepDim: true), Any(5));

        Add("matmul [3, 4] [4, 2]", x => x[0].MatMul(x[1]), Any(3, 4), Any(4, 2));
        Add("matmul [2, 2] [2, 2]", x => x[0].MatMul(x[1]), Any(2, 2), Any(2, 2));
        Add("matmul [1, 5] [5, 1]", x => x[0].MatMul(x[1]), Any(1, 5), Any(5, 1));
        Add("matmul [4, 1] [1, 3]", x => x[0].MatMul(x[1]), Any(4, 1), Any(1, 3));
        Add("matmul [2, 9] [9, 11]", x => x[0].MatMul(x[1]), Any(2, 9), Any(9, 11));
        Add("matmul x xT", x => x[0].MatMul(x[0].Transpose()), Any(3, 4));

        Add("reshape [2, 6] to [3, 4]", x => x[0].Reshape(3, 4), Any(2, 6));
        Add("reshape [2, 6] to [-1]", x => x[0].Reshape(-1), Any(2, 6));
        Add("reshape [2, 6] to [4, -1]", x => x[0].Reshape(4, -1), Any(2, 6));
        Add("reshape [2, 3] to [3, 1, 2]", x => x[0].Reshape(3, 1, 2), Any(2, 3));
        Add("reshape [1] to []", x => x[0].Reshape(), Any(1));
        Add("reshape of rows", x => x[0].Rows(1, 2).Reshape(-1), Any(4, 3));

        Add("transpose [3, 4]", x => x[0].Transpose(), Any(3, 4));
        Add("transpose [1, 5]", x => x[0].Transpose(), Any(1, 5));
        Add("transpose [5]", x => x[0].Transpose() * 1.0, Any(5));
        Add("transpose twice", x => x[0].Transpose().Transpose() * x[0], Any(2, 3));

        Add("rows 1..3 of [4, 3]", x => x[0].Rows(1, 2), Any(4, 3));
        Add("rows all of [4, 3]", x => x[0].Rows(0, 4), Any(4, 3));
        Add("rows last of [4, 3]", x => x[0].Rows(3, 1), Any(4, 3));
        Add("rows of [6]", x => x[0].Rows(2, 3), Any(6));
        Add("rows of [3, 2, 2]", x => x[0].Rows(1, 1), Any(3, 2, 2));
        Add("rows of rows", x => x[0].Rows(1, 3).Rows(1, 2), Any(5, 2));
        Add("rows overlapping", x => x[0].Rows(0, 2) * x[0].Rows(1, 2), Any(3, 4));
        Add("index 2 of [4, 3]", x => x[0].Index(2), Any(4, 3));
        Add("index 0 of [4]", x => x[0].Index(0), Any(4));
        Add("index of index", x => x[0].Index(1).Index(2), Any(2, 3, 4));
        Add("index every element", x => x[0].Index(0) * x[0].Index(1) + x[0].Index(2).Square() - x[0].Index(0), Any(3));
        // Slices add into their input's gradient in place, here next to gradients that two inputs share (x + y hands both the same tensor).
        Add("index after a shared gradient", x => (x[0] + x[1]) * x[0].Index(1), Any(3), Any(3));
        Add("index before a shared gradient", x => x[0].Index(1) * (x[0] + x[1]), Any(3), Any(3));
        Add("rows after a shared gradient", x => (x[0] + x[1]).Sum(0) + x[0].Rows(1, 2).Sum(0), Any(3, 2), Any(3, 2));

        // A value used more than once, and longer chains.
        Add("chain x*x + sin(x)", x => x[0] * x[0] + x[0].Sin(), Any(3, 4));
        Add("chain x/x", x => x[0] / x[0], NonZero(3, 4));
        Add("chain x-x", x => x[0] - x[0], Any(3, 4));
        Add("chain x^x", x => x[0].Pow(x[0]), Positive(3, 4));
        Add("chain exp(x)*y + x.mean()", x => x[0].Exp() * x[1] + x[0].Mean(), Any(3, 4), Any(4));
        Add("chain tanh(x w + b)", x => (x[0].MatMul(x[1]) + x[2]).Tanh(), Any(5, 3), Any(3, 2), Any(2));
        Add("chain softmax", x => x[0].Exp() / x[0].Exp().Sum(1, keepDim: true), Any(3, 4));
        Add("chain log(sigmoid(x)) sum axis", x => x[0].Sigmoid().Log().Sum(-1), Any(3, 4));
        Add("chain sqrt(x^2 + y^2)", x => (x[0].Square() + x[1].Pow(2)).Sqrt(), Any(3, 4), Any(3, 1));
        Add("chain reshape transpose matmul", x => x[0].Reshape(3, 2).Transpose().MatMul(x[0].Reshape(3, 2)), Any(6));
        Add("chain 2^x * log(x) - 1/x", x => Tensor<double>.Pow(2.0, x[0]) * x[0].Log() - 1.0 / x[0], Positive(7));
        Add("chain relu abs cos", x => (x[0].Relu() + x[0].Abs()).Cos() * x[0], NonZero(9));
        Add("chain reused intermediate", x =>
        {
            Tensor<double> y = x[0] * x[1];
            return y * y.Sin() + y.Sum(0) - y.Mean();
        }, Any(3, 4), Any(4));
        Add("chain rosenbrock", x =>
        {
            Tensor<double> a = x[0].Rows(0, 1), b = x[0].Rows(1, 1);
            return (1.0 - a).Square() + 100.0 * (b - a.Square()).Square();
        }, Any(2));
        return cases;
    }
}
