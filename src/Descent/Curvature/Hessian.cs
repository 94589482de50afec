using Descent.Expressions;

namespace Descent.Curvature;

/// <summary>
/// Exact second derivatives of a function of the function language, in double. A Hessian-vector product H v is
/// the derivative of the gradient along v: Descent evaluates the function in dual numbers (value and derivative
/// along v) and runs the reverse sweep on them, so the adjoints carry the gradient and H v at once (forward over
/// reverse; no finite differences). From products: the matrix, and its extreme eigenvalues, all of them for up to
/// <see cref="FullSpectrumDimension"/> variables and by Lanczos iteration beyond.
/// </summary>
public sealed class Hessian
{
    /// <summary>Up to this many variables the whole matrix is built and every eigenvalue computed.</summary>
    public const int FullSpectrumDimension = 10;

    /// <summary>Lanczos steps (Hessian-vector products) for the extreme eigenvalues of a larger Hessian.</summary>
    public const int LanczosSteps = 60;

    private readonly Expression _function;
    private readonly IReadOnlyList<string> _variables;
    private readonly int[] _sizes;

    /// <summary>
    /// The Hessian of <paramref name="function"/> with respect to <paramref name="variables"/>, in that order (a vector
    /// variable x as its elements x[1], x[2], ...), with the function's sizes valued <paramref name="sizes"/> (in the order of
    /// <see cref="Expression.Sizes"/>).
    /// </summary>
    /// <exception cref="InputException">A variable of the function is not among <paramref name="variables"/>.</exception>
    public Hessian(Expression function, IReadOnlyList<string> variables, int[]? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(variables);
        var given = variables.ToHashSet();
        var vectors = function.Vectors.ToHashSet();
        foreach (string v in function.Variables)
            if (!given.Contains(vectors.Contains(v) ? Expression.ElementName(v, 1) : v)) throw new InputException($"the variable '{v}' of the function is not among the variables given");
        _function = function;
        _variables = variables;
        _sizes = sizes ?? [];
    }

    /// <summary>The number of variables.</summary>
    public int Dimension => _variables.Count;

    /// <summary>The gradient at <paramref name="point"/>.</summary>
    public double[] Gradient(IReadOnlyList<double> point) => Run(point, new double[Dimension]).Gradient;

    /// <summary>The Hessian at <paramref name="point"/> times <paramref name="direction"/>.</summary>
    public double[] Product(IReadOnlyList<double> point, IReadOnlyList<double> direction) => Run(point, direction).HessianTimesDirection;

    /// <summary>The Hessian matrix at <paramref name="point"/>, one product per column.</summary>
    public double[,] Matrix(IReadOnlyList<double> point)
    {
        int n = Dimension;
        var h = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            var unit = new double[n];
            unit[j] = 1;
            double[] column = Product(point, unit);
            for (int i = 0; i < n; i++) h[i, j] = column[i];
        }
        return h;
    }

    /// <summary>Why the Hessian is not defined at <paramref name="point"/> (a kink, or derivatives that are not finite), or null when it is.</summary>
    public string? WhyUndefined(IReadOnlyList<double> point)
    {
        var probe = new double[Dimension];
        probe.AsSpan().Fill(1);
        var (value, gradient, product, kink) = Run(point, probe);
        if (kink is not null) return kink;
        if (!double.IsFinite(value)) return $"f is not finite there (f = {value})";
        if (!gradient.All(double.IsFinite) || !product.All(double.IsFinite)) return "f's derivatives are not finite there";
        return null;
    }

    /// <summary>The extreme eigenvalues and their eigenvectors at <paramref name="point"/> (every eigenvalue for few variables), or why there are none.</summary>
    public Spectrum Spectrum(IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (WhyUndefined(point) is { } why) return new Spectrum { Undefined = why };
        int n = Dimension;
        if (n <= FullSpectrumDimension)
        {
            double[,] h = Matrix(point);
            // Exact products are symmetric up to rounding; averaging removes that rounding's asymmetry.
            for (int i = 0; i < n; i++)
                for (int j = 0; j < i; j++) h[i, j] = h[j, i] = (h[i, j] + h[j, i]) / 2;
            var (values, vectors) = SymmetricEigen.Decompose(h);
            double[] Column(int j) => [.. Enumerable.Range(0, n).Select(i => vectors[i, j])];
            return new Spectrum { Largest = values[^1], Smallest = values[0], LargestVector = Column(n - 1), SmallestVector = Column(0), Eigenvalues = values };
        }
        var (largest, largestVector, smallest, smallestVector) = Lanczos.Extremes(v => Product(point, v), n, LanczosSteps);
        return new Spectrum { Largest = largest, Smallest = smallest, LargestVector = largestVector, SmallestVector = smallestVector };
    }

    private (double Value, double[] Gradient, double[] HessianTimesDirection, string? Kink) Run(IReadOnlyList<double> point, IReadOnlyList<double> direction)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(direction);
        if (point.Count != Dimension || direction.Count != Dimension)
            throw new ArgumentException($"The point and the direction need {Dimension} values, one per variable.");
        return DualTape.Run(_function.Root, _variables, point, direction, _sizes);
    }
}
