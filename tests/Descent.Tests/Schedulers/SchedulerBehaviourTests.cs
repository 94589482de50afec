using Descent.Optimizers;
using Descent.Schedulers;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Tests.Schedulers;

/// <summary>Behaviour every scheduler shares, run over <see cref="SchedulerTable"/>.</summary>
public class SchedulerBehaviourTests
{
    public static TheoryData<string, string> Specs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (scheduler, optimizer) in SchedulerTable.Specs) data.Add(scheduler, optimizer);
        return data;
    }

    public static TheoryData<string, string> Defaults()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, spec) in SchedulerTable.PyTorchDefaults) data.Add(name, spec);
        return data;
    }

    public static TheoryData<string, string> Invalid()
    {
        var data = new TheoryData<string, string>();
        foreach (var (spec, message) in SchedulerTable.Invalid) data.Add(spec, message);
        return data;
    }

    [Fact]
    public void TheCatalogHasEveryTorchOptimScheduler()
    {
        Assert.Equal(
            ["step_lr", "multi_step_lr", "constant_lr", "linear_lr", "exponential_lr", "polynomial_lr", "cosine_annealing_lr",
             "cosine_annealing_warm_restarts", "cyclic_lr", "one_cycle_lr", "reduce_lr_on_plateau", "lambda_lr", "multiplicative_lr",
             "sequential_lr", "chained_scheduler"],
            SchedulerCatalog.All.Select(s => s.Name));
        Assert.All(SchedulerCatalog.All, s => Assert.Equal(s.Name, s.Defaults.Name));
        Assert.All(SchedulerCatalog.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Defaults.Formula)));
        Assert.Equal(SchedulerCatalog.All.Select(s => s.Name), SchedulerTable.PyTorchDefaults.Select(d => d.Name));
    }

    /// <summary>Every scheduler options record has its catalog row, and every hyperparameter its description (what the listing shows).</summary>
    [Fact]
    public void EverySchedulerIsInTheCatalogAndDescribed()
    {
        Type[] records = [.. typeof(SchedulerOptions).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(SchedulerOptions)) && !t.IsAbstract)];
        Assert.Equal(records.Select(t => t.Name).Order(), SchedulerCatalog.All.Select(s => s.Defaults.GetType().Name).Order());
        foreach (CatalogEntry<SchedulerOptions> s in SchedulerCatalog.All)
            Assert.All(s.Defaults.Hyperparameters(), h => Assert.False(string.IsNullOrWhiteSpace(h.Description), $"{s.Name}: {h.Name} has no description"));
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void DefaultsArePyTorch113s(string name, string fullSpec) =>
        Assert.Equal(fullSpec, SchedulerCatalog.Find(name).Defaults.ToSpec(full: true));

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidSpecsAreRefusedNamingTheValueAndWhatIsAllowed(string spec, string message)
    {
        var e = Assert.Throws<HyperparameterException>(() => SchedulerCatalog.Parse(spec));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void SpecsRoundTripThroughTheirText(string scheduler, string optimizer)
    {
        _ = optimizer;
        SchedulerOptions options = SchedulerCatalog.Parse(scheduler);
        Assert.Equal(options.ToSpec(full: true), SchedulerCatalog.Parse(options.ToSpec()).ToSpec(full: true));
        Assert.Equal(options.ToSpec(full: true), SchedulerCatalog.Parse(options.ToSpec(full: true)).ToSpec(full: true));
    }

    /// <summary>An optimizer and its scheduler saved part-way and loaded into fresh ones continue as if never stopped, bit for bit.</summary>
    [Theory]
    [MemberData(nameof(Specs))]
    public void SavingAndLoadingStateContinuesBitForBit(string scheduler, string optimizer)
    {
        foreach (bool schedulerFirst in new[] { false, true })
        {
            var straight = new Run(scheduler, optimizer);
            for (int i = 0; i < 30; i++) straight.Step();

            var first = new Run(scheduler, optimizer);
            for (int i = 0; i < 13; i++) first.Step();
            using var optimizerState = new MemoryStream();
            using var schedulerState = new MemoryStream();
            first.Optimizer.SaveState(optimizerState);
            first.Scheduler.SaveState(schedulerState);

            // Fresh ones built from the same specs (building a scheduler changes the lr), the point copied, the states loaded in either order.
            var second = new Run(scheduler, optimizer);
            first.Parameter.Data.CopyTo(second.Parameter.Data);
            optimizerState.Position = schedulerState.Position = 0;
            if (schedulerFirst) second.Scheduler.LoadState(schedulerState);
            second.Optimizer.LoadState(optimizerState);
            if (!schedulerFirst) second.Scheduler.LoadState(schedulerState);
            for (int i = 13; i < 30; i++) second.Step();

            Assert.Equal(straight.Lrs, first.Lrs.Concat(second.Lrs.Skip(1)));
            Assert.Equal(straight.Parameter.ToArray(), second.Parameter.ToArray());
        }
    }

    [Fact]
    public void ABadStateIsRefusedAndLeavesTheSchedulerAsItWas()
    {
        var run = new Run("step_lr(step_size=3, gamma=0.5)", "sgd(lr=0.1)");
        for (int i = 0; i < 4; i++) run.Step();
        var other = new Run("step_lr(step_size=2, gamma=0.5)", "sgd(lr=0.1)");
        using var wrong = new MemoryStream();
        other.Scheduler.SaveState(wrong);
        wrong.Position = 0;
        var e = Assert.Throws<InputException>(() => run.Scheduler.LoadState(wrong));
        Assert.Contains("it holds the state of step_lr(step_size=2, gamma=0.5), not of step_lr(step_size=3, gamma=0.5)", e.Message);

        using var saved = new MemoryStream();
        run.Scheduler.SaveState(saved);
        string text = System.Text.Encoding.UTF8.GetString(saved.ToArray());
        foreach (string broken in new[] { "{", "[]", text.Replace("\"last_epoch\"", "\"first_epoch\""), text.Replace("\"base_lrs\": [\n        0.1\n      ]", "\"base_lrs\": []") })
        {
            Assert.Throws<InputException>(() => run.Scheduler.LoadState(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(broken))));
            Assert.Equal(4, run.Scheduler.LastEpoch);
            Assert.Equal(0.05, run.Optimizer.ParamGroups[0].Lr);
        }
    }

    [Fact]
    public void OneCycleSteppedPastItsTotalStepsIsRefusedBeforeTheRunStarts()
    {
        SchedulerOptions oneCycle = SchedulerCatalog.Parse("one_cycle_lr(max_lr=0.1, total_steps=30)");
        oneCycle.CheckRun(OptimizerCatalog.Parse("sgd(lr=0.1, momentum=0.9)"), 30);
        var e = Assert.Throws<InputException>(() => oneCycle.CheckRun(OptimizerCatalog.Parse("sgd(lr=0.1, momentum=0.9)"), 31));
        Assert.Contains("one_cycle_lr(max_lr=0.1, total_steps=30): stepped 31 times after it was built, past its 30 total steps", e.Message);
        Assert.EndsWith("(PyTorch 1.13 raises here too); the run takes 31 scheduler steps", e.Message);
    }

    [Theory]
    [InlineData("cyclic_lr(base_lr=0.01, max_lr=0.1)", "adam(lr=0.1)", "cyclic_lr: cycle_momentum needs an optimizer with momentum, and adam has none; give cycle_momentum=false")]
    [InlineData("one_cycle_lr(max_lr=0.1, total_steps=10)", "adagrad(lr=0.1)", "one_cycle_lr: cycle_momentum needs an optimizer with momentum or betas, and adagrad has neither")]
    [InlineData("linear_lr(start_factor=0, total_iters=4)", "sgd(lr=0.1)", "division by zero at scheduler step 1, where PyTorch 1.13 raises ZeroDivisionError")]
    [InlineData("lambda_lr(lr_lambda=\"1/epoch\")", "sgd(lr=0.1)", "lambda_lr: lr_lambda = \"1/epoch\" is Infinity at epoch 0; PyTorch's Python function would raise there")]
    [InlineData("exponential_lr(gamma=1e10)", "sgd(lr=0.1)", "")]
    public void SchedulesThatPyTorchWouldStopPartWayAreRefusedBeforeTheRun(string scheduler, string optimizer, string message)
    {
        SchedulerOptions options = SchedulerCatalog.Parse(scheduler);
        if (message.Length == 0)
        {
            options.CheckRun(OptimizerCatalog.Parse(optimizer), 100); // lr overflows to infinity by multiplication, which Python allows
            return;
        }
        var e = Assert.ThrowsAny<InputException>(() => options.CheckRun(OptimizerCatalog.Parse(optimizer), 20));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void PreviewListsTheLearningRateAndTheCycledMomentumPerStep()
    {
        LrSchedule s = LrSchedule.Preview(SchedulerCatalog.Parse("step_lr(step_size=2, gamma=0.5)"), OptimizerCatalog.Parse("sgd(lr=0.1)"), 4);
        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025], s.Lrs);
        Assert.Null(s.Momenta);
        var csv = new StringWriter();
        s.WriteCsv(csv);
        Assert.Equal("step,lr\n0,0.1\n1,0.1\n2,0.05\n3,0.05\n4,0.025\n", csv.ToString());

        LrSchedule cyclic = LrSchedule.Preview(SchedulerCatalog.Parse("cyclic_lr(base_lr=0.1, max_lr=0.3, step_size_up=2)"), OptimizerCatalog.Parse("sgd(lr=1)"), 4);
        Assert.Equal([0.1, 0.2, 0.3, 0.2, 0.1], cyclic.Lrs.Select(x => Math.Round(x, 12)));
        Assert.Equal([0.9, 0.85, 0.8, 0.85, 0.9], cyclic.Momenta!.Select(x => Math.Round(x, 12)));

        // A plateau is shown as if the metric never improved after the first step: patience + 1 steps per reduction.
        LrSchedule plateau = LrSchedule.Preview(SchedulerCatalog.Parse("reduce_lr_on_plateau(patience=1, factor=0.5)"), OptimizerCatalog.Parse("sgd(lr=1)"), 5);
        Assert.Equal([1, 1, 1, 0.5, 0.5, 0.25], plateau.Lrs);
    }

    /// <summary>The README's library example, as written there.</summary>
    [Fact]
    public void TheReadmesLibraryExampleRuns()
    {
        var minimizer = new Descent.Training.Minimizer
        {
            Function = Descent.Expressions.Expression.Parse("(1 - x)^2 + 100*(y - x^2)^2"),
            Variables = ["x", "y"],
            Start = [-1.5, 2.0],
            Optimizers = [OptimizerCatalog.Parse("adam(lr=0.05)")],
            Scheduler = SchedulerCatalog.Parse("one_cycle_lr(max_lr=0.1, total_steps=500)"),
            Steps = 500,
        };
        Descent.Training.Trajectory run = minimizer.Run()[0];
        Assert.Equal(501, run.Lrs.Count);
        Assert.Equal(0.1 / 25, run.Lrs[0], 1e-15);

        var w = Tensor<float>.FromArray([0.5f, -0.3f]).RequireGrad();
        var optimizer = new Adam<float>([w], new AdamOptions { Lr = 0.1 });
        Scheduler<float> scheduler = SchedulerCatalog.Parse("cosine_annealing_lr(t_max=100)").Create(optimizer);
        for (int step = 0; step < 100; step++)
        {
            optimizer.ZeroGrad();
            Tensor<float> loss = (w - 1f).Square().Sum();
            loss.Backward();
            GradientClipping.ClipGradNorm([w], maxNorm: 1.0);
            optimizer.Step();
            scheduler.Step();
        }
        Assert.Equal(0, optimizer.ParamGroups[0].Lr, 1e-15);
        Assert.All(w.ToArray(), v => Assert.Equal(1f, v, 0.05f));
    }

    /// <summary>An optimizer over one parameter minimizing (p - 3)^2 + p^4/10 with a scheduler, recording the learning rate after each step.</summary>
    private sealed class Run
    {
        public Run(string scheduler, string optimizer)
        {
            Parameter = Tensor<double>.FromArray([1.5]).RequireGrad();
            Optimizer = OptimizerCatalog.Parse(optimizer).Create<double>([Parameter]);
            Scheduler = SchedulerCatalog.Parse(scheduler).Create(Optimizer);
            Lrs.Add(Optimizer.ParamGroups[0].Lr);
        }

        public Tensor<double> Parameter { get; }
        public Optimizer<double> Optimizer { get; }
        public Scheduler<double> Scheduler { get; }
        public List<double> Lrs { get; } = [];

        public void Step()
        {
            Optimizer.ZeroGrad();
            Tensor<double> loss = (Parameter - 3.0).Square().Sum() + Parameter.Square().Square().Sum() / 10.0;
            loss.Backward();
            Optimizer.Step();
            Scheduler.Step(loss.Item());
            Lrs.Add(Optimizer.ParamGroups[0].Lr);
        }
    }
}
