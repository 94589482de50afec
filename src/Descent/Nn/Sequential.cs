using System.Numerics;
using Descent.Tensors;

namespace Descent.Nn;

/// <summary>Modules applied one after another (PyTorch's <c>nn.Sequential</c>).</summary>
public sealed class Sequential<T>(IReadOnlyList<Module<T>> modules) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The modules, in order.</summary>
    public IReadOnlyList<Module<T>> Modules { get; } = modules.Count > 0 ? modules : throw new ArgumentException("A Sequential needs at least one module.", nameof(modules));

    /// <inheritdoc/>
    public override IReadOnlyList<Tensor<T>> Parameters => [.. Modules.SelectMany(m => m.Parameters)];

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Tensor<T> Value)> NamedParameters() =>
        Modules.SelectMany((m, i) => m.NamedParameters().Select(p => ($"{i}.{p.Name}", p.Value)));

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input) => Modules.Aggregate(input, (x, m) => m.Forward(x));

    /// <inheritdoc/>
    public override int OutputFeatures(int inputFeatures) => Modules.Aggregate(inputFeatures, (f, m) => m.OutputFeatures(f));

    /// <inheritdoc/>
    public override Module<T> Clone() => new Sequential<T>([.. Modules.Select(m => m.Clone())]);

    /// <inheritdoc/>
    public override string ToString() => $"Sequential({string.Join(", ", Modules)})";

    internal override IEnumerable<Module<T>> Layers() => Modules.SelectMany(m => m.Layers());

    internal override void ForwardRows(ReadOnlySpan<T> x, Span<T> y, int rows, int inputs, Span<T> scratch) =>
        throw new InvalidOperationException("A Sequential runs through its layers (ModelRunner).");

    internal override void BackwardRows(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int inputs, Span<T> scratch) =>
        throw new InvalidOperationException("A Sequential runs through its layers (ModelRunner).");
}
