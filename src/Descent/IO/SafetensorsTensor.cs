using Descent.Tensors;

namespace Descent.IO;

/// <summary>One tensor of a safetensors file, as <see cref="Safetensors.Read"/> found it.</summary>
/// <param name="Name">Its name, e.g. <c>0.weight</c>.</param>
/// <param name="DType">Its element type as the file names it: <c>F32</c> or <c>F64</c>.</param>
/// <param name="Value">Its shape and values (a float32's value is exact in double).</param>
public sealed record SafetensorsTensor(string Name, string DType, Tensor<double> Value);
