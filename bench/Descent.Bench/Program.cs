using Descent.Bench;

// Benchmarks print one JSON object a line, in the form of ../shared/bench/torch_reference.py.
string workload = args.Length > 0 ? args[0] : "";
switch (workload)
{
    case "step":
        StepBenchmark.Run(Console.Out);
        return 0;
    case "seed":
        TrainingBenchmarks.Seed(Console.Out);
        return 0;
    case "mlp":
        TrainingBenchmarks.Mlp(Console.Out);
        return 0;
    case "sweep":
        SweepBenchmark.Run(Console.Out, args.Length > 2 && args[1] == "--seeds" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
        return 0;
    case "many":
        ManyVariablesBenchmark.Run(Console.Out);
        return 0;
    case "vector":
        VectorBenchmark.Run(Console.Out);
        return 0;
    case "matmul":
        MatMulBenchmark.Run(Console.Out);
        return 0;
    case "wide":
        TrainingBenchmarks.Wide(Console.Out, [.. args.Skip(1).Select(int.Parse)]);
        return 0;
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Descent.Bench -- step|seed|mlp|many|vector|matmul|wide [WIDTH BATCH]|sweep [--seeds N]");
        return 2;
}
