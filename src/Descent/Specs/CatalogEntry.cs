namespace Descent.Specs;

/// <summary>One row of a <see cref="Catalog{TOptions}"/>: a spec name, a one-line summary, and the defaults a spec starts from.</summary>
/// <param name="Name">The name in specs, e.g. <c>adam</c>.</param>
/// <param name="Summary">What it is, in one line.</param>
/// <param name="Defaults">The options a spec of this name starts from before its arguments are applied.</param>
public sealed record CatalogEntry<TOptions>(string Name, string Summary, TOptions Defaults) where TOptions : SpecOptions;
