using System.Numerics;
using Descent.Autodiff;
using Descent.Expressions;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Data;

/// <summary>
/// Generates a regression dataset from a function: each input uniform in [low, high), the target
/// f(inputs) plus Gaussian noise. The tutorial's data is <c>x^2 + y^2</c> with noise 1, 1000 samples.
/// </summary>
public static class SyntheticData
{
    /// <summary>Samples of <paramref name="function"/>; its variables (in order of appearance) are the features, "target" the target.</summary>
    /// <param name="function">The function; a constant function has no features and is refused.</param>
    /// <param name="samples">How many samples (at least 1).</param>
    /// <param name="noise">The standard deviation of the Gaussian noise added to each target (0 for none).</param>
    /// <param name="random">The generator: inputs are drawn variable by variable (<c>torch.rand(n, 1)</c> each), then the noise (<c>torch.randn(n, 1)</c>), as the tutorial's script draws them.</param>
    /// <param name="low">The lower end of each input's range.</param>
    /// <param name="high">The upper end (excluded) of each input's range.</param>
    public static Dataset<T> Generate<T>(Expression function, int samples, double noise, TorchGenerator random, double low = 0, double high = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (function.Variables.Count == 0) throw new InputException($"the function '{function.Text}' has no variables to use as inputs");
        if (samples < 1) throw new InputException($"samples must be at least 1, not {samples}");
        if (!(noise >= 0) || double.IsInfinity(noise)) throw new InputException($"noise must be a finite number >= 0, not {SpecFormat.Number(noise)}");
        if (!(low < high) || !double.IsFinite(low) || !double.IsFinite(high)) throw new InputException($"the input range [{low}, {high}) is empty or not finite");
        int f = function.Variables.Count;
        // Inputs column by column (all x, then all y), as the tutorial draws them, then the noise.
        var inputs = new double[f][];
        for (int j = 0; j < f; j++)
        {
            inputs[j] = new double[samples];
            for (int i = 0; i < samples; i++) inputs[j][i] = double.CreateChecked(random.Uniform<T>(0, 1)) * (high - low) + low;
        }
        double[] gaussian = random.Normal<T>(samples);
        Tensor<double> clean;
        using (Autograd.NoGrad())
        {
            var bindings = new Dictionary<string, Tensor<double>>();
            for (int j = 0; j < f; j++) bindings[function.Variables[j]] = Tensor<double>.FromArray(inputs[j]);
            clean = function.Evaluate(bindings);
        }
        var features = Tensor<T>.Zeros(samples, f);
        var targets = Tensor<T>.Zeros(samples, 1);
        Span<T> fd = features.Data, td = targets.Data;
        ReadOnlySpan<double> values = clean.Data;
        for (int i = 0; i < samples; i++)
        {
            for (int j = 0; j < f; j++) fd[i * f + j] = T.CreateChecked(inputs[j][i]);
            double y = (values.Length == 1 ? values[0] : values[i]) + noise * gaussian[i];
            if (!double.IsFinite(y)) throw new InputException($"'{function.Text}' is not finite at sample {i + 1} ({string.Join(", ", function.Variables.Select((v, j) => $"{v} = {inputs[j][i]}"))})");
            td[i] = T.CreateChecked(y);
        }
        return new Dataset<T>(features, targets, function.Variables, ["target"]);
    }
}
