using Descent.Autodiff;
using Descent.Expressions;
using Descent.Tensors;

namespace Descent.Plots;

/// <summary>A function's values over a 1D range or a 2D grid, evaluated in one broadcast pass; non-finite values become NaN.</summary>
internal static class FunctionGrid
{
    /// <summary>f at each x (the function's only variable, or <paramref name="variable"/>).</summary>
    public static double[] Line(Expression f, string variable, double[] xs)
    {
        using var _ = Autograd.NoGrad();
        Tensor<double> values = f.Evaluate(new Dictionary<string, Tensor<double>> { [variable] = Tensor<double>.FromArray(xs) });
        return [.. Broadcast(values, xs.Length).Select(Finite)];
    }

    /// <summary>f over the grid: result[i, j] is f(xs[j], ys[i]).</summary>
    public static double[,] Surface(Expression f, string xVariable, string yVariable, double[] xs, double[] ys)
    {
        using var _ = Autograd.NoGrad();
        Tensor<double> values = f.Evaluate(new Dictionary<string, Tensor<double>>
        {
            [xVariable] = Tensor<double>.FromArray(xs, 1, xs.Length),
            [yVariable] = Tensor<double>.FromArray(ys, ys.Length, 1),
        });
        double[] flat = Broadcast(values, xs.Length * ys.Length);
        var grid = new double[ys.Length, xs.Length];
        for (int i = 0; i < ys.Length; i++)
            for (int j = 0; j < xs.Length; j++) grid[i, j] = Finite(flat[i * xs.Length + j]);
        return grid;
    }

    /// <summary>
    /// Like <see cref="Surface"/>, but each value is the lowest f within half a grid step of its point (sampled
    /// <paramref name="refine"/> times finer). A narrow valley between grid points then shows as the continuous floor
    /// it is, not as a row of teeth where it happens to pass near a point and between points.
    /// </summary>
    public static double[,] SurfaceLowest(Expression f, string xVariable, string yVariable, double[] xs, double[] ys, int refine = 4)
    {
        double[] Fine(double[] v)
        {
            double half = (v[1] - v[0]) / 2;
            return Linspace(v[0] - half, v[^1] + half, (v.Length - 1) * refine + refine + 1);
        }
        double[] fx = Fine(xs), fy = Fine(ys);
        double[,] fine = Surface(f, xVariable, yVariable, fx, fy);
        var grid = new double[ys.Length, xs.Length];
        for (int i = 0; i < ys.Length; i++)
            for (int j = 0; j < xs.Length; j++)
            {
                double lowest = double.NaN;
                for (int a = i * refine; a <= i * refine + refine; a++)
                    for (int b = j * refine; b <= j * refine + refine; b++)
                    {
                        double v = fine[a, b];
                        if (!double.IsNaN(v) && (double.IsNaN(lowest) || v < lowest)) lowest = v;
                    }
                grid[i, j] = lowest;
            }
        return grid;
    }

    /// <summary>Evenly spaced values from <paramref name="low"/> to <paramref name="high"/>, both included.</summary>
    public static double[] Linspace(double low, double high, int count) =>
        [.. Enumerable.Range(0, count).Select(i => low + (high - low) * i / (count - 1))];

    // A function that ignores a variable evaluates to fewer elements; spread it over the grid.
    private static double[] Broadcast(Tensor<double> values, int size) =>
        values.Size == size ? values.ToArray() : [.. Enumerable.Repeat(values.Data[0], size)];

    private static double Finite(double v) => double.IsFinite(v) ? v : double.NaN;
}
