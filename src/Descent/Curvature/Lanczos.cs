namespace Descent.Curvature;

/// <summary>
/// The extreme eigenvalues of a symmetric matrix known only through its products with vectors: Lanczos
/// iteration with full reorthogonalization, then the eigenvalues of the small tridiagonal matrix it builds.
/// </summary>
internal static class Lanczos
{
    /// <summary>The largest and smallest eigenvalue, each with its unit eigenvector, after at most <paramref name="steps"/> products.</summary>
    public static (double Largest, double[] LargestVector, double Smallest, double[] SmallestVector) Extremes(Func<double[], double[]> multiply, int n, int steps)
    {
        var basis = new List<double[]>();
        var alpha = new List<double>();
        var beta = new List<double>();
        // A fixed pseudo-random start has a part along every eigenvector, so none is missed, and runs repeat.
        var random = new Random(20240613);
        double[] q = Normalized([.. Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5)]);
        for (int j = 0; j < Math.Min(steps, n); j++)
        {
            basis.Add(q);
            double[] w = multiply(q);
            alpha.Add(Dot(w, q));
            // Full reorthogonalization (twice is enough) keeps the basis orthogonal in floating point.
            for (int pass = 0; pass < 2; pass++)
                foreach (double[] b in basis)
                {
                    double c = Dot(w, b);
                    for (int i = 0; i < n; i++) w[i] -= c * b[i];
                }
            double norm = Math.Sqrt(Dot(w, w));
            if (norm <= 1e-12 * Math.Max(1, Math.Abs(alpha[^1]))) break; // an invariant subspace: its eigenvalues are exact
            beta.Add(norm);
            q = [.. w.Select(x => x / norm)];
        }
        int m = alpha.Count;
        var tridiagonal = new double[m, m];
        for (int i = 0; i < m; i++)
        {
            tridiagonal[i, i] = alpha[i];
            if (i + 1 < m) tridiagonal[i, i + 1] = tridiagonal[i + 1, i] = beta[i];
        }
        var (values, vectors) = SymmetricEigen.Decompose(tridiagonal);
        double[] Ritz(int column)
        {
            var x = new double[n];
            for (int j = 0; j < m; j++)
                for (int i = 0; i < n; i++) x[i] += vectors[j, column] * basis[j][i];
            return Normalized(x);
        }
        return (values[^1], Ritz(m - 1), values[0], Ritz(0));
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double[] Normalized(double[] x)
    {
        double norm = Math.Sqrt(Dot(x, x));
        return [.. x.Select(v => v / norm)];
    }
}
