using Descent.Data;
using Descent.Expressions;
using Descent.Optimizers;

namespace Descent.Training;

/// <summary>
/// The tutorial's three experiments, defined once: gradient descent on x^2 + 4x + 1 from x = 2 with
/// learning rate 0.7, on x^2 + y^2 from (2, 2) with learning rate 0.1, and six optimizers training a
/// linear model on noisy x^2 + y^2. The CLI's defaults, the demo, the tests and the benchmarks use these.
/// </summary>
public static class Tutorial
{
    /// <summary>The six optimizers the tutorial compares, with its learning rates.</summary>
    public const string Optimizers = "sgd(lr=0.01); momentum(lr=0.01); adagrad(lr=0.01); rmsprop(lr=0.01); adadelta(); adam(lr=0.01)";

    /// <summary>The function the tutorial's data is drawn from.</summary>
    public const string DataFunction = "x^2 + y^2";

    /// <summary>Gradient descent on x^2 + 4x + 1 from x = 2 with learning rate 0.7, 100 steps (the tutorial's first plot).</summary>
    public static Minimizer Parabola { get; } = new()
    {
        Function = Expression.Parse("x^2 + 4*x + 1"),
        Variables = ["x"],
        Start = [2.0],
        Optimizers = [OptimizerCatalog.Parse("sgd(lr=0.7)")],
        Steps = 100,
    };

    /// <summary>Gradient descent on x^2 + y^2 from (2, 2) with learning rate 0.1, 100 steps (the tutorial's second plot).</summary>
    public static Minimizer Bowl { get; } = new()
    {
        Function = Expression.Parse("x^2 + y^2"),
        Variables = ["x", "y"],
        Start = [2.0, 2.0],
        Optimizers = [OptimizerCatalog.Parse("sgd(lr=0.1)")],
        Steps = 100,
    };

    /// <summary>
    /// The tutorial's comparison: 1000 samples of x^2 + y^2 plus standard normal noise, inputs uniform in
    /// [0, 1), an 80/20 split, seed 0, <c>Linear(2, 1)</c> with MSE, batches of 32 in order, 50 epochs, float32,
    /// and its six optimizers.
    /// </summary>
    public static TrainingSetup Training { get; } = new()
    {
        Data = new SyntheticSource(Expression.Parse(DataFunction)),
        Optimizers = OptimizerCatalog.ParseList(Optimizers),
    };
}
