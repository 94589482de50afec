using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;
using Descent.Tensors;

namespace Descent.IO;

/// <summary>
/// Reads and writes tensors as safetensors (Hugging Face's format, which PyTorch loads with the <c>safetensors</c>
/// package): an 8-byte little-endian unsigned header length N; N bytes of UTF-8 JSON mapping each tensor's name to
/// <c>{"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}</c>, with an optional <c>"__metadata__"</c> object
/// of strings, padded with spaces so the data starts at a multiple of 8; then the tensors' values, row-major and
/// little-endian, back to back, each from byte <c>begin</c> to <c>end</c> of the data. Descent reads and writes F32 and F64.
/// </summary>
public static class Safetensors
{
    /// <summary>The header's key for the metadata strings.</summary>
    public const string MetadataKey = "__metadata__";

    // The reference implementation refuses larger headers, so a corrupt length cannot ask for gigabytes.
    private const long MaxHeaderLength = 100_000_000;

    /// <summary>Writes <paramref name="tensors"/> (names distinct and not <see cref="MetadataKey"/>) in this order, as F32 or F64, with optional metadata.</summary>
    /// <exception cref="ArgumentException">A name is repeated or reserved.</exception>
    public static void Write<T>(Stream stream, IReadOnlyList<(string Name, Tensor<T> Value)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() != tensors.Count || tensors.Any(t => t.Name == MetadataKey))
            throw new ArgumentException($"Tensor names must be distinct and not {MetadataKey}.", nameof(tensors));
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var header = new MemoryStream();
        using (var w = new Utf8JsonWriter(header))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata) w.WriteString(key, value);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, value) in tensors)
            {
                w.WriteStartObject(name);
                w.WriteString("dtype", DTypeName<T>());
                w.WriteStartArray("shape");
                foreach (int d in value.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset += (long)value.Size * size);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        while ((8 + header.Length) % 8 != 0) header.WriteByte((byte)' ');
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        header.Position = 0;
        header.CopyTo(stream);
        var bytes = new byte[4096];
        foreach (var (_, value) in tensors)
        {
            ReadOnlySpan<T> data = value.Data;
            for (int start = 0; start < data.Length; start += bytes.Length / size)
            {
                int count = Math.Min(bytes.Length / size, data.Length - start);
                for (int i = 0; i < count; i++)
                {
                    if (typeof(T) == typeof(float)) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), float.CreateTruncating(data[start + i]));
                    else BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), double.CreateTruncating(data[start + i]));
                }
                stream.Write(bytes, 0, count * size);
            }
        }
    }

    /// <summary>Reads every tensor of a safetensors file, in the order of their data, and its metadata.</summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="path">The file, as errors name it.</param>
    /// <exception cref="InputException">The bytes are not a valid safetensors file, or hold a dtype other than F32 and F64.</exception>
    public static (IReadOnlyList<SafetensorsTensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(Stream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(path);
        InputException Invalid(string problem) => new($"{path} is not a valid safetensors file: {problem}");
        var lengthBytes = new byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8) throw Invalid("it is shorter than its 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderLength) throw Invalid($"a header of {headerLength} bytes");
        var headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false) < headerBytes.Length)
            throw Invalid($"the file ends inside its {headerLength}-byte header");
        var data = new MemoryStream();
        stream.CopyTo(data);
        byte[] buffer = data.GetBuffer();
        long dataLength = data.Length;

        JsonDocument document;
        try
        {
            if (headerBytes.Length == 0 || headerBytes[0] != (byte)'{') throw Invalid("the header is not a JSON object");
            document = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException e)
        {
            throw Invalid($"the header is not JSON ({e.Message})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Invalid("the header is not a JSON object");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var tensors = new List<(string Name, string DType, int[] Shape, long Begin, long End)>();
            foreach (JsonProperty entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == MetadataKey)
                {
                    if (entry.Value.ValueKind != JsonValueKind.Object) throw Invalid($"{MetadataKey} is not an object of strings");
                    foreach (JsonProperty m in entry.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : throw Invalid($"{MetadataKey} '{m.Name}' is not a string");
                    continue;
                }
                tensors.Add(Entry(entry, path, Invalid));
            }
            // The data is exactly the tensors' bytes, back to back: no gaps, no overlaps, nothing after.
            long end = 0;
            foreach (var t in tensors.OrderBy(t => t.Begin))
            {
                if (t.Begin != end) throw Invalid($"'{t.Name}' starts at byte {t.Begin} of the data, not at {end}");
                end = t.End;
            }
            if (end != dataLength) throw Invalid($"the tensors take {end} bytes of data, but the file holds {dataLength}");
            var result = new List<SafetensorsTensor>();
            foreach (var t in tensors.OrderBy(t => t.Begin))
            {
                int size = t.DType == "F32" ? 4 : 8;
                var values = new double[(t.End - t.Begin) / size];
                for (int i = 0; i < values.Length; i++)
                {
                    var bytes = buffer.AsSpan((int)(t.Begin + (long)i * size), size);
                    values[i] = size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes);
                }
                result.Add(new SafetensorsTensor(t.Name, t.DType, Tensor<double>.FromArray(values, t.Shape.Length == 0 ? [] : t.Shape)));
            }
            return (result, metadata);
        }
    }

    /// <summary>One tensor's header entry, checked: a known dtype, a shape whose size matches its data offsets.</summary>
    private static (string Name, string DType, int[] Shape, long Begin, long End) Entry(JsonProperty entry, string path, Func<string, InputException> invalid)
    {
        JsonElement e = entry.Value;
        string name = entry.Name;
        if (e.ValueKind != JsonValueKind.Object
            || !e.TryGetProperty("dtype", out JsonElement dtype) || dtype.ValueKind != JsonValueKind.String
            || !e.TryGetProperty("shape", out JsonElement shape) || shape.ValueKind != JsonValueKind.Array
            || !e.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw invalid($"'{name}' needs a dtype, a shape and two data_offsets");
        string type = dtype.GetString()!;
        if (type is not ("F32" or "F64")) throw new InputException($"{path}: tensor '{name}' is {type}; Descent reads F32 and F64 tensors");
        var dims = new List<int>();
        foreach (JsonElement d in shape.EnumerateArray())
            dims.Add(d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out int n) && n >= 0 ? n : throw invalid($"'{name}' has a shape that is not sizes"));
        if (!offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw invalid($"'{name}' has data_offsets that are not a range");
        long elements = dims.Aggregate(1L, (a, d) => a * d);
        if (elements > int.MaxValue || end - begin != elements * (type == "F32" ? 4 : 8))
            throw invalid($"'{name}' of shape {TensorShape.Format([.. dims])} and dtype {type} does not fill bytes {begin} to {end}");
        return (name, type, [.. dims], begin, end);
    }

    /// <summary>The safetensors name of <typeparamref name="T"/>: F32 or F64.</summary>
    public static string DTypeName<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? "F32" : typeof(T) == typeof(double) ? "F64" : throw new NotSupportedException($"{typeof(T).Name} has no safetensors dtype here.");
}
