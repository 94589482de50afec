using System.Reflection;
using Descent.Expressions;

namespace Descent.Optimizers;

/// <summary>Turns the arguments of a <see cref="Spec"/> into an options record, checking names and value types.</summary>
internal static class OptionsBinder
{
    public static OptimizerOptions Bind(Type optionsType, Spec spec, OptimizerOptions defaults)
    {
        PropertyInfo[] properties = [.. OptimizerOptions.Bindable(optionsType)];
        OptimizerOptions options = defaults with { };
        var given = new HashSet<string>();
        foreach (SpecArgument argument in spec.Arguments)
        {
            PropertyInfo? property = properties.FirstOrDefault(p => OptimizerOptions.SpecName(p) == argument.Key);
            if (property is null)
            {
                string[] names = [.. properties.Select(OptimizerOptions.SpecName)];
                throw new HyperparameterException(
                    $"{defaults.OptimizerName}: unknown hyperparameter '{argument.Key}'" +
                    Spelling.Suggestion(argument.Key, names) + $" (it takes {string.Join(", ", names)})");
            }
            property.SetValue(options, Convert(argument, property.PropertyType, defaults.OptimizerName));
            given.Add(argument.Key);
        }
        foreach (PropertyInfo p in properties)
            if (p.IsDefined(typeof(System.ComponentModel.DataAnnotations.RequiredAttribute)) && !given.Contains(OptimizerOptions.SpecName(p)))
                throw new HyperparameterException($"{defaults.OptimizerName}: {OptimizerOptions.SpecName(p)} is required, e.g. {defaults.OptimizerName}({OptimizerOptions.SpecName(p)}=0.1)");
        options.Validate();
        return options;
    }

    private static object? Convert(SpecArgument argument, Type type, string optimizer)
    {
        SpecValue value = argument.Value;
        Type? nullable = Nullable.GetUnderlyingType(type);
        if (value is SpecValue.None)
        {
            if (nullable is not null || !type.IsValueType) return null;
            throw WrongType(optimizer, argument, type);
        }
        Type target = nullable ?? type;
        object? converted = (target, value) switch
        {
            _ when target == typeof(double) && value is SpecValue.Number n => n.Value,
            _ when target == typeof(int) && value is SpecValue.Number n && n.Value == Math.Floor(n.Value) && Math.Abs(n.Value) <= int.MaxValue => (int)n.Value,
            _ when target == typeof(bool) && value is SpecValue.Boolean b => b.Value,
            _ when target == typeof(string) && value is SpecValue.Text t => t.Value,
            _ when target == typeof((double, double)) && value is SpecValue.Tuple { Items: [SpecValue.Number a, SpecValue.Number b] } => (a.Value, b.Value),
            _ => null,
        };
        return converted ?? throw WrongType(optimizer, argument, target);
    }

    private static HyperparameterException WrongType(string optimizer, SpecArgument argument, Type type)
    {
        string expected = type switch
        {
            _ when type == typeof(double) => "a number",
            _ when type == typeof(int) => "a whole number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(string) => "a string",
            _ when type == typeof((double, double)) => "a pair of numbers such as (0.9, 0.999)",
            _ => type.Name,
        };
        if (Nullable.GetUnderlyingType(type) is not null || type == typeof(string)) expected += " or none";
        return new HyperparameterException($"{optimizer}: {argument.Key} = {argument.Value} has the wrong type: it must be {expected}");
    }
}
