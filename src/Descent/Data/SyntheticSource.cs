using Descent.Expressions;
using Descent.Specs;

namespace Descent.Data;

/// <summary>Samples of a function of uniform inputs plus Gaussian noise (<see cref="SyntheticData"/>); the tutorial's data is x^2 + y^2 with noise 1.</summary>
/// <param name="Function">The function; its variables are the features.</param>
/// <param name="Noise">Standard deviation of the noise added to each target.</param>
/// <param name="Samples">How many samples.</param>
/// <param name="Low">Lower end of each input's range.</param>
/// <param name="High">Upper end (excluded) of each input's range.</param>
public sealed record SyntheticSource(Expression Function, double Noise = 1, int Samples = 1000, double Low = 0, double High = 1) : DataSource
{
    /// <inheritdoc/>
    public override (Dataset<T> Data, string Description) Load<T>(TorchGenerator random) =>
        (SyntheticData.Generate<T>(Function, Samples, Noise, random, Low, High),
         $"synthetic {Function.Text}, noise {SpecFormat.Number(Noise)}, {Samples} samples");
}
