namespace Descent.Data;

/// <summary>
/// A column of the data that a model reads: a number used as it is, or a category one-hot encoded as one feature per
/// category (1 for the row's category, 0 for the others), as pandas' <c>get_dummies</c> spells them: <c>city=Paris</c>.
/// </summary>
/// <param name="Name">The column's name in the header.</param>
/// <param name="Categories">For a categorical column, its categories in feature order; null for a numeric column.</param>
public sealed record FeatureColumn(string Name, IReadOnlyList<string>? Categories = null)
{
    /// <summary>Whether the column is one-hot encoded.</summary>
    public bool IsCategorical => Categories is not null;

    /// <summary>How many features the column becomes: 1, or one per category.</summary>
    public int Width => Categories?.Count ?? 1;

    /// <summary>The names of the features the column becomes: its own, or <c>name=category</c> for each category.</summary>
    public IEnumerable<string> FeatureNames => Categories is null ? [Name] : Categories.Select(c => $"{Name}={c}");
}
