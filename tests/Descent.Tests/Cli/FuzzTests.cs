namespace Descent.Tests.Cli;

/// <summary>
/// Seeded random and mutated functions and specs through the command line: every one ends in a result
/// (exit 0) or one clear error (exit 2), never a crash or a stack trace.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Atoms = ["x", "y", "2", "0.5", "1e308", "1e-320", "pi", "e", "0", "-1", "x_1", "inf", "nan"];
    private static readonly string[] Functions = ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "relu", "foo"];
    private static readonly string[] Operators = [" + ", " - ", "*", "/", "^", "**", " ", ",", "=", ";"];
    private static readonly string[] Specs =
    [
        "sgd(lr=0.1)", "adam(lr=0.05, betas=(0.8, 0.99), amsgrad=true)", "lbfgs(line_search_fn=\"strong_wolfe\")", "rprop(etas=(0.5, 1.2))",
        "lion(lr=0.01)", "momentum(lr=0.01)", "adagrad", "asgd(t0=2)", "rmsprop(centered=true, momentum=0.5)", "nadam(momentum_decay=0.1)",
    ];
    private const string Noise = "()(),=;\"'x9.e-+*/^ _\u001b\0";

    private static string RandomExpression(Random r, int depth) => r.Next(depth <= 0 ? 1 : 4) switch
    {
        0 => Atoms[r.Next(Atoms.Length)],
        1 => $"{Functions[r.Next(Functions.Length)]}({RandomExpression(r, depth - 1)})",
        2 => $"({RandomExpression(r, depth - 1)})",
        _ => RandomExpression(r, depth - 1) + Operators[r.Next(Operators.Length)] + RandomExpression(r, depth - 1),
    };

    private static string Mutate(Random r, string text)
    {
        var chars = new List<char>(text);
        for (int k = r.Next(1, 4); k > 0; k--)
        {
            int at = r.Next(chars.Count + 1);
            switch (r.Next(3))
            {
                case 0 when chars.Count > 0 && at < chars.Count: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Noise[r.Next(Noise.Length)]); break;
                default: if (chars.Count > 0 && at < chars.Count) chars[at] = Noise[r.Next(Noise.Length)]; break;
            }
        }
        return new string([.. chars]);
    }

    private static void AssertCleanEnd(string[] args, CliResult r, int[] outcomes)
    {
        outcomes[r.ExitCode == 0 ? 0 : 1]++;
        string call = string.Join(" ", args.Select(a => $"[{a}]"));
        Assert.True(r.ExitCode is 0 or 2, $"exit {r.ExitCode} for {call}: {r.Error}");
        Assert.DoesNotContain("   at ", r.Error);
        Assert.DoesNotContain("Exception", r.Error);
        if (r.ExitCode == 2) Assert.StartsWith("error: ", r.Error);
        Assert.DoesNotContain('\u001b', r.Error);
    }

    [Fact]
    public void RandomAndMutatedFunctionsEndInAResultOrOneClearError()
    {
        var r = new Random(20261130);
        var outcomes = new int[2];
        for (int i = 0; i < 1500; i++)
        {
            string f = RandomExpression(r, r.Next(1, 5));
            if (r.Next(2) == 0) f = Mutate(r, f);
            string[] args = ["minimize", f, "--from", r.Next(3) == 0 ? "x=1" : "x=0.5,y=-2", "--steps", "3",
                "--optimizer", Specs[r.Next(Specs.Length)], "--dtype", r.Next(2) == 0 ? "float32" : "float64"];
            AssertCleanEnd(args, CliRunner.Run(args), outcomes);
        }
        // Both kinds of ending occur, so the inputs test both paths.
        Assert.True(outcomes[0] > 5 && outcomes[1] > 5, $"{outcomes[0]} results, {outcomes[1]} errors");
    }

    [Fact]
    public void RandomAndMutatedSpecsEndInAResultOrOneClearError()
    {
        var r = new Random(7);
        var outcomes = new int[2];
        for (int i = 0; i < 1500; i++)
        {
            string spec = Mutate(r, Specs[r.Next(Specs.Length)]);
            string[] args = ["minimize", "(x - 1)^2 + y^2", "--from", "x=0,y=1", "--steps", "3", "--optimizer", spec];
            AssertCleanEnd(args, CliRunner.Run(args), outcomes);
        }
        // Both kinds of ending occur, so the inputs test both paths.
        Assert.True(outcomes[0] > 5 && outcomes[1] > 5, $"{outcomes[0]} results, {outcomes[1]} errors");
    }

    [Fact]
    public void MutatedTrainingOptionsEndInAResultOrOneClearError()
    {
        var r = new Random(11);
        var outcomes = new int[2];
        string[] models = ["linear", "mlp(hidden=(4,), activation=relu)", "mlp(hidden=3)"];
        string[] losses = ["mse", "l1", "huber(delta=0.5)", "bce_with_logits", "cross_entropy"];
        for (int i = 0; i < 60; i++)
        {
            // One option mutated at a time, so some runs succeed.
            int mutated = r.Next(5);
            string Pick(int which, string text) => which == mutated ? Mutate(r, text) : text;
            string[] args = ["train", "--epochs", "1", "--samples", "40", "--model", Pick(0, models[r.Next(models.Length)]),
                "--loss", Pick(1, losses[r.Next(losses.Length)]), "--optimizers", Pick(2, Specs[r.Next(Specs.Length)]),
                "--synthetic", Pick(3, "x^2 + y^2"), "--out", Path.Combine(CliRunner.TempDirectory(), "out")];
            AssertCleanEnd(args, CliRunner.Run(args), outcomes);
        }
        // Both kinds of ending occur, so the inputs test both paths.
        Assert.True(outcomes[0] > 5 && outcomes[1] > 5, $"{outcomes[0]} results, {outcomes[1]} errors");
    }
}
