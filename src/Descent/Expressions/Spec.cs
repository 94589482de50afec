using System.Globalization;

namespace Descent.Expressions;

/// <summary>A value in a spec: a number, a boolean, a string, none, or a tuple of values.</summary>
public abstract record SpecValue
{
    /// <summary>The column (1-based) where the value starts in the spec text.</summary>
    public int Column { get; init; }

    /// <summary>A number, e.g. <c>0.01</c>.</summary>
    public sealed record Number(double Value) : SpecValue
    {
        /// <inheritdoc/>
        public override string ToString() => Descent.Optimizers.OptimizerOptions.FormatNumber(Value);
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public sealed record Boolean(bool Value) : SpecValue
    {
        /// <inheritdoc/>
        public override string ToString() => Value ? "true" : "false";
    }

    /// <summary>A quoted string or a bare word, e.g. <c>"strong_wolfe"</c> or <c>tanh</c>.</summary>
    public sealed record Text(string Value) : SpecValue
    {
        /// <inheritdoc/>
        public override string ToString() => Value.All(c => char.IsLetterOrDigit(c) || c == '_') && Value.Length > 0 && !char.IsDigit(Value[0]) ? Value : $"\"{Value}\"";
    }

    /// <summary><c>none</c>: no value (PyTorch's <c>None</c>).</summary>
    public sealed record None : SpecValue
    {
        /// <inheritdoc/>
        public override string ToString() => "none";
    }

    /// <summary>A parenthesised list, e.g. <c>(0.9, 0.999)</c>.</summary>
    public sealed record Tuple(IReadOnlyList<SpecValue> Items) : SpecValue
    {
        /// <inheritdoc/>
        public override string ToString() => "(" + string.Join(", ", Items) + ")";
    }
}

/// <summary>One <c>key=value</c> argument of a spec.</summary>
public sealed record SpecArgument(string Key, SpecValue Value, int Column);

/// <summary>
/// A call-like description of a configurable thing, <c>name(key=value, ...)</c>, as in
/// <c>adam(lr=0.05, betas=(0.8, 0.99), amsgrad=true)</c> or <c>mlp(hidden=(64, 64), activation=tanh)</c>.
/// </summary>
/// <param name="Name">The name before the parentheses, as written.</param>
/// <param name="Arguments">The arguments in the order written.</param>
/// <param name="Text">The spec's text as given.</param>
public sealed record Spec(string Name, IReadOnlyList<SpecArgument> Arguments, string Text)
{
    /// <summary>The spec in canonical form, e.g. <c>adam(lr=0.05, amsgrad=true)</c>.</summary>
    public override string ToString() =>
        Arguments.Count == 0 ? Name : $"{Name}({string.Join(", ", Arguments.Select(a => $"{a.Key}={a.Value}"))})";

    /// <summary>Parses one spec: a name, optionally followed by <c>(key=value, ...)</c>.</summary>
    /// <exception cref="ParseException">The text is not a spec; the message names the problem and its column.</exception>
    public static Spec Parse(string text) => new SpecParser(text).ParseSingle();

    /// <summary>Parses several specs separated by <c>;</c>, e.g. <c>"sgd(lr=0.1); adam"</c>.</summary>
    /// <exception cref="ParseException">Some part is not a spec.</exception>
    public static IReadOnlyList<Spec> ParseList(string text) => new SpecParser(text).ParseList();
}
