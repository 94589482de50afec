namespace Descent.Tensors;

/// <summary>The element type arithmetic runs in, named as PyTorch names it (<c>float32</c>, <c>float64</c>).</summary>
public enum DType
{
    /// <summary>32-bit floats (<c>float</c>), PyTorch's default.</summary>
    Float32,
    /// <summary>64-bit floats (<c>double</c>).</summary>
    Float64,
}
