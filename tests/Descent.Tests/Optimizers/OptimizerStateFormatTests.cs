using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Descent.Optimizers;
using Descent.Tensors;
using static Descent.Tests.Optimizers.OptimizerBehaviourTests;

namespace Descent.Tests.Optimizers;

/// <summary>Every malformed optimizer state gets an <see cref="InputException"/> that says what is wrong, and changes nothing.</summary>
public class OptimizerStateFormatTests
{
    /// <summary>A JSON string value this prefix starts is written into the file as raw JSON, for literals JsonNode cannot hold (1e400).</summary>
    private const string Raw = "@raw:";

    private sealed record Malformation(string Spec, string DType, Action<JsonNode> Change, string Message);

    // Changes to a state saved after three steps of the two-parameter model (a [3, 2] and a [2] tensor).
    private static readonly Dictionary<string, Malformation> s_malformations = new()
    {
        ["format missing"] = Adam(j => j.AsObject().Remove("format"), "not a Descent optimizer state file"),
        ["another format"] = Adam(j => j["format"] = "pytorch", "not a Descent optimizer state file"),
        ["version missing"] = Adam(j => j.AsObject().Remove("version"), "'version' is missing"),
        ["version 2"] = Adam(j => j["version"] = 2, "unsupported version 2 (this Descent reads version 1)"),
        ["version as a string"] = Adam(j => j["version"] = "1", "unsupported version \"1\""),
        ["version 1.5"] = Adam(j => j["version"] = 1.5, "unsupported version 1.5"),
        ["optimizer missing"] = Adam(j => j.AsObject().Remove("optimizer"), "'optimizer' is missing"),
        ["optimizer a number"] = Adam(j => j["optimizer"] = 3, "'optimizer' is 3, not a string"),
        ["another optimizer's"] = Adam(j => j["optimizer"] = "sgd", "it holds sgd state, not adam"),
        ["another dtype's"] = Adam(j => j["dtype"] = "float32", "it holds float32 state, not float64"),
        ["dtype missing"] = Adam(j => j.AsObject().Remove("dtype"), "'dtype' is missing"),
        ["param_groups missing"] = Adam(j => j.AsObject().Remove("param_groups"), "'param_groups' is missing"),
        ["param_groups an object"] = Adam(j => j["param_groups"] = new JsonObject(), "'param_groups' is {}, not an array"),
        ["a second group"] = Adam(j => j["param_groups"]!.AsArray().Add(j["param_groups"]![0]!.DeepClone()), "it has 2 parameter groups, the optimizer 1"),
        ["a group of another size"] = Adam(j => j["param_groups"]![0]!["params"] = new JsonArray(0), "parameter group 0 has 1 parameters, the optimizer's 2"),
        ["a group not an object"] = Adam(j => j["param_groups"]![0] = 7, "param_groups[0] is not an object"),
        ["parameters out of order"] = Adam(j => j["param_groups"]![0]!["params"] = new JsonArray(1, 0), "param_groups[0].params[0] is not parameter 0"),
        ["a parameter number as a string"] = Adam(j => j["param_groups"]![0]!["params"]![1] = "1", "param_groups[0].params[1] is \"1\"; it must be a whole number"),
        ["options missing"] = Adam(j => j["param_groups"]![0]!.AsObject().Remove("options"), "'param_groups[0].options' is missing"),
        ["options that do not parse"] = Adam(j => j["param_groups"]![0]!["options"] = "adam(lr=", "param_groups[0].options: "),
        ["options out of range"] = Adam(j => j["param_groups"]![0]!["options"] = "adam(lr=-1)", "param_groups[0].options: "),
        ["another optimizer's options"] = Adam(j => j["param_groups"]![0]!["options"] = "sgd(lr=0.1)", "param_groups[0].options are sgd options, not adam"),
        ["state missing"] = Adam(j => j.AsObject().Remove("state"), "'state' is missing"),
        ["a state entry not an object"] = Adam(j => j["state"]![0] = 1, "state[0] is not an object"),
        ["param missing"] = Adam(j => j["state"]![0]!.AsObject().Remove("param"), "'state[0].param' is missing"),
        ["param as a string"] = Adam(j => j["state"]![0]!["param"] = "0", "state[0].param is \"0\"; it must be a whole number >= 0"),
        ["param negative"] = Adam(j => j["state"]![0]!["param"] = -1, "state[0].param is -1; it must be a whole number >= 0"),
        ["param beyond the parameters"] = Adam(j => j["state"]![0]!["param"] = 7, "state[0] is for parameter 7, and the optimizer has 2"),
        ["two states for one parameter"] = Adam(j => j["state"]![1]!["param"] = 0, "state[1]: a second state for parameter 0"),
        ["step missing"] = Adam(j => j["state"]![0]!.AsObject().Remove("step"), "'state[0].step' is missing"),
        ["step -5"] = Adam(j => j["state"]![0]!["step"] = -5, "state[0].step is -5; it must be a whole number >= 0"),
        ["step 2.5"] = Adam(j => j["state"]![0]!["step"] = 2.5, "state[0].step is 2.5; it must be a whole number >= 0"),
        ["step 1e400"] = Adam(j => j["state"]![0]!["step"] = Raw + "1e400", "state[0].step is 1e400; it must be a whole number >= 0"),
        ["scalars an array"] = Adam(j => j["state"]![0]!["scalars"] = new JsonArray(), "'state[0].scalars' is [], not an object"),
        ["buffers missing"] = Adam(j => j["state"]![0]!.AsObject().Remove("buffers"), "'state[0].buffers' is missing"),
        ["a buffer number 1e400"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"]!["data"]![2] = Raw + "1e400", "state[0].buffers.exp_avg.data[2] is 1e400, not a finite number"),
        ["a buffer number -1e400"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"]!["data"]![2] = Raw + "-1e400", "state[0].buffers.exp_avg.data[2] is -1e400, not a finite number"),
        ["a buffer number as other text"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"]!["data"]![0] = "inf", "state[0].buffers.exp_avg.data[0] is 'inf', not a number"),
        ["a buffer number true"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"]!["data"]![0] = true, "state[0].buffers.exp_avg.data[0] is true, not a finite number"),
        ["a buffer number null"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"]!["data"]![0] = null, "state[0].buffers.exp_avg.data[0] is null, not a finite number"),
        ["a buffer not a tensor"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"] = 1, "state[0].buffers.exp_avg is not a tensor"),
        ["a buffer without data"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"]!.AsObject().Remove("data"), "'state[0].buffers.exp_avg.data' is missing"),
        ["a buffer short of its shape"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"]!["data"]!.AsArray().RemoveAt(5), "state[0].buffers.exp_avg has 5 numbers for shape [3, 2]"),
        ["a buffer shape with a negative size"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"]!["shape"] = new JsonArray(-3, -2), "state[0].buffers.exp_avg.shape[0] is -3; it must be a whole number from 0 to"),
        ["a buffer shape too large"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"]!["shape"] = new JsonArray(65536, 65536, 65536), "has 6 numbers for shape [65536, 65536, 65536]"),
        ["a buffer of another shape"] = Adam(j => j["state"]![0]!["buffers"]!["exp_avg"]!["shape"] = new JsonArray(6), "state[0]: buffer 'exp_avg' has shape [6], the parameter [3, 2]"),
        ["a list in adam state"] = Adam(j => j["state"]![0]!["lists"]!["old_dirs"] = new JsonArray(), "state[0]: list 'old_dirs' is not part of adam state"),
        ["a float32 number beyond float32"] = new("adam(lr=0.05)", "float32",
            j => j["state"]![0]!["buffers"]!["exp_avg_sq"]!["data"]![1] = 1e39, "state[0].buffers.exp_avg_sq.data[1] = 1E+39 is out of float32's range"),
        ["an ASGD scalar 1e400"] = new("asgd(lr=0.05)", "float64", j => j["state"]![0]!["scalars"]!["eta"] = Raw + "1e400", "state[0].scalars.eta is 1e400, not a finite number"),
        ["L-BFGS state on the second parameter"] = Lbfgs(j => j["state"]![0]!["param"] = 1, "state[0]: L-BFGS keeps its state on the first parameter only"),
        ["L-BFGS direction of the wrong length"] = Lbfgs(j => Shorten(j["state"]![0]!["buffers"]!["d"]!), "state[0]: buffer 'd' has shape [7], not [8] (all parameters as one vector)"),
        ["L-BFGS history entry of the wrong length"] = Lbfgs(j => Shorten(j["state"]![0]!["lists"]!["old_dirs"]![0]!), "state[0]: an entry of 'old_dirs' has shape [7], not [8]"),
        ["L-BFGS ro not a number"] = Lbfgs(j => j["state"]![0]!["lists"]!["ro"]![0] = j["state"]![0]!["lists"]!["old_dirs"]![0]!.DeepClone(), "state[0]: an entry of 'ro' has shape [8], not a single number"),
        ["L-BFGS history lists out of step"] = Lbfgs(j => j["state"]![0]!["lists"]!["ro"]!.AsArray().RemoveAt(0), "state[0]: 'old_dirs', 'old_stps' and 'ro' have different lengths"),
        ["L-BFGS history beyond history_size"] = Lbfgs(j => j["param_groups"]![0]!["options"] = "lbfgs(max_iter=3, history_size=1)", " pairs, more than history_size 1"),
        ["L-BFGS another list"] = Lbfgs(j => j["state"]![0]!["lists"]!["al"] = new JsonArray(), "state[0]: list 'al' is not part of L-BFGS state"),
        ["L-BFGS n_iter negative"] = Lbfgs(j => j["state"]![0]!["scalars"]!["n_iter"] = -1, "state[0]: 'n_iter' is -1, not a whole number >= 0"),
        ["L-BFGS func_evals not whole"] = Lbfgs(j => j["state"]![0]!["scalars"]!["func_evals"] = 2.5, "state[0]: 'func_evals' is 2.5, not a whole number >= 0"),
        ["L-BFGS direction missing after iterations"] = Lbfgs(j => j["state"]![0]!["buffers"]!.AsObject().Remove("d"), "state[0]: 'd' and 'prev_flat_grad' are missing after iterations"),
    };

    private static Malformation Adam(Action<JsonNode> change, string message) => new("adam(lr=0.05)", "float64", change, message);

    private static Malformation Lbfgs(Action<JsonNode> change, string message) => new("lbfgs(max_iter=3)", "float64", change, message);

    private static void Shorten(JsonNode tensor)
    {
        tensor["shape"] = new JsonArray(7);
        tensor["data"]!.AsArray().RemoveAt(0);
    }

    public static TheoryData<string> Malformations() => [.. s_malformations.Keys];

    [Theory]
    [MemberData(nameof(Malformations))]
    public void AMalformedStateIsAnInputErrorAndChangesNothing(string name)
    {
        Malformation m = s_malformations[name];
        if (m.DType == "float32") Check<float>(m); else Check<double>(m);
    }

    private static void Check<T>(Malformation m) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (_, source) = Model<T>(OptimizerCatalog.Parse(m.Spec));
        JsonNode json = Saved(source, steps: 3);
        m.Change(json);
        string text = json.ToJsonString();
        foreach (string raw in json.ToJsonString().Split('"').Where(s => s.StartsWith(Raw, StringComparison.Ordinal)))
            text = text.Replace($"\"{raw}\"", raw[Raw.Length..]);

        var (parameters, target) = Model<T>(OptimizerCatalog.Parse(m.Spec));
        Step(target, parameters);
        JsonNode before = Saved(target, steps: 0);
        var e = Assert.Throws<InputException>(() => target.LoadState(new MemoryStream(Encoding.UTF8.GetBytes(text))));
        Assert.StartsWith("optimizer state: ", e.Message);
        Assert.Contains(m.Message, e.Message);
        Assert.Equal(before.ToJsonString(), Saved(target, steps: 0).ToJsonString());
    }

    /// <summary>The state of <paramref name="optimizer"/> after <paramref name="steps"/> more steps, as JSON.</summary>
    private static JsonNode Saved<T>(Optimizer<T> optimizer, int steps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensor<T>[] parameters = [.. optimizer.ParamGroups.SelectMany(g => g.Parameters)];
        for (int i = 0; i < steps; i++) Step(optimizer, parameters);
        using var stream = new MemoryStream();
        optimizer.SaveState(stream);
        return JsonNode.Parse(stream.ToArray())!;
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{ \"format\": \"descent-optimizer-state\", ", "not valid JSON")]
    [InlineData("[1, 2]", "not a Descent optimizer state file")]
    [InlineData("\"descent-optimizer-state\"", "not a Descent optimizer state file")]
    [InlineData("{ \"format\": \"descent-optimizer-state\" }", "'version' is missing")]
    public void TextThatIsNoStateIsAnInputError(string text, string message)
    {
        var (_, optimizer) = Model<double>(OptimizerCatalog.Parse("adam()"));
        var e = Assert.Throws<InputException>(() => optimizer.LoadState(new MemoryStream(Encoding.UTF8.GetBytes(text))));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void NonFiniteNumbersWrittenAsTextRoundTrip()
    {
        var (parameters, optimizer) = Model<double>(OptimizerCatalog.Parse("adam(lr=0.05)"));
        Step(optimizer, parameters);
        Tensor<double> buffer = optimizer.StateOf(parameters[0]).Buffers["exp_avg"];
        buffer.Data[0] = double.NaN;
        buffer.Data[1] = double.NegativeInfinity;
        using var stream = new MemoryStream();
        optimizer.SaveState(stream);
        stream.Position = 0;
        var (_, other) = Model<double>(OptimizerCatalog.Parse("adam(lr=0.05)"));
        other.LoadState(stream);
        double[] loaded = other.StateOf(other.ParamGroups[0].Parameters[0]).Buffers["exp_avg"].ToArray();
        Assert.True(double.IsNaN(loaded[0]));
        Assert.Equal(double.NegativeInfinity, loaded[1]);
    }
}
