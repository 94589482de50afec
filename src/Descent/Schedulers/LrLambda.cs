using Descent.Expressions;
using Descent.Specs;

namespace Descent.Schedulers;

/// <summary>
/// The function of <c>lambda_lr</c> and <c>multiplicative_lr</c>: an expression of the variable <c>epoch</c> in
/// Descent's function language, e.g. <c>0.95^epoch</c>, standing for PyTorch's Python <c>lr_lambda</c>.
/// </summary>
internal sealed class LrLambda
{
    private readonly Expression _expression;
    private readonly string _owner;
    private readonly Dictionary<string, double> _point = new() { ["epoch"] = 0 };

    private LrLambda(Expression expression, string owner)
    {
        _expression = expression;
        _owner = owner;
    }

    /// <summary>Parses <paramref name="text"/> for the scheduler <paramref name="owner"/>.</summary>
    /// <exception cref="HyperparameterException">It does not parse, or uses a variable other than epoch.</exception>
    public static LrLambda Parse(string owner, string text)
    {
        Expression expression;
        try
        {
            expression = Expression.Parse(text);
        }
        catch (ParseException e)
        {
            throw new HyperparameterException($"{owner}: lr_lambda = {SpecFormat.Value(text)} does not parse: {e.Message}");
        }
        if (expression.Variables.FirstOrDefault(v => v != "epoch") is { } other)
            throw new HyperparameterException($"{owner}: lr_lambda = {SpecFormat.Value(text)} uses the variable '{other}'; it may use only epoch");
        return new LrLambda(expression, owner);
    }

    /// <summary>The function's value at <paramref name="epoch"/>.</summary>
    /// <exception cref="InputException">It is not finite there, where Python would have raised (division by zero, overflow).</exception>
    public double At(int epoch)
    {
        _point["epoch"] = epoch;
        double value = _expression.Evaluate(_point);
        if (!double.IsFinite(value))
            throw new InputException($"{_owner}: lr_lambda = {SpecFormat.Value(_expression.Text)} is {SpecFormat.Number(value)} at epoch {epoch}; PyTorch's Python function would raise there");
        return value;
    }
}
