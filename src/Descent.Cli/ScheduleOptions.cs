using System.CommandLine;
using System.Globalization;
using Descent.Optimizers;
using Descent.Schedulers;

namespace Descent.Cli;

/// <summary>
/// The options every command that takes optimizer steps shares: <c>--scheduler SPEC</c>, and gradient clipping as
/// <c>--clip-grad-norm MAX [--clip-norm-type P]</c> or <c>--clip-grad-value V</c>.
/// </summary>
internal sealed class ScheduleOptions
{
    public Option<string?> Scheduler { get; } = new("--scheduler")
    {
        Description = "Learning-rate scheduler spec, e.g. \"cosine_annealing_lr(t_max=100)\" (see 'descent schedulers').",
    };

    public Option<double?> ClipGradNorm { get; } = new("--clip-grad-norm")
    {
        Description = "Scale the gradients (all parameters together) so their norm is at most MAX, as torch.nn.utils.clip_grad_norm_.",
    };

    public Option<string?> ClipNormType { get; } = new("--clip-norm-type")
    {
        Description = "The p of --clip-grad-norm's p-norm (default 2), or inf for the largest absolute value.",
    };

    public Option<double?> ClipGradValue { get; } = new("--clip-grad-value")
    {
        Description = "Clamp every gradient entry to [-V, V], as torch.nn.utils.clip_grad_value_.",
    };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [Scheduler, ClipGradNorm, ClipNormType, ClipGradValue];

    /// <summary>The scheduler the command line gives, or null.</summary>
    /// <exception cref="InputException">The spec does not parse or bind.</exception>
    public SchedulerOptions? ReadScheduler(ParseResult parsed) =>
        parsed.GetValue(Scheduler) is { } spec ? Cli.Parsing("--scheduler", () => SchedulerCatalog.Parse(spec)) : null;

    /// <summary>The gradient clipping the command line gives, validated, or null.</summary>
    /// <exception cref="InputException">Both kinds, a norm type without a norm, or a value out of range.</exception>
    public GradientClipping? ReadClipping(ParseResult parsed)
    {
        double? norm = parsed.GetValue(ClipGradNorm), value = parsed.GetValue(ClipGradValue);
        string? type = parsed.GetValue(ClipNormType);
        if (norm is not null && value is not null) throw new InputException("--clip-grad-norm and --clip-grad-value: give one of them, not both");
        if (type is not null && norm is null) throw new InputException("--clip-norm-type goes with --clip-grad-norm");
        GradientClipping? clipping = norm is double max ? new GradientClipping.ByNorm(max, type is null ? 2 : NormType(type))
            : value is double v ? new GradientClipping.ByValue(v) : null;
        try
        {
            clipping?.Validate();
        }
        catch (InputException e)
        {
            // The library names PyTorch's arguments; here the options are what the user typed.
            throw new InputException(e.Message.Replace("clip_grad_norm: max_norm", "--clip-grad-norm", StringComparison.Ordinal)
                .Replace("clip_grad_norm: norm_type", "--clip-norm-type", StringComparison.Ordinal)
                .Replace("clip_grad_value: clip_value", "--clip-grad-value", StringComparison.Ordinal));
        }
        return clipping;
    }

    private static double NormType(string text) =>
        text.Trim().ToLowerInvariant() is "inf" or "infinity" ? double.PositiveInfinity
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) && !double.IsNaN(p) ? p
        : throw new InputException($"--clip-norm-type: '{text}' is not a number or inf");
}
