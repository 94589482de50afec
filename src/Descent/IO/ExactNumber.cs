using System.Text.Json;

namespace Descent.IO;

/// <summary>
/// How saved states write a number so that reading it back gives the same bits: finite numbers in shortest
/// round-trip form, the others as the strings "NaN", "Infinity" and "-Infinity" (JSON has no literal for them).
/// </summary>
internal static class ExactNumber
{
    /// <summary>Writes <paramref name="value"/> as a JSON number, or as its name when it is not finite.</summary>
    public static void Write(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    /// <summary>The non-finite number <paramref name="name"/> stands for, or null if it names none.</summary>
    public static double? FromName(string? name) => name switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => null,
    };
}
