namespace Descent.Schedulers;

/// <summary>The numbers one scheduler keeps between steps, by PyTorch's names, with the states of the schedulers it holds.</summary>
internal sealed class SchedulerState
{
    /// <summary>The values, each a list of numbers (one for a scalar).</summary>
    public Dictionary<string, double[]> Values { get; } = [];

    /// <summary>The states of the nested schedulers, in order.</summary>
    public List<SchedulerState> Children { get; } = [];

    /// <summary>Sets a scalar.</summary>
    public void Set(string name, double value) => Values[name] = [value];

    /// <summary>Sets a list.</summary>
    public void Set(string name, IEnumerable<double> values) => Values[name] = [.. values];

    /// <summary>The scalar <paramref name="name"/>.</summary>
    /// <exception cref="InputException">It is missing or not one number.</exception>
    public double Number(string name) => Numbers(name, 1)[0];

    /// <summary>The scalar <paramref name="name"/>, a whole number &gt;= <paramref name="min"/>.</summary>
    /// <exception cref="InputException">It is missing or not such a number.</exception>
    public int Count(string name, int min = 0)
    {
        double value = Number(name);
        if (!(value >= min && value <= int.MaxValue && value == Math.Floor(value)))
            throw SchedulerStateFormat.Problem($"'{name}' is {value}; it must be a whole number >= {min}");
        return (int)value;
    }

    /// <summary>The list <paramref name="name"/>, of <paramref name="length"/> numbers.</summary>
    /// <exception cref="InputException">It is missing or of another length.</exception>
    public double[] Numbers(string name, int length)
    {
        if (!Values.TryGetValue(name, out double[]? values)) throw SchedulerStateFormat.Problem($"'{name}' is missing");
        if (values.Length != length) throw SchedulerStateFormat.Problem($"'{name}' has {values.Length} numbers, not {length}");
        return [.. values];
    }
}
