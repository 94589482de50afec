using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Optimizers;

/// <summary>
/// Euclidean norms of whole tensors, rounded as PyTorch 1.13's CPU kernel (its AVX2 build) rounds
/// <c>torch.linalg.norm(x)</c> and <c>x.norm()</c>, for rules that scale steps by norms: LAMB's and
/// LARS's trust ratios, and pytorch_optimizer's clipping by the global gradient norm.
/// </summary>
internal static class Norms
{
    /// <summary>The 2-norm of <paramref name="x"/>, in its own type, as PyTorch computes it.</summary>
    public static T L2<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Sqrt(typeof(T) == typeof(float) ? SumOfSquaresInLanes(x) : SumOfSquaresInOrder(x));

    /// <summary>
    /// PyTorch's float path: eight lanes (one AVX2 vector) accumulate x * x with fused multiply-adds over the
    /// whole vectors, the lanes are added left to right, then the remaining elements one at a time. Of a
    /// remainder of four or more, the first four have their square rounded before the add: GCC compiled that
    /// loop's first four squares as one vector multiply (measured against Debian's PyTorch 1.13.1; see NormsTests).
    /// </summary>
    private static T SumOfSquaresInLanes<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector256<T>.Count, whole = x.Length - x.Length % width;
        ref T start = ref MemoryMarshal.GetReference(x);
        Vector256<T> lanes = Vector256<T>.Zero;
        for (int i = 0; i < whole; i += width)
        {
            Vector256<T> v = Vector256.LoadUnsafe(ref start, (nuint)i);
            lanes = VectorMath.Fma(v, v, lanes);
        }
        T sum = lanes[0];
        for (int j = 1; j < width; j++) sum += lanes[j];
        int rest = x.Length - whole;
        for (int k = 0; k < rest; k++)
        {
            T v = x[whole + k];
            sum = rest >= 4 && k < 4 ? sum + v * v : T.FusedMultiplyAdd(v, v, sum);
        }
        return sum;
    }

    /// <summary>
    /// PyTorch's double path: its generic reduction, one fused multiply-add per element in order. (With several
    /// threads PyTorch splits tensors of 32768 elements or more between them; this is its one-thread order.)
    /// </summary>
    private static T SumOfSquaresInOrder<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T v in x) sum = T.FusedMultiplyAdd(v, v, sum);
        return sum;
    }

    /// <summary>
    /// pytorch_optimizer's gradient clipping factor: min(max_grad_norm / (sqrt(sum of |grad|^2) + eps), 1) over
    /// every parameter that has a gradient, in every group; exactly 1 when max_grad_norm is 0. That library
    /// sums the squared norms in a float32 tensor whatever the parameters' type, so the factor is a float.
    /// </summary>
    public static float GlobalGradientScale<T>(IReadOnlyList<ParameterGroup<T>> groups, double maxGradNorm, double eps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (maxGradNorm == 0) return 1f;
        float sum = 0f;
        foreach (ParameterGroup<T> group in groups)
            foreach (var p in group.Parameters)
                if (p.Grad is { } grad)
                {
                    T norm = L2<T>(grad.Data);
                    sum += float.CreateChecked(norm * norm);
                }
        float total = MathF.Sqrt(sum) + (float)eps;
        // A Python float divided by a tensor is the tensor's reciprocal times the float.
        return MathF.Min(1f / total * (float)maxGradNorm, 1f);
    }
}
