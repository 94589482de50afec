using System.Text.Json;

namespace Descent.Tests.Optimizers;

/// <summary>One recorded PyTorch 1.13 trajectory from Fixtures/parity-public.jsonl (format: ../shared/parity/README.md).</summary>
public sealed record ParityCase(int Line, JsonElement Json)
{
    public string Kind => Json.GetProperty("kind").GetString()!;
    public string Optimizer => Json.GetProperty("optimizer").GetString()!;
    public string Spec => Json.GetProperty("spec").GetString()!;
    public string DType => Json.GetProperty("dtype").GetString()!;
    public bool IsFloat32 => DType == "float32";

    public static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "parity-public.jsonl");

    public static IReadOnlyList<ParityCase> All { get; } = [.. File.ReadLines(FixturePath)
        .Select((line, i) => new ParityCase(i + 1, JsonDocument.Parse(line).RootElement))];

    /// <summary>The tolerance the parity README calls fair for this dtype.</summary>
    public bool Close(double got, double expected) => IsFloat32
        ? Math.Abs(got - expected) <= 1e-5 + 1e-4 * Math.Abs(expected)
        : Math.Abs(got - expected) <= 1e-12 + 1e-9 * Math.Abs(expected);

    public override string ToString() => $"line {Line}: {Kind} {Json.GetProperty(Kind == "function" ? "function" : "kind").GetString()} {Spec} {DType}";

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}
