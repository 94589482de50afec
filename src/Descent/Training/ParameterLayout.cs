using System.Numerics;
using Descent.Expressions;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>
/// Where each variable of a function sits in a minimization's one parameter vector: a scalar variable at one position, a
/// vector variable x of length m at m consecutive positions named x[1], ..., x[m]; and the value of each size. Worked out
/// once per run, so a step binds each variable by position, never by name.
/// </summary>
internal sealed class ParameterLayout
{
    private readonly int[] _start, _length; // by the function's slot; length -1 for a scalar

    private ParameterLayout(int[] start, int[] length, int[] sizes) => (_start, _length, Sizes) = (start, length, sizes);

    /// <summary>The value of each size of the function, in the order of <see cref="Expression.Sizes"/>.</summary>
    public int[] Sizes { get; }

    /// <exception cref="InputException">A variable of the function has no start value, a vector's elements are not consecutive, or a size has no value.</exception>
    public static ParameterLayout Of(Expression function, IReadOnlyList<string> variables, IReadOnlyDictionary<string, int>? sizes)
    {
        var position = new Dictionary<string, int>(variables.Count);
        for (int i = 0; i < variables.Count; i++) position.TryAdd(variables[i], i);
        var vectors = function.Vectors.ToHashSet();
        int count = function.Variables.Count;
        int[] start = new int[count], length = new int[count];
        var lengths = new Dictionary<string, int>();
        for (int slot = 0; slot < count; slot++)
        {
            string name = function.Variables[slot];
            if (!vectors.Contains(name))
            {
                start[slot] = position.TryGetValue(name, out int at) ? at : throw new InputException($"the variable '{name}' of the function has no start value");
                length[slot] = -1;
                continue;
            }
            if (!position.TryGetValue(Expression.ElementName(name, 1), out int first))
                throw new InputException($"the vector '{name}' of the function has no start value ({Expression.ElementName(name, 1)}, {Expression.ElementName(name, 2)}, ...)");
            int m = 1;
            while (first + m < variables.Count && variables[first + m] == Expression.ElementName(name, m + 1)) m++;
            if (position.ContainsKey(Expression.ElementName(name, m + 1)))
                throw new InputException($"the elements of the vector '{name}' must follow each other in order, {Expression.ElementName(name, 1)} to {Expression.ElementName(name, m + 1)} and on");
            (start[slot], length[slot]) = (first, m);
            lengths[name] = m;
        }
        return new ParameterLayout(start, length, function.ResolveSizes(sizes, lengths));
    }

    /// <summary>Binds every variable of <paramref name="scope"/> to its part of <paramref name="parameter"/> (views, whose gradients flow into it).</summary>
    public void Bind<T>(Scope<T> scope, Tensor<T> parameter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int slot = 0; slot < _start.Length; slot++)
            scope.Bind(slot, _length[slot] < 0 ? parameter.Index(_start[slot]) : parameter.Rows(_start[slot], _length[slot]));
    }
}
