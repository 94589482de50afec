namespace Descent.Curvature;

/// <summary>Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations: accurate to rounding, O(n^3) a sweep.</summary>
internal static class SymmetricEigen
{
    /// <summary>The eigenvalues in ascending order, and the matching unit eigenvectors as the columns of a matrix.</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        int n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (int i = 0; i < n; i++) v[i, i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, scale = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    if (i != j) off += a[i, j] * a[i, j];
                    scale += a[i, j] * a[i, j];
                }
            if (off <= 1e-30 * scale || off == 0) break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0) continue;
                    // The rotation that zeroes a[p, q], in the numerically stable form (Golub and Van Loan, 8.5.2).
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k, p], vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
        }
        int[] order = [.. Enumerable.Range(0, n).OrderBy(i => a[i, i])];
        var values = new double[n];
        var vectors = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            values[j] = a[order[j], order[j]];
            for (int k = 0; k < n; k++) vectors[k, j] = v[k, order[j]];
        }
        return (values, vectors);
    }
}
