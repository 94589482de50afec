using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>
/// Every recorded PyTorch 1.13 trajectory is reproduced within the parity README's tolerances, and
/// exactly the cases Fixtures/parity-not-bit-identical.txt lists are not reproduced bit for bit.
/// </summary>
public class ParityTests
{
    private const string NotBitIdenticalFile = "parity-not-bit-identical.txt";

    // One replay of every case serves the exactness facts; the tolerance theory replays its own case so one failure stays one failure.
    private static readonly Lazy<ParityReplay[]> s_replays = new(() => [.. All.Select(ParityReplay.Run)]);

    private static IEnumerable<ParityCase> All => ParityCase.Public.Concat(ParityCase.Extra);

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        // Every case runs: an optimizer missing from the catalog fails its cases rather than skipping them.
        foreach (ParityCase c in All) data.Add(c.File, c.Line);
        return data;
    }

    [Fact]
    public void TheFixturesHoldEveryCase()
    {
        Assert.Equal(204, ParityCase.Public.Count);
        Assert.Equal(151, ParityCase.Extra.Count);
    }

    [Fact]
    public void Float32CasesRecordFloat32Values()
    {
        // So rounding PyTorch's recorded number to float32 (ParityCase.BitIdentical) loses nothing.
        foreach (ParityReplay r in s_replays.Value.Where(r => r.Case.IsFloat32))
            foreach (ParityReplay.Number n in r.Numbers)
                Assert.True((double)(float)n.Expected == n.Expected, $"{r.Case}: {n.Where}: PyTorch's {n.Expected:R} is not a float32 value");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string file, int line)
    {
        ParityReplay r = ParityReplay.Run(Find(file, line));
        Assert.True(r.RecordedSteps == r.ReplayedSteps, $"{r.Case}: {r.ReplayedSteps} steps, PyTorch {r.RecordedSteps}");
        if (r.FirstNotClose is { } n) Assert.Fail($"{r.Case}: {n.Where} = {n.Got:R}, PyTorch {n.Expected:R}");
    }

    /// <summary>
    /// Pins how many trajectories are bit-identical, per file and dtype (the figures the README states):
    /// losing exactness fails, and so does gaining it, so the README and the list get updated.
    /// </summary>
    [Fact]
    public void BitIdenticalCounts()
    {
        var counts = s_replays.Value.Where(r => r.IsBitIdentical)
            .CountBy(r => $"{r.Case.File} {r.Case.DType}").OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}: {p.Value}");
        Assert.Equal(
        [
            "parity-extra.jsonl float32: 37",    // of 50
            "parity-extra.jsonl float64: 50",    // of 101
            "parity-public.jsonl float32: 82",   // of 102
            "parity-public.jsonl float64: 81",   // of 102
        ], counts);
    }

    /// <summary>The cases that are not bit-identical are exactly the listed ones, each with its reason.</summary>
    [Fact]
    public void ExactlyTheListedCasesAreNotBitIdentical()
    {
        NotBitIdentical[] listed = NotBitIdentical.Load();
        foreach (NotBitIdentical entry in listed)
        {
            ParityCase c = Find(entry.File, entry.Line);
            Assert.True(entry.DType == c.DType && entry.Function == c.Function && entry.Spec == c.Spec,
                $"{NotBitIdenticalFile}: {entry.File}:{entry.Line} is {c.DType} {c.Function} {c.Spec}, the list says {entry.DType} {entry.Function} {entry.Spec}");
            Assert.True(entry.Reason.Fits(c), $"{NotBitIdenticalFile}: {entry.File}:{entry.Line}: reason {entry.Reason.Name} does not fit {c}");
        }
        var expected = listed.Select(e => $"{e.File}:{e.Line}").ToHashSet();
        var actual = s_replays.Value.Where(r => !r.IsBitIdentical).Select(r => $"{r.Case.File}:{r.Case.Line}").ToHashSet();
        string Describe(string id)
        {
            ParityReplay r = s_replays.Value.Single(r => $"{r.Case.File}:{r.Case.Line}" == id);
            return r.FirstDifference is { } n ? $"{r.Case}: first difference {n.Where}: {n.Got:R}, PyTorch {n.Expected:R}" : $"{r.Case}";
        }
        string[] lost = [.. actual.Except(expected).Select(Describe)], gained = [.. expected.Except(actual).Select(Describe)];
        Assert.True(lost.Length == 0 && gained.Length == 0, string.Concat(
            lost.Length == 0 ? "" : $"Not bit-identical, but not in {NotBitIdenticalFile}:\n  {string.Join("\n  ", lost)}\n",
            gained.Length == 0 ? "" : $"In {NotBitIdenticalFile}, but now bit-identical (remove them, update the counts and the README):\n  {string.Join("\n  ", gained)}"));
    }

    /// <summary>The optimizers beyond torch.optim that are not in the catalog yet; their recorded cases wait for them.</summary>
    private static readonly string[] s_beyondPending =
        [];

    public static TheoryData<string, int> BeyondCases()
    {
        var data = new TheoryData<string, int>();
        foreach (ParityCase c in ParityCase.Beyond.Where(c => !s_beyondPending.Contains(c.Optimizer))) data.Add(c.File, c.Line);
        return data;
    }

    /// <summary>Every beyond-torch.optim optimizer is either in the catalog (and all its cases run) or listed as pending: none is skipped silently.</summary>
    [Fact]
    public void EveryBeyondOptimizerIsInTheCatalogOrPending()
    {
        string[] recorded = [.. ParityCase.Beyond.Select(c => c.Optimizer).Distinct().Order()];
        string[] inCatalog = [.. recorded.Where(name => OptimizerCatalog.All.Any(e => e.Name == name))];
        Assert.Equal(recorded, inCatalog.Concat(s_beyondPending).Order().ToArray());
        Assert.Empty(inCatalog.Intersect(s_beyondPending));
    }

    /// <summary>Every recorded case of the optimizers beyond torch.optim is reproduced bit for bit; a change that loses that fails.</summary>
    [Fact]
    public void EveryBeyondCaseIsBitIdentical()
    {
        string[] differing = [.. ParityCase.Beyond.Select(ParityReplay.Run).Where(r => !r.IsBitIdentical)
            .Select(r => r.FirstDifference is { } n ? $"{r.Case}: first difference {n.Where}: {n.Got:R}, the reference {n.Expected:R}" : $"{r.Case}")];
        Assert.Empty(differing);
        Assert.Equal(102, ParityCase.Beyond.Count);
    }

    [Theory]
    [MemberData(nameof(BeyondCases))]
    public void MatchesTheReference(string file, int line)
    {
        ParityReplay r = ParityReplay.Run(Find(file, line));
        Assert.True(r.RecordedSteps == r.ReplayedSteps, $"{r.Case}: {r.ReplayedSteps} steps, the reference {r.RecordedSteps}");
        if (r.FirstNotClose is { } n) Assert.Fail($"{r.Case}: {n.Where} = {n.Got:R}, the reference {n.Expected:R}");
    }

    private static ParityCase Find(string file, int line) =>
        (file == "parity-public.jsonl" ? ParityCase.Public : file == "parity-extra.jsonl" ? ParityCase.Extra
            : file == "parity-beyond.jsonl" ? ParityCase.Beyond : throw new ArgumentException($"no fixture {file}", nameof(file)))[line - 1];

    /// <summary>Why a trajectory is within tolerance but not bit-identical.</summary>
    private sealed record Reason(string Name, Func<ParityCase, bool> Fits)
    {
        private static readonly string[] s_transcendentals = ["sin(", "cos(", "tan(", "exp(", "log(", "tanh("];

        /// <summary>
        /// PyTorch computes sin, cos, exp, log and tanh with SLEEF's vectorised approximations (within an ulp),
        /// Descent with the C library's, which differ in the last bit now and then.
        /// </summary>
        public static readonly Reason Sleef = new("sleef", c => c.Kind == "function"
            && s_transcendentals.Any(c.Json.GetProperty("expression").GetString()!.Contains));

        /// <summary>
        /// Sums over a batch (the MSE mean, the weight and bias gradients) add in another order than
        /// PyTorch's vectorised reductions and BLAS; e.g. PyTorch's float32 mean of 16 squares sums 8 interleaved lanes.
        /// </summary>
        public static readonly Reason BatchOrder = new("batch-order", c => c.Kind == "linreg");

        public static Reason Parse(string name) => name switch
        {
            "sleef" => Sleef,
            "batch-order" => BatchOrder,
            _ => throw new FormatException($"{NotBitIdenticalFile}: unknown reason '{name}'"),
        };
    }

    /// <summary>One line of Fixtures/parity-not-bit-identical.txt: <c>file:line dtype function reason spec</c>.</summary>
    private sealed record NotBitIdentical(string File, int Line, string DType, string Function, Reason Reason, string Spec)
    {
        public static NotBitIdentical[] Load() =>
        [
            .. System.IO.File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", NotBitIdenticalFile))
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line =>
                {
                    string[] fields = line.Split(' ', 5, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    string[] where = fields[0].Split(':');
                    return new NotBitIdentical(where[0], int.Parse(where[1]), fields[1], fields[2], Reason.Parse(fields[3]), fields[4]);
                }),
        ];
    }
}
