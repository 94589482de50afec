using System.Text.Json;
using Descent.Specs;

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

    public static IReadOnlyList<ParityCase> Public { get; } = Load("parity-public.jsonl");

    public static IReadOnlyList<ParityCase> Extra { get; } = Load("parity-extra.jsonl");

    private static ParityCase[] Load(string name) => [.. System.IO.File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", name))
        .Select((line, i) => new ParityCase(name, i + 1, JsonDocument.Parse(line).RootElement))];

    /// <summary>The tolerance the parity README calls fair for this dtype.</summary>
    public bool Close(double got, double expected) => IsFloat32
        ? Math.Abs(got - expected) <= 1e-5 + 1e-4 * Math.Abs(expected)
        : Math.Abs(got - expected) <= 1e-12 + 1e-9 * Math.Abs(expected);

    public override string ToString() => $"{File} line {Line}: {Kind} {Json.GetProperty(Kind == "function" ? "function" : "kind").GetString()} {Spec} {DType}";

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}
