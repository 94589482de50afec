namespace Descent.Specs;

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
