using System.Text.Json;

namespace Descent.Bench;

/// <summary>Writes one benchmark result as a single-line JSON object.</summary>
internal static class JsonLine
{
    public static void Write(TextWriter output, IReadOnlyDictionary<string, object> fields) =>
        output.WriteLine(JsonSerializer.Serialize(fields));
}
