namespace Descent.Specs;

/// <summary>A value in a spec: a number, a boolean, a string, none, or a tuple of values.</summary>
public abstract record SpecValue
{
    /// <summary>The column (1-based) where the value starts in the spec text.</summary>
    public int Column { get; init; }

    /// <summary>A number, e.g. <c>0.01</c>.</summary>
    public sealed record Number(double Value) : SpecValue
    {
        /// <inheritdoc/>
        public override string ToString() => SpecFormat.Value(Value);
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

    /// <summary>A spec inside a spec, e.g. the <c>adam(lr=0.05)</c> of <c>lookahead(optimizer=adam(lr=0.05), k=5)</c>.</summary>
    public sealed record Nested(Spec Spec) : SpecValue
    {
        /// <inheritdoc/>
        public override string ToString() => Spec.ToString();
    }

    /// <summary>A parenthesised list, e.g. <c>(0.9, 0.999)</c>.</summary>
    public sealed record Tuple(IReadOnlyList<SpecValue> Items) : SpecValue
    {
        /// <inheritdoc/>
        public override string ToString() => "(" + string.Join(", ", Items) + ")";
    }
}
