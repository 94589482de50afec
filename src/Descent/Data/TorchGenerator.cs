namespace Descent.Data;

/// <summary>
/// A seeded generator that draws what PyTorch's CPU generator draws after <c>torch.manual_seed(seed)</c>:
/// a 32-bit Mersenne Twister (MT19937) with PyTorch's ways of turning its output into uniform floats,
/// normal samples (<c>torch.randn</c>) and permutations (<c>torch.randperm</c>, used by <c>random_split</c>).
/// With it, the tutorial's data, split and initial weights come out as in its PyTorch script (normal
/// samples to within float rounding: PyTorch computes their logs and sines with its own approximations).
/// </summary>
public sealed class TorchGenerator
{
    private const int N = 624, M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index;

    /// <summary>A generator in the state <c>torch.manual_seed(seed)</c> leaves PyTorch's in.</summary>
    public TorchGenerator(ulong seed) => ManualSeed(seed);

    /// <summary>Puts the generator back in the state <c>manual_seed(seed)</c> leaves PyTorch's in.</summary>
    public void ManualSeed(ulong seed)
    {
        _state[0] = (uint)seed;
        for (int i = 1; i < N; i++) _state[i] = 1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    /// <summary>Draws and discards <paramref name="count"/> 32-bit numbers, as PyTorch does for results it throws away.</summary>
    public void Skip(long count)
    {
        for (long i = 0; i < count; i++) NextUInt32();
    }

    /// <summary>The next 32 random bits (PyTorch's <c>random()</c>).</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    /// <summary>The next 64 random bits (PyTorch's <c>random64()</c>: two draws, the first as the high half).</summary>
    public ulong NextUInt64()
    {
        ulong high = NextUInt32(), low = NextUInt32();
        return (high << 32) | low;
    }

    /// <summary>A float32 uniform in [low, high), as <c>torch.rand</c> and <c>uniform_</c> draw one: 24 random bits, the bounds first rounded to float32.</summary>
    public float UniformSingle(double low = 0, double high = 1)
    {
        double x = (NextUInt32() & ((1u << 24) - 1)) * Math.ScaleB(1.0, -24);
        double from = (float)low, to = (float)high;
        return (float)(x * (to - from) + from);
    }

    /// <summary>A float64 uniform in [low, high), as PyTorch draws one for double tensors: 53 random bits.</summary>
    public double UniformDouble(double low = 0, double high = 1)
    {
        double x = (NextUInt64() & ((1UL << 53) - 1)) * Math.ScaleB(1.0, -53);
        return x * (high - low) + low;
    }

    /// <summary>
    /// Standard normal samples as <c>torch.randn(n)</c> gives them for float32: for n ≥ 16, all uniforms
    /// first, then Box-Muller on blocks of 16 (the last block redrawn when n is not a multiple of 16);
    /// for fewer, one double-precision Box-Muller pair per two samples.
    /// </summary>
    public float[] Normal(int n)
    {
        var data = new float[n];
        if (n >= 16)
        {
            for (int i = 0; i < n; i++) data[i] = UniformSingle();
            for (int i = 0; i + 16 <= n; i += 16) BoxMuller16(data.AsSpan(i, 16));
            if (n % 16 != 0)
            {
                Span<float> last = data.AsSpan(n - 16, 16);
                for (int i = 0; i < 16; i++) last[i] = UniformSingle();
                BoxMuller16(last);
            }
            return data;
        }
        double? spare = null;
        for (int i = 0; i < n; i++)
        {
            if (spare is double s) { data[i] = (float)s; spare = null; continue; }
            double u1 = UniformDouble(), u2 = UniformDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2)), theta = 2.0 * Math.PI * u1;
            spare = r * Math.Sin(theta);
            data[i] = (float)(r * Math.Cos(theta));
        }
        return data;
    }

    /// <summary>Standard normal samples as <c>torch.randn(n, dtype=torch.float64)</c> gives them: double-precision Box-Muller pairs.</summary>
    public double[] NormalDouble(int n)
    {
        var data = new double[n];
        for (int i = 0; i < n; i += 2)
        {
            double u1 = UniformDouble(), u2 = UniformDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2)), theta = 2.0 * Math.PI * u1;
            data[i] = r * Math.Cos(theta);
            if (i + 1 < n) data[i + 1] = r * Math.Sin(theta);
        }
        return data;
    }

    /// <summary>A uniform value of type T in [low, high): float32 or float64 as PyTorch draws each.</summary>
    public T Uniform<T>(double low, double high) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? T.CreateChecked(UniformSingle(low, high)) : T.CreateChecked(UniformDouble(low, high));

    /// <summary>n standard normal samples of type T, as <c>torch.randn</c> draws them for that type.</summary>
    public double[] Normal<T>(int n) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? [.. Normal(n).Select(v => (double)v)] : NormalDouble(n);

    /// <summary>A random permutation of 0..n-1 as <c>torch.randperm(n)</c> draws it.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        Permutation(p);
        return p;
    }

    /// <summary>Fills <paramref name="destination"/> with a random permutation of 0..n-1 (n its length) as <c>torch.randperm(n)</c> draws it: n - 1 draws.</summary>
    public void Permutation(Span<int> destination)
    {
        int n = destination.Length;
        for (int i = 0; i < n; i++) destination[i] = i;
        for (int i = 0; i < n - 1; i++)
        {
            int z = (int)(NextUInt32() % (uint)(n - i));
            (destination[i], destination[i + z]) = (destination[i + z], destination[i]);
        }
    }

    /// <summary>Turns 16 uniforms into 16 normals: pairs (1 - u[j], u[j + 8]).</summary>
    private static void BoxMuller16(Span<float> data)
    {
        for (int j = 0; j < 8; j++)
        {
            float u1 = 1 - data[j], u2 = data[j + 8];
            float radius = MathF.Sqrt(-2 * MathF.Log(u1));
            float theta = 2.0f * MathF.PI * u2;
            data[j] = radius * MathF.Cos(theta);
            data[j + 8] = radius * MathF.Sin(theta);
        }
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_state[i] & 0x80000000u) | (_state[(i + 1) % N] & 0x7fffffffu);
            _state[i] = _state[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
        }
        _index = 0;
    }
}
