using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Descent.Specs;

/// <summary>Turns the arguments of a <see cref="Spec"/> into an options record, checking names, value types and ranges.</summary>
internal static class SpecBinder
{
    // Each catalog registers how to bind a spec of its kind, so that a spec can hold another (lookahead's optimizer).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<Spec, SpecOptions>> Kinds = new();

    // And how to make a list of them (an array of the kind's own type, made without reflection, which Native AOT lacks).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<IReadOnlyList<SpecOptions>, Array>> Lists = new();

    /// <summary>Makes specs of options type <typeparamref name="TOptions"/> bindable where a hyperparameter holds one.</summary>
    public static void Register<TOptions>(Func<Spec, TOptions> bind) where TOptions : SpecOptions
    {
        Kinds[typeof(TOptions)] = bind;
        Lists[typeof(TOptions)] = items => items.Select(item => (TOptions)item).ToArray();
    }

    /// <summary><paramref name="defaults"/> with the spec's arguments set, validated.</summary>
    /// <exception cref="HyperparameterException">An unknown hyperparameter, a value of the wrong type or out of range, or a required one missing.</exception>
    public static TOptions Bind<TOptions>(Spec spec, TOptions defaults) where TOptions : SpecOptions
    {
        PropertyInfo[] properties = defaults.BindableProperties;
        TOptions options = defaults with { };
        string owner = defaults.Name;
        var given = new HashSet<string>();
        foreach (SpecArgument argument in spec.Arguments)
        {
            PropertyInfo? property = properties.FirstOrDefault(p => SpecOptions.SpecName(p) == argument.Key);
            if (property is null)
            {
                string[] names = [.. properties.Select(SpecOptions.SpecName)];
                throw new HyperparameterException(
                    $"{owner}: unknown hyperparameter '{argument.Key}'" + Spelling.Suggestion(argument.Key, names) +
                    (names.Length == 0 ? " (it takes none)" : $" (it takes {string.Join(", ", names)})"));
            }
            property.SetValue(options, Convert(argument, property.PropertyType, owner));
            given.Add(argument.Key);
        }
        foreach (PropertyInfo p in properties)
            if (p.GetCustomAttribute<RequiredAttribute>() is { } required && !given.Contains(SpecOptions.SpecName(p)))
                // A required hyperparameter may give its own example (its ErrorMessage), e.g. step_lr(step_size=30).
                throw new HyperparameterException($"{owner}: {SpecOptions.SpecName(p)} is required, e.g. {required.ErrorMessage ?? $"{owner}({SpecOptions.SpecName(p)}={Example(p.PropertyType)})"}");
        options.Validate();
        return options;
    }

    private static object? Convert(SpecArgument argument, Type type, string owner)
    {
        SpecValue value = argument.Value;
        Type? nullable = Nullable.GetUnderlyingType(type);
        if (value is SpecValue.None)
        {
            if (nullable is not null || !type.IsValueType) return null;
            throw WrongType(owner, argument, type);
        }
        Type target = nullable ?? type;
        object? converted = (target, value) switch
        {
            _ when target == typeof(double) && value is SpecValue.Number n => n.Value,
            _ when target == typeof(int) && value is SpecValue.Number n => WholeNumber(n),
            _ when target == typeof(bool) && value is SpecValue.Boolean b => b.Value,
            _ when target == typeof(string) && value is SpecValue.Text t => t.Value,
            _ when target == typeof((double, double)) && value is SpecValue.Tuple { Items: [SpecValue.Number a, SpecValue.Number b] } => (a.Value, b.Value),
            _ when target == typeof((double, double, double)) && value is SpecValue.Tuple { Items: [SpecValue.Number a, SpecValue.Number b, SpecValue.Number c] } => (a.Value, b.Value, c.Value),
            // A list of whole numbers may be written as a tuple, or as one number for a list of one.
            _ when target == typeof(IReadOnlyList<int>) => WholeNumbers(value is SpecValue.Tuple t ? t.Items : [value]),
            _ when target.IsEnum && value is SpecValue.Text t => Choice(target, t.Value, argument, owner),
            // A spec inside a spec: written name(...), or a bare name for its defaults.
            _ when Kinds.TryGetValue(target, out var bind) => NestedSpec(value) is { } nested ? bind(nested) : null,
            _ when ListOf(target) is { } item && Kinds.TryGetValue(item, out var bindItem) => NestedList(value, item, bindItem),
            _ => null,
        };
        return converted ?? throw WrongType(owner, argument, target);
    }

    // A value of the property's type to show in a "required" message.
    private static string Example(Type type) => Kinds.ContainsKey(type) ? "adam(lr=0.01)" : type == typeof(string) ? "\"...\"" : "0.1";

    private static Spec? NestedSpec(SpecValue value) => value switch
    {
        SpecValue.Nested n => n.Spec,
        SpecValue.Text { Value: var name } when name.Length > 0 && !char.IsDigit(name[0]) && name.All(c => char.IsLetterOrDigit(c) || c == '_') => new Spec(name, [], name),
        _ => null,
    };

    private static Type? ListOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    private static Array? NestedList(SpecValue value, Type item, Func<Spec, SpecOptions> bind)
    {
        IReadOnlyList<SpecValue> items = value is SpecValue.Tuple t ? t.Items : [value];
        var list = new SpecOptions[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            if (NestedSpec(items[i]) is not { } spec) return null;
            list[i] = bind(spec);
        }
        return Lists[item](list);
    }

    private static object Choice(Type choices, string text, SpecArgument argument, string owner)
    {
        string[] names = Enum.GetNames(choices);
        string? name = names.FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (name is null)
            throw new HyperparameterException($"{owner}: {argument.Key} = {argument.Value} is invalid" + Spelling.Suggestion(text, names.Select(n => n.ToLowerInvariant())) +
                $": it must be one of {string.Join(", ", names.Select(n => n.ToLowerInvariant()))}");
        return Enum.Parse(choices, name);
    }

    private static object? WholeNumber(SpecValue.Number n) =>
        n.Value == Math.Floor(n.Value) && Math.Abs(n.Value) <= int.MaxValue ? (int)n.Value : null;

    private static int[]? WholeNumbers(IReadOnlyList<SpecValue> items)
    {
        var list = new int[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is not SpecValue.Number n || WholeNumber(n) is not int k) return null;
            list[i] = k;
        }
        return list;
    }

    private static HyperparameterException WrongType(string owner, SpecArgument argument, Type type)
    {
        string expected = type switch
        {
            _ when type == typeof(double) => "a number",
            _ when type == typeof(int) => "a whole number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(string) => "a string",
            _ when type == typeof((double, double)) => "a pair of numbers such as (0.9, 0.999)",
            _ when type == typeof((double, double, double)) => "three numbers such as (0.9, 0.999, 0.9999)",
            _ when type == typeof(IReadOnlyList<int>) => "whole numbers such as (64, 64)",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant())),
            _ when Kinds.ContainsKey(type) || ListOf(type) is { } item && Kinds.ContainsKey(item) => "a spec such as adam(lr=0.01)",
            _ => type.Name,
        };
        if (Nullable.GetUnderlyingType(type) is not null || type == typeof(string)) expected += " or none";
        return new HyperparameterException($"{owner}: {argument.Key} = {argument.Value} has the wrong type: it must be {expected}");
    }
}
