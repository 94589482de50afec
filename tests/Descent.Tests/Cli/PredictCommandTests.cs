using System.Globalization;
using Descent.Tests.Training;

namespace Descent.Tests.Cli;

public class PredictCommandTests
{
    private static readonly string Saved = Path.Combine(AppContext.BaseDirectory, "Fixtures", "saved-model");

    /// <summary>
    /// The models in Fixtures/saved-model, the train options that wrote them, and how closely PyTorch's predictions
    /// (Fixtures/saved_model_predict.py, PyTorch 1.13.1: the spec's nn module, load_state_dict(strict=True) of the
    /// safetensors) agree with descent predict's: float32 matrix products sum in another order, float64 ones here agree to the bit.
    /// </summary>
    public static TheoryData<string, string[], double> SavedModels() => new()
    {
        { "model-1-adam", ["--standardize", "all", "--categorical", "SEX", "--epochs", "20", "--optimizers", "adam(lr=0.05)", "--model", "mlp(hidden=(8,))"], 1e-5 },
        { "model-1-sgd", ["--standardize", "features", "--dtype", "float64", "--epochs", "20", "--optimizers", "sgd(lr=0.01, momentum=0.9)"], 0 },
    };

    [Theory]
    [MemberData(nameof(SavedModels))]
    public void SavedModelsLoadInPyTorchWhosePredictionsDescentPredictMatches(string name, string[] options, double tolerance)
    {
        // The fixture is what train --save-model writes today, byte for byte...
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        CliResult r = CliRunner.Run(["train", "--data", RealDataTests.Diabetes, "--target", "Y", .. options, "--save-model", "--out", dir]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains($"{name}.safetensors/.json", r.Output);
        foreach (string file in new[] { name + ".safetensors", name + ".json" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(Saved, file)), File.ReadAllBytes(Path.Combine(dir, file)));

        // ...and descent predict gives what PyTorch gave with it.
        r = CliRunner.Run("predict", "--model", Path.Combine(Saved, name + ".json"), "--data", RealDataTests.Diabetes);
        Assert.True(r.ExitCode == 0, r.Error);
        string[] ours = r.Output.TrimEnd().Split('\n'), pytorch = File.ReadAllText(Path.Combine(Saved, name + ".pytorch.csv")).TrimEnd().Split('\n');
        Assert.Equal("Y", ours[0]);
        Assert.Equal(443, ours.Length);
        Assert.Equal(pytorch.Length, ours.Length);
        for (int i = 1; i < ours.Length; i++)
        {
            double a = double.Parse(ours[i], CultureInfo.InvariantCulture), b = double.Parse(pytorch[i], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(a - b) <= tolerance * Math.Abs(b), $"row {i}: {a} against PyTorch's {b}");
        }
    }

    [Fact]
    public void PredictionsGoToAFileWhenAsked()
    {
        string output = Path.Combine(CliRunner.TempDirectory(), "predictions.csv");
        CliResult r = CliRunner.Run("predict", "--model", Path.Combine(Saved, "model-1-sgd.safetensors"), "--data", RealDataTests.Diabetes, "--out", output);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("wrote 442 predictions of Y to", r.Output);
        Assert.Equal(443, File.ReadAllLines(output).Length);
    }

    private static string Copy(string name, Func<string, string>? edit = null)
    {
        string dir = CliRunner.TempDirectory();
        File.Copy(Path.Combine(Saved, name + ".safetensors"), Path.Combine(dir, name + ".safetensors"));
        File.WriteAllText(Path.Combine(dir, name + ".json"), (edit ?? (t => t))(File.ReadAllText(Path.Combine(Saved, name + ".json"))));
        return Path.Combine(dir, name + ".json");
    }

    private static string Csv(string text)
    {
        string path = Path.Combine(CliRunner.TempDirectory(), "new.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private const string Row = "59\t2\t32.1\t101.0\t157\t93.2\t38.0\t4.0\t4.8598\t87";

    [Fact]
    public void BadInputIsOneLineAndExitCodeTwoWithNothingWritten()
    {
        string header = "AGE\tSEX\tBMI\tBP\tS1\tS2\tS3\tS4\tS5\tS6\n";
        (string Model, string Data, string Message)[] cases =
        [
            (Copy("model-1-sgd"), Csv("AGE\tSEX\tBMI\tBP\tS1\tS2\tS3\tS4\tS5\n59\t2\t32.1\t101.0\t157\t93.2\t38.0\t4.0\t4.8598\n"),
                "has no column 'S6', which the model reads (it reads AGE, SEX, BMI, BP, S1, S2, S3, S4, S5, S6; the file has AGE, SEX, BMI, BP, S1, S2, S3, S4, S5)"),
            (Copy("model-1-adam"), Csv(header + Row.Replace("\t2\t", "\t3\t")), "line 2, column 2 ('SEX'): '3' is not a category the model was trained on (1, 2)"),
            (Copy("model-1-adam"), Csv(header + Row + "\n" + Row.Replace("32.1", "x")), "line 3, column 3 ('BMI'): 'x' is not a number"),
            (Copy("model-1-sgd", t => t.Replace("\"float64\"", "\"float32\"")), Csv(header + Row), "'weight' is F64, but"),
            (Copy("model-1-sgd", t => t.Replace("\"linear\"", "\"mlp(hidden=(4,))\"")), Csv(header + Row),
                "does not fit"),
            (Copy("model-1-adam", t => t.Replace("\"name\": \"S6\"", "\"name\": \"S7\"")), Csv(header + Row), "has no column 'S7', which the model reads"),
        ];
        foreach (var (model, data, message) in cases)
        {
            string output = Path.Combine(CliRunner.TempDirectory(), "p.csv");
            CliResult r = CliRunner.Run("predict", "--model", model, "--data", data, "--out", output);
            Assert.True(r.ExitCode == 2, $"{message}: {r.Output}");
            Assert.Contains(message, r.Error);
            Assert.Single(r.Error.TrimEnd().Split('\n'));
            Assert.False(File.Exists(output), message);
            // On standard output too, nothing is printed before the error.
            r = CliRunner.Run("predict", "--model", model, "--data", data);
            Assert.Equal((2, ""), (r.ExitCode, r.Output));
        }
    }
}
