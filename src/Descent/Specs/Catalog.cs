namespace Descent.Specs;

/// <summary>
/// Every spec name of one kind (optimizers, losses, models, ...) with its defaults: finds an entry by
/// name, with a "did you mean" for typos, and binds specs such as <c>adam(lr=0.01)</c> to validated options.
/// Names match ignoring case, underscores and hyphens, so <c>schedule_free_adamw</c> finds <c>schedulefreeadamw</c>.
/// </summary>
public sealed class Catalog<TOptions> where TOptions : SpecOptions
{
    /// <summary>A catalog of <paramref name="entries"/>; specs of its kind can then also appear inside other specs.</summary>
    /// <param name="kind">What the entries are, in the singular, for messages: "optimizer", "loss", "model".</param>
    /// <param name="entries">The rows, in the order they are listed.</param>
    public Catalog(string kind, IReadOnlyList<CatalogEntry<TOptions>> entries)
    {
        Kind = kind;
        All = entries;
        SpecBinder.Register(Bind);
    }

    /// <summary>What the entries are, e.g. "optimizer".</summary>
    public string Kind { get; }

    /// <summary>Every entry, in the order listed.</summary>
    public IReadOnlyList<CatalogEntry<TOptions>> All { get; }

    /// <summary>The entry called <paramref name="name"/>.</summary>
    /// <exception cref="HyperparameterException">No entry has that name; the message suggests the closest one and lists them all.</exception>
    public CatalogEntry<TOptions> Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryFind(name) is { } entry) return entry;
        string[] names = [.. All.Select(e => e.Name)];
        throw new HyperparameterException($"unknown {Kind} '{name}'" + Spelling.Suggestion(name, names) + $" (known: {string.Join(", ", names)})");
    }

    /// <summary>The entry called <paramref name="name"/>, or null if there is none.</summary>
    public CatalogEntry<TOptions>? TryFind(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = Normalize(name);
        return All.FirstOrDefault(entry => Normalize(entry.Name) == key);
    }

    /// <summary>The name of the entry <paramref name="name"/> is likely a typo of (within an edit or two), or null.</summary>
    public string? Closest(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? close = Spelling.Closest(Normalize(name), All.Select(e => Normalize(e.Name)));
        return close is null ? null : All.First(e => Normalize(e.Name) == close).Name;
    }

    /// <summary>The validated options a spec such as <c>adam(lr=0.01)</c> describes.</summary>
    /// <exception cref="ParseException">The text is not a spec.</exception>
    /// <exception cref="HyperparameterException">An unknown name or hyperparameter, a value of the wrong type or out of range.</exception>
    public TOptions Parse(string text) => Bind(Spec.Parse(text));

    /// <summary>The validated options of each spec in a ';'-separated list, e.g. <c>sgd(lr=0.01); adam(lr=0.01)</c>.</summary>
    /// <exception cref="ParseException">The text is not a list of specs.</exception>
    /// <exception cref="HyperparameterException">An unknown name or hyperparameter, a value of the wrong type or out of range.</exception>
    public IReadOnlyList<TOptions> ParseList(string text) => [.. Spec.ParseList(text).Select(Bind)];

    /// <summary>The validated options a parsed spec describes.</summary>
    /// <exception cref="HyperparameterException">An unknown name or hyperparameter, a value of the wrong type or out of range.</exception>
    public TOptions Bind(Spec spec) => SpecBinder.Bind(spec, Find((spec ?? throw new ArgumentNullException(nameof(spec))).Name).Defaults);

    private static string Normalize(string name) =>
        name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
}
