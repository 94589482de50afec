using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Descent.Optimizers;

/// <summary>
/// The hyperparameters of one optimizer, with PyTorch's names (snake_case in specs) and defaults.
/// Each optimizer has a record derived from this; a parameter group holds one.
/// </summary>
public abstract record OptimizerOptions
{
    /// <summary>The learning rate.</summary>
    public abstract double Lr { get; init; }

    /// <summary>The optimizer's name in specs, e.g. <c>adam</c>.</summary>
    public string OptimizerName => GetType().Name.Replace("Options", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Throws <see cref="HyperparameterException"/> if any value is outside what PyTorch allows.</summary>
    public abstract void Validate();

    /// <summary>The hyperparameters as (spec name, value, description), in declaration order.</summary>
    public IEnumerable<(string Name, object? Value, string Description)> Hyperparameters() =>
        Bindable(GetType()).Select(p => (SpecName(p), p.GetValue(this), p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? ""));

    /// <summary>
    /// The options as a spec that parses back to them: with <paramref name="full"/> every hyperparameter,
    /// otherwise lr and the hyperparameters that differ from their defaults, e.g. <c>adam(lr=0.001, amsgrad=true)</c>.
    /// </summary>
    public string ToSpec(bool full = false)
    {
        var defaults = full ? null : (OptimizerOptions?)Activator.CreateInstance(GetType());
        var shown = Hyperparameters()
            .Where(h => defaults is null || h.Name == "lr" || !Equals(h.Value, defaults.Hyperparameters().First(d => d.Name == h.Name).Value))
            .Select(h => $"{h.Name}={Format(h.Value)}");
        return $"{OptimizerName}({string.Join(", ", shown)})";
    }

    /// <summary>Requires <paramref name="value"/> &gt;= <paramref name="min"/>.</summary>
    protected void RequireAtLeast(string name, double value, double min)
    {
        if (!(value >= min)) throw HyperparameterException.OutOfRange(OptimizerName, name, value, $"it must be >= {Format(min)}");
    }

    /// <summary>Requires <paramref name="value"/> in [0, 1).</summary>
    protected void RequireUnitInterval(string name, double value)
    {
        if (!(value >= 0 && value < 1)) throw HyperparameterException.OutOfRange(OptimizerName, name, value, "it must be in [0, 1)");
    }

    /// <summary>The checks PyTorch makes for Adam and its relatives: lr, eps and weight_decay &gt;= 0, each beta in [0, 1).</summary>
    protected void ValidateAdamFamily(double lr, double eps, (double, double) betas, double weightDecay)
    {
        RequireAtLeast("lr", lr, 0);
        RequireAtLeast("eps", eps, 0);
        RequireUnitInterval("betas[0]", betas.Item1);
        RequireUnitInterval("betas[1]", betas.Item2);
        RequireAtLeast("weight_decay", weightDecay, 0);
    }

    /// <summary>Requires <paramref name="condition"/>, else reports <paramref name="value"/> with <paramref name="allowed"/>.</summary>
    protected void Require(bool condition, string name, object value, string allowed)
    {
        if (!condition) throw HyperparameterException.OutOfRange(OptimizerName, name, value, allowed);
    }

    internal static IEnumerable<PropertyInfo> Bindable(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != nameof(Lr))
            .Prepend(optionsType.GetProperty(nameof(Lr))!);

    /// <summary>A .NET property name as PyTorch spells the hyperparameter: <c>WeightDecay</c> becomes <c>weight_decay</c>.</summary>
    internal static string SpecName(PropertyInfo property)
    {
        var sb = new StringBuilder();
        foreach (char c in property.Name)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>A number in shortest round-trip form, invariant culture, with a lower-case exponent as Python writes it (1e-08).</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>A hyperparameter value as written in specs: round-trip numbers, true/false, tuples, quoted strings.</summary>
    public static string Format(object? value) => value switch
    {
        null => "none",
        double d => FormatNumber(d),
        bool b => b ? "true" : "false",
        string s => $"\"{s}\"",
        (double a, double b) => $"({Format(a)}, {Format(b)})",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
