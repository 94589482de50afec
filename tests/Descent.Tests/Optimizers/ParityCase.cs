using System.Text.Json;

namespace Descent.Tests.Optimizers;

/// <summary>
/// One recorded PyTorch 1.13 trajectory (format: ../shared/parity/README.md): Fixtures/parity-public.jsonl is the
/// shared public set; Fixtures/parity-extra.jsonl, recorded here with Debian's PyTorch 1.13.1 by
/// Fixtures/generate_parity_extra.py, covers hyperparameters the public set does not (maximize, weight decay,
/// AMSGrad with decay, centered RMSprop with momentum, ASGD averaging, L-BFGS line search, ...).
/// </summary>
public sealed record ParityCase(string File, int Line, JsonElement Json)
{
    public string Kind => Json.GetProperty("kind").GetString()!;
    public string Optimizer => Json.GetProperty("optimizer").GetString()!;
    public string Spec => Json.GetProperty("spec").GetString()!;
    public string DType => Json.GetProperty("dtype").GetString()!;
    public bool IsFloat32 => DType == "float32";

    /// <summary>The function's name (e.g. <c>rosenbrock</c>), or <c>linreg</c>.</summary>
    public string Function => Kind == "function" ? Json.GetProperty("function").GetString()! : Kind;

    public static IReadOnlyList<ParityCase> Public { get; } = Load("parity-public.jsonl");

    public static IReadOnlyList<ParityCase> Extra { get; } = Load("parity-extra.jsonl");

    /// <summary>Optimizers beyond torch.optim, recorded from pytorch_optimizer 7a076d2f on PyTorch 1.13 (../shared/parity/beyond.jsonl).</summary>
    public static IReadOnlyList<ParityCase> Beyond { get; } = Load("parity-beyond.jsonl");

    private static ParityCase[] Load(string name) => [.. System.IO.File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", name))
        .Select((line, i) => new ParityCase(name, i + 1, JsonDocument.Parse(line).RootElement))];

    /// <summary>The tolerance the parity README calls fair for this dtype.</summary>
    public bool Close(double got, double expected) => IsFloat32
        ? Math.Abs(got - expected) <= 1e-5 + 1e-4 * Math.Abs(expected)
        : Math.Abs(got - expected) <= 1e-12 + 1e-9 * Math.Abs(expected);

    /// <summary>
    /// Whether Descent computed PyTorch's number itself. PyTorch's recorded number (the shortest round-trip
    /// decimal of a float64, or of a float32 widened to float64) is rounded to this case's dtype, and the
    /// two must have the same bits in that dtype: for float32, the same float; 0 and -0 differ.
    /// </summary>
    /// <remarks>Every float32 number in the fixtures is a float32 value (checked by the parity tests), so the rounding loses nothing.</remarks>
    public bool BitIdentical(double got, double expected) => IsFloat32
        ? BitConverter.SingleToInt32Bits((float)got) == BitConverter.SingleToInt32Bits((float)expected)
        : BitConverter.DoubleToInt64Bits(got) == BitConverter.DoubleToInt64Bits(expected);

    public override string ToString() => $"{File} line {Line}: {Kind} {Function} {Spec} {DType}";

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}
