using System.Numerics;
using Descent.Data;

namespace Descent.Training;

/// <summary>
/// The best any linear model can do under mean squared error: the closed-form least-squares fit
/// of targets on [features, 1], solved by Householder QR in double precision.
/// </summary>
public static class LeastSquares
{
    /// <summary>The mean squared error of the least-squares affine fit of each target column on the features.</summary>
    public static double MeanSquaredError<T>(Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = data.Count, f = data.Features.Dim(1), targets = data.Targets.Dim(1), cols = f + 1;
        if (n == 0) return double.NaN;
        // A is [n, f + 1] column-major for the QR; the last column is the intercept.
        var a = new double[cols][];
        for (int j = 0; j < cols; j++) a[j] = new double[n];
        ReadOnlySpan<T> x = data.Features.Data;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < f; j++) a[j][i] = double.CreateChecked(x[i * f + j]);
            a[f][i] = 1;
        }
        var b = new double[targets][];
        ReadOnlySpan<T> y = data.Targets.Data;
        for (int t = 0; t < targets; t++)
        {
            b[t] = new double[n];
            for (int i = 0; i < n; i++) b[t][i] = double.CreateChecked(y[i * targets + t]);
        }
        // Householder reflections turn A into R and apply the same to each b; the residual is then the part of b below row rank.
        int rank = 0;
        for (int j = 0; j < cols && rank < n; j++)
        {
            double norm = 0;
            for (int i = rank; i < n; i++) norm += a[j][i] * a[j][i];
            norm = Math.Sqrt(norm);
            if (norm < 1e-12 * Math.Sqrt(n)) continue; // a column dependent on the previous ones adds nothing
            double alpha = a[j][rank] > 0 ? -norm : norm;
            var v = new double[n];
            for (int i = rank; i < n; i++) v[i] = a[j][i];
            v[rank] -= alpha;
            double vv = 0;
            for (int i = rank; i < n; i++) vv += v[i] * v[i];
            if (vv == 0) { rank++; continue; }
            foreach (double[] column in a.Skip(j).Concat(b))
            {
                double dot = 0;
                for (int i = rank; i < n; i++) dot += v[i] * column[i];
                double s = 2 * dot / vv;
                for (int i = rank; i < n; i++) column[i] -= s * v[i];
            }
            rank++;
        }
        double sum = 0;
        foreach (double[] column in b)
            for (int i = rank; i < n; i++) sum += column[i] * column[i];
        return sum / ((double)n * targets);
    }
}
