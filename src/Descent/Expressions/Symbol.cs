namespace Descent.Expressions;

/// <summary>What a name of a function stands for, decided once the whole text is parsed.</summary>
internal enum SymbolKind
{
    /// <summary>A variable with one value, such as <c>y</c>.</summary>
    Scalar,
    /// <summary>A variable with many values, always indexed: <c>x[i]</c>.</summary>
    Vector,
    /// <summary>A whole number named in a sum's bounds, such as <c>n</c> in <c>sum(i, 1, n, ...)</c>: a constant, not a variable.</summary>
    Size,
}

/// <summary>
/// A name of a parsed function. Every node that uses the name shares this object, so the kind the parser decides at the
/// end (a name's role may show only after its first use, as in <c>n*sum(i, 1, n, x[i])</c>) and the slot reach them all.
/// </summary>
internal sealed class Symbol(string name)
{
    public string Name { get; } = name;

    public SymbolKind Kind { get; set; }

    /// <summary>The position among the function's variables (scalar or vector), or among its sizes.</summary>
    public int Slot { get; set; }

    /// <summary>The first column where the name is indexed (<c>x[...]</c>), or 0.</summary>
    public int IndexedAt { get; set; }

    /// <summary>The first column where the name stands alone in the function's body, or 0.</summary>
    public int BareAt { get; set; }

    /// <summary>The first column where the name is in a sum's bounds, or 0.</summary>
    public int BoundAt { get; set; }

    /// <summary>The first column where the name is inside an index, or 0.</summary>
    public int InIndexAt { get; set; }
}
