using System.Globalization;
using Descent.Data;
using Descent.Expressions;
using Descent.Specs;

namespace Descent.Sweeps;

/// <summary>
/// A box of start points for a minimization sweep, one range [low, high) per variable (or a fixed value): seed s
/// starts where <c>torch.manual_seed(s)</c> then one float64 <c>uniform_(low, high)</c> per variable, in order, lands.
/// </summary>
/// <param name="Variables">The variables, in parameter order.</param>
/// <param name="Ranges">Each variable's range; Low == High fixes it.</param>
public sealed record StartBox(IReadOnlyList<string> Variables, IReadOnlyList<(double Low, double High)> Ranges)
{
    /// <summary>The start point of <paramref name="seed"/>, in <see cref="Variables"/> order.</summary>
    public double[] Draw(ulong seed)
    {
        var random = new TorchGenerator(seed);
        // A fixed variable draws nothing, so fixing one leaves the others' draws as they were.
        return [.. Ranges.Select(r => r.Low == r.High ? r.Low : random.UniformDouble(r.Low, r.High))];
    }

    /// <summary>The box as <see cref="Parse"/> reads it, e.g. <c>x=-2:2,y=1</c>.</summary>
    public override string ToString() =>
        string.Join(",", Variables.Select((v, i) => Ranges[i].Low == Ranges[i].High
            ? $"{v}={SpecFormat.Number(Ranges[i].Low)}"
            : $"{v}={SpecFormat.Number(Ranges[i].Low)}:{SpecFormat.Number(Ranges[i].High)}"));

    /// <summary>Reads <c>x=-2:2,y=-1:3</c> (a range LOW:HIGH per variable, or a fixed value) for <paramref name="function"/>: every variable once.</summary>
    /// <exception cref="InputException">A malformed item, an unknown or repeated variable, a missing one, or a range with LOW &gt; HIGH.</exception>
    public static StartBox Parse(string text, Expression function)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(function);
        var names = new List<string>();
        var ranges = new List<(double, double)>();
        foreach (string part in text.Split(','))
        {
            string item = part.Trim();
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new InputException($"--from-box: '{item}' is not name=LOW:HIGH (e.g. --from-box x=-2:2,y=-1:3)");
            string name = item[..eq].Trim();
            string[] bounds = item[(eq + 1)..].Split(':');
            if (names.Contains(name)) throw new InputException($"--from-box: '{name}' is given twice");
            if (!function.Variables.Contains(name))
                throw new InputException($"--from-box: '{name}' is not a variable of the function (it has {string.Join(", ", function.Variables)})");
            if (bounds.Length > 2) throw new InputException($"--from-box: '{item}' is not name=LOW:HIGH");
            double low = Number(bounds[0], item), high = bounds.Length == 2 ? Number(bounds[1], item) : low;
            if (low > high) throw new InputException($"--from-box: {item}: the range is reversed; give LOW:HIGH with LOW <= HIGH");
            names.Add(name);
            ranges.Add((low, high));
        }
        string[] missing = [.. function.Variables.Where(v => !names.Contains(v))];
        if (missing.Length > 0) throw new InputException($"--from-box: no range for {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        return new StartBox(names, ranges);
    }

    private static double Number(string text, string item) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value
        : throw new InputException($"--from-box: '{text.Trim()}' is not a number (in {item})");
}
