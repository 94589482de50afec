using System.Text;
using Descent.IO;
using Descent.Tensors;

namespace Descent.Tests.IO;

public class SafetensorsTests
{
    private static byte[] Bytes(Action<Stream> write)
    {
        var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    [Fact]
    public void TheByteLayoutIsTheSpecificationsByHand()
    {
        byte[] written = Bytes(s => Safetensors.Write(s, [("w", Tensor<float>.FromArray([1f, -2f], 2))]));
        // {"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} is 54 bytes; 2 spaces pad the data's start to 8 + 56 = 64.
        string header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}  ";
        byte[] expected = [56, 0, 0, 0, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(header), 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0];
        Assert.Equal(expected, written);

        // F64, two tensors back to back, and metadata first: -0.5 is BF E0 00 00 00 00 00 00, big end last.
        written = Bytes(s => Safetensors.Write(s, [("a", Tensor<double>.FromArray([0.0], 1, 1)), ("b", Tensor<double>.FromArray([-0.5], 1))],
            new Dictionary<string, string> { ["format"] = "pt" }));
        header = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}";
        header += new string(' ', (8 - header.Length % 8) % 8);
        expected = [(byte)header.Length, 0, 0, 0, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(header), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xE0, 0xBF];
        Assert.Equal(expected, written);
    }

    [Fact]
    public void WhatIsWrittenIsReadBackBitForBit()
    {
        var random = new Random(3);
        float[] values = [.. Enumerable.Range(0, 24).Select(_ => (float)(random.NextDouble() * 2e3 - 1e3)), float.Epsilon, -0f];
        var w = Tensor<float>.FromArray(values[..24], 2, 3, 4);
        var b = Tensor<float>.FromArray(values[24..], 2);
        var (tensors, metadata) = Safetensors.Read(new MemoryStream(Bytes(s => Safetensors.Write(s, [("0.weight", w), ("0.bias", b)],
            new Dictionary<string, string> { ["k"] = "v" }))), "m.safetensors");
        Assert.Equal(["0.weight", "0.bias"], tensors.Select(t => t.Name));
        Assert.All(tensors, t => Assert.Equal("F32", t.DType));
        Assert.Equal([2, 3, 4], tensors[0].Value.Shape.ToArray());
        Assert.Equal(values.Select(v => BitConverter.SingleToInt32Bits(v)), tensors.SelectMany(t => t.Value.ToArray()).Select(v => BitConverter.SingleToInt32Bits((float)v)));
        Assert.Equal("v", metadata["k"]);

        double[] doubles = [Math.PI, -1e-300, 1e300];
        var (read, _) = Safetensors.Read(new MemoryStream(Bytes(s => Safetensors.Write(s, [("x", Tensor<double>.FromArray(doubles, 3))]))), "m.safetensors");
        Assert.Equal(doubles, read[0].Value.ToArray());
        Assert.Equal("F64", read[0].DType);
    }

    /// <summary>Files that are not safetensors, or hold what Descent does not read, and what the error says.</summary>
    public static TheoryData<byte[], string> BadFiles()
    {
        static byte[] File(string header, int dataBytes)
        {
            byte[] h = Encoding.UTF8.GetBytes(header);
            return [.. BitConverter.GetBytes((ulong)h.Length), .. h, .. new byte[dataBytes]];
        }
        return new()
        {
            { [1, 2, 3], "m.safetensors is not a valid safetensors file: it is shorter than its 8-byte header length" },
            { [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], "m.safetensors is not a valid safetensors file: a header of 4294967295 bytes" },
            { [20, 0, 0, 0, 0, 0, 0, 0, (byte)'{'], "the file ends inside its 20-byte header" },
            { File("[1]", 0), "the header is not a JSON object" },
            { File("{\"w\":", 0), "the header is not JSON" },
            { File("{\"w\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2), "m.safetensors: tensor 'w' is BF16; Descent reads F32 and F64 tensors" },
            { File("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "'w' of shape [2] and dtype F32 does not fill bytes 0 to 4" },
            { File("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "'w' starts at byte 4 of the data, not at 0" },
            { File("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 6), "the tensors take 4 bytes of data, but the file holds 6" },
            { File("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "'w' has a shape that is not sizes" },
            { File("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "'w' needs a dtype, a shape and two data_offsets" },
            { File("{\"__metadata__\":{\"a\":1}}", 0), "__metadata__ 'a' is not a string" },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFilesAreOneLineErrorsNamingTheFile(byte[] bytes, string message)
    {
        var e = Assert.Throws<InputException>(() => Safetensors.Read(new MemoryStream(bytes), "m.safetensors"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("m.safetensors", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
