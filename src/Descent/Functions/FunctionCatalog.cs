using Descent.Specs;

namespace Descent.Functions;

/// <summary>
/// Every test function Descent knows, one row each (spec name, summary, defaults); <c>rastrigin(n=10)</c> binds to
/// validated options. Adding a function is its file (a record deriving from <see cref="TestFunction"/>) plus one row here.
/// Definitions follow Surjanovic and Bingham's Virtual Library of Simulation Experiments and Jamil and Yang (2013).
/// </summary>
public static class FunctionCatalog
{
    /// <summary>The test functions by spec name, in the order they are listed.</summary>
    public static Catalog<TestFunction> Entries { get; } = new("test function",
    [
        new("parabola", "The tutorial's first function, x^2 + 4x + 1, from x = 2.", new Parabola()),
        new("bowl", "The tutorial's second function, x^2 + y^2, from (2, 2).", new Bowl()),
        new("sphere", "Sum of squares: convex and perfectly conditioned.", new Sphere()),
        new("rosenbrock", "A curved, narrow valley (the banana function): slow for plain gradient descent.", new Rosenbrock()),
        new("beale", "Flat plateaus and sharp ridges around one minimum.", new Beale()),
        new("booth", "A convex quadratic, condition number 9.", new Booth()),
        new("matyas", "A convex quadratic, condition number 25: a long, tilted valley.", new Matyas()),
        new("himmelblau", "Four global minima of equal value around a local maximum.", new Himmelblau()),
        new("mccormick", "A sine over a tilted quadratic; the minimum is within a box.", new McCormick()),
        new("goldstein_price", "Values over six orders of magnitude, with local minima.", new GoldsteinPrice()),
        new("three_hump_camel", "Three valleys; the global minimum in the middle.", new ThreeHumpCamel()),
        new("six_hump_camel", "Six valleys, two of them global minima.", new SixHumpCamel()),
        new("easom", "Flat almost everywhere, with one narrow hole.", new Easom()),
        new("ackley", "A flat, rippled plateau around a cone-shaped hole (a kink at the minimum).", new Ackley()),
        new("rastrigin", "A bowl covered with a regular grid of local minima.", new Rastrigin()),
        new("styblinski_tang", "Separable, 2^n local minima; the global one in a corner.", new StyblinskiTang()),
        new("levy", "Many local minima along rippled valleys.", new Levy()),
        new("griewank", "A wide bowl with small ripples; easier as n grows.", new Griewank()),
        new("schwefel", "Deceptive: the global minimum is far from the next best ones.", new Schwefel()),
        new("bukin6", "A ridge of kinks along a parabola; the minimum is a kink.", new Bukin6()),
        new("cross_in_tray", "Four global minima in the quarters cut by a cross of ridges.", new CrossInTray()),
        new("eggholder", "Deep, irregular local minima; the global one on the domain's edge.", new Eggholder()),
        new("holder_table", "Four global minima near the corners of a rippled table.", new HolderTable()),
        new("zakharov", "Convex, a plate-shaped valley that steepens quickly.", new Zakharov()),
        new("dixon_price", "A curved valley; two global minima (the last variable's sign).", new DixonPrice()),
        new("trid", "A convex quadratic whose minimum moves out with n.", new Trid()),
    ]);

    /// <summary>Every test function, in the order listed.</summary>
    public static IReadOnlyList<CatalogEntry<TestFunction>> All => Entries.All;

    /// <inheritdoc cref="Catalog{TOptions}.Find"/>
    public static CatalogEntry<TestFunction> Find(string name) => Entries.Find(name);

    /// <inheritdoc cref="Catalog{TOptions}.Parse"/>
    public static TestFunction Parse(string spec) => Entries.Parse(spec);

    /// <summary>
    /// The test function <paramref name="text"/> names when it is a catalog spec (<c>rosenbrock</c>,
    /// <c>rastrigin(n=3)</c>), or null when it is a function to parse as typed (<c>x^2 + y^2</c>, or a lone
    /// variable such as <c>x</c>). A spec with arguments, or a lone word within a typo or two of a catalog
    /// name (<c>rosenbrok</c>), can only mean the catalog: an unknown name is then an error with a suggestion.
    /// </summary>
    /// <exception cref="HyperparameterException">An unknown name that must be meant as a catalog function, or an invalid n.</exception>
    public static TestFunction? Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Spec spec;
        try
        {
            spec = Spec.Parse(text);
        }
        catch (ParseException)
        {
            return null;
        }
        bool meant = Entries.TryFind(spec.Name) is not null || spec.Arguments.Count > 0
            || text.Contains('(', StringComparison.Ordinal) || Entries.Closest(spec.Name) is not null;
        return meant ? Entries.Bind(spec) : null;
    }
}
