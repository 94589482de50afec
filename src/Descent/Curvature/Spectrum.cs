namespace Descent.Curvature;

/// <summary>
/// The curvature of a function at a point: the largest and smallest Hessian eigenvalues (L and mu) with their
/// eigenvectors, every eigenvalue for up to <see cref="Hessian.FullSpectrumDimension"/> variables, or why the
/// Hessian is not defined there.
/// </summary>
public sealed record Spectrum
{
    /// <summary>The largest eigenvalue L: the steepest curvature, which bounds stable step sizes.</summary>
    public double Largest { get; init; } = double.NaN;

    /// <summary>The smallest eigenvalue mu: negative at a saddle, near zero on a plateau.</summary>
    public double Smallest { get; init; } = double.NaN;

    /// <summary>The unit eigenvector of <see cref="Largest"/> (its sign is arbitrary).</summary>
    public IReadOnlyList<double> LargestVector { get; init; } = [];

    /// <summary>The unit eigenvector of <see cref="Smallest"/> (its sign is arbitrary).</summary>
    public IReadOnlyList<double> SmallestVector { get; init; } = [];

    /// <summary>Every eigenvalue in ascending order when they were all computed (few variables), else null.</summary>
    public IReadOnlyList<double>? Eigenvalues { get; init; }

    /// <summary>Why the Hessian is not defined at the point (a kink, a derivative that is not finite), or null when it is.</summary>
    public string? Undefined { get; init; }

    /// <summary>Whether the Hessian is defined at the point.</summary>
    public bool IsDefined => Undefined is null;

    /// <summary>L / mu when mu &gt; 0, else infinity: how much harder the flattest direction is than the steepest.</summary>
    public double ConditionNumber => Smallest > 0 ? Largest / Smallest : double.PositiveInfinity;
}
