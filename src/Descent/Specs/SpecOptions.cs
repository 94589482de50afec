using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace Descent.Specs;

/// <summary>
/// The settings of something a spec builds (an optimizer, a loss, a model): an immutable record whose
/// public settable properties are its hyperparameters, named in specs as PyTorch names them
/// (<c>WeightDecay</c> is <c>weight_decay</c>), with its defaults and validation. A property marked
/// <c>[Browsable(false)]</c> is not a hyperparameter (lookahead's lr, which is its inner optimizer's).
/// </summary>
// The annotation keeps every derived record's properties and constructor under trimming and Native AOT.
[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
public abstract record SpecOptions
{
    /// <summary>The name in specs, e.g. <c>adam</c>: the type's name without "Options", in lower case, unless a record says otherwise.</summary>
    public virtual string Name => GetType().Name.Replace("Options", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>Throws <see cref="HyperparameterException"/> if any value is outside its allowed range; by default every value is allowed.</summary>
    public virtual void Validate()
    {
    }

    /// <summary>The hyperparameters as (spec name, value, description), lr first, then in declaration order.</summary>
    public IEnumerable<(string Name, object? Value, string Description)> Hyperparameters() =>
        Bindable(GetType()).Select(p => (SpecName(p), p.GetValue(this), p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? ""));

    /// <summary>
    /// The options as a spec that parses back to them: with <paramref name="full"/> every hyperparameter,
    /// otherwise lr, the required hyperparameters and those that differ from their defaults, e.g. <c>adam(lr=0.001, amsgrad=true)</c>.
    /// A record without hyperparameters is its bare name, e.g. <c>mse</c>.
    /// </summary>
    public string ToSpec(bool full = false)
    {
        var defaults = full ? null : (SpecOptions?)Activator.CreateInstance(GetType());
        string[] required = [.. Bindable(GetType()).Where(p => p.IsDefined(typeof(RequiredAttribute))).Select(SpecName)];
        string[] shown = [.. Hyperparameters()
            .Where(h => defaults is null || h.Name == "lr" || required.Contains(h.Name) || !SameValue(h.Value, defaults.Hyperparameters().First(d => d.Name == h.Name).Value))
            .Select(h => $"{h.Name}={SpecFormat.Value(h.Value)}")];
        return shown.Length == 0 ? Name : $"{Name}({string.Join(", ", shown)})";
    }

    /// <summary>Requires <paramref name="value"/> &gt;= <paramref name="min"/>.</summary>
    protected void RequireAtLeast(string name, double value, double min)
    {
        if (!(value >= min)) throw HyperparameterException.OutOfRange(Name, name, value, $"it must be >= {SpecFormat.Number(min)}");
    }

    /// <summary>Requires <paramref name="value"/> in [0, 1).</summary>
    protected void RequireUnitInterval(string name, double value)
    {
        if (!(value >= 0 && value < 1)) throw HyperparameterException.OutOfRange(Name, name, value, "it must be in [0, 1)");
    }

    /// <summary>Requires <paramref name="condition"/>, else reports <paramref name="value"/> with <paramref name="allowed"/>.</summary>
    protected void Require(bool condition, string name, object value, string allowed)
    {
        if (!condition) throw HyperparameterException.OutOfRange(Name, name, value, allowed);
    }

    /// <summary>This options type's <see cref="Bindable"/> properties (its own type is known to keep them, even when trimmed).</summary>
    internal PropertyInfo[] BindableProperties => Bindable(GetType());

    /// <summary>The settable public properties of an options type not marked <c>[Browsable(false)]</c>, lr first: the hyperparameters a spec may set.</summary>
    internal static PropertyInfo[] Bindable(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type optionsType) =>
        [.. optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<BrowsableAttribute>()?.Browsable != false)
            .OrderBy(p => p.Name == "Lr" ? 0 : 1)];

    /// <summary>A .NET property name as PyTorch spells the hyperparameter: <c>WeightDecay</c> becomes <c>weight_decay</c>, unless a <see cref="SpecNameAttribute"/> says otherwise.</summary>
    internal static string SpecName(PropertyInfo property)
    {
        if (property.GetCustomAttribute<SpecNameAttribute>() is { } named) return named.Name;
        var sb = new StringBuilder();
        foreach (char c in property.Name)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    // Lists (layer widths, nested specs) compare by their items, not by reference.
    private static bool SameValue(object? a, object? b) =>
        a is System.Collections.IEnumerable x && b is System.Collections.IEnumerable y && a is not string
            ? x.Cast<object?>().SequenceEqual(y.Cast<object?>())
            : Equals(a, b);
}
