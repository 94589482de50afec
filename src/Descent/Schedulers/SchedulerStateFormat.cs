using System.Numerics;
using System.Text.Json;
using Descent.IO;

namespace Descent.Schedulers;

/// <summary>
/// Reads and writes a scheduler's state as JSON (version 1):
/// <code>
/// { "format": "descent-scheduler-state", "version": 1, "scheduler": "step_lr(step_size=5, gamma=0.5)",
///   "groups": [ { "lr": 0.05, "momentum": 0.9, "values": { "initial_lr": 0.1 } } ],
///   "state": { "values": { "last_epoch": [7], "base_lrs": [0.1], ... }, "schedulers": [ ... ] } }
/// </code>
/// <c>groups</c> holds each group's learning rate, its cycled momentum (if the schedule cycles one) and the
/// values PyTorch's schedulers keep in its dictionary; <c>state</c> the scheduler's own numbers by PyTorch's
/// names, with the states of the schedulers it holds. Numbers are written in shortest round-trip form
/// (non-finite ones as the strings "NaN", "Infinity", "-Infinity"), so a save and load restores the state bit for bit.
/// </summary>
internal static class SchedulerStateFormat
{
    public const string Format = "descent-scheduler-state";
    public const int Version = 1;

    public static void Write<T>(Scheduler<T> scheduler, Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", Version);
        w.WriteString("scheduler", scheduler.Options.ToSpec(full: true));
        w.WriteStartArray("groups");
        IReadOnlyList<double>? momenta = scheduler.Momenta;
        for (int i = 0; i < scheduler.Optimizer.ParamGroups.Count; i++)
        {
            var group = scheduler.Optimizer.ParamGroups[i];
            w.WriteStartObject();
            w.WritePropertyName("lr");
            ExactNumber.Write(w, group.Lr);
            if (momenta is not null) { w.WritePropertyName("momentum"); ExactNumber.Write(w, momenta[i]); }
            w.WriteStartObject("values");
            foreach (var (key, value) in GroupValues.Of(group)) { w.WritePropertyName(key); ExactNumber.Write(w, value); }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        var state = new SchedulerState();
        scheduler.Save(state);
        w.WritePropertyName("state");
        WriteState(w, state);
        w.WriteEndObject();
    }

    /// <exception cref="InputException">Anything malformed, or another scheduler's or group layout's state; the scheduler is left as it was.</exception>
    public static void Read<T>(Scheduler<T> scheduler, Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(stream); }
        catch (JsonException e) { throw Problem($"not valid JSON ({e.Message})"); }
        using var _ = doc;
        JsonElement root = doc.RootElement;
        Require(root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String
            && format.GetString() == Format, "not a Descent scheduler state file");
        Require(root.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out int v) && v == Version,
            $"unsupported version (this Descent reads version {Version})");
        string spec = String(root, "scheduler");
        string mine = scheduler.Options.ToSpec(full: true);
        Require(spec == mine, $"it holds the state of {spec}, not of {mine}");

        var groups = scheduler.Optimizer.ParamGroups;
        JsonElement[] saved = [.. Property(root, "groups", JsonValueKind.Array).EnumerateArray()];
        Require(saved.Length == groups.Count, $"it has {saved.Length} parameter groups, the optimizer {groups.Count}");
        MomentumSetting? momentum = scheduler.CycledMomentum;
        var lrs = new double[groups.Count];
        var momenta = new double[groups.Count];
        var values = new Dictionary<string, double>[groups.Count];
        for (int i = 0; i < saved.Length; i++)
        {
            Require(saved[i].ValueKind == JsonValueKind.Object, $"groups[{i}] is not an object");
            lrs[i] = ReadNumber(Property(saved[i], "lr", null), $"groups[{i}].lr");
            if (momentum is not null) momenta[i] = ReadNumber(Property(saved[i], "momentum", null), $"groups[{i}].momentum");
            values[i] = [];
            foreach (JsonProperty p in Property(saved[i], "values", JsonValueKind.Object).EnumerateObject())
                values[i][p.Name] = ReadNumber(p.Value, $"groups[{i}].values.{p.Name}");
        }
        SchedulerState state = ReadState(Property(root, "state", JsonValueKind.Object), "state");

        // A bad state must leave the scheduler as it was: keep what it has, and put it back if loading fails.
        var before = new SchedulerState();
        scheduler.Save(before);
        try
        {
            scheduler.Load(state);
        }
        catch (InputException)
        {
            scheduler.Load(before);
            throw;
        }
        for (int i = 0; i < groups.Count; i++)
        {
            Scheduler<T>.SetLr(groups[i], lrs[i]);
            if (momentum is not null) groups[i].Scheduled = momentum.With(groups[i].Options, momenta[i]);
            Dictionary<string, double> shared = GroupValues.Of(groups[i]);
            shared.Clear();
            foreach (var (key, value) in values[i]) shared[key] = value;
        }
    }

    /// <summary>An error about a scheduler state, e.g. "scheduler state: 'last_epoch' is missing".</summary>
    internal static InputException Problem(string problem) => new($"scheduler state: {problem}");

    private static void WriteState(Utf8JsonWriter w, SchedulerState state)
    {
        w.WriteStartObject();
        w.WriteStartObject("values");
        foreach (var (name, numbers) in state.Values)
        {
            w.WriteStartArray(name);
            foreach (double x in numbers) ExactNumber.Write(w, x);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartArray("schedulers");
        foreach (SchedulerState child in state.Children) WriteState(w, child);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static SchedulerState ReadState(JsonElement e, string path)
    {
        var state = new SchedulerState();
        foreach (JsonProperty p in Property(e, "values", JsonValueKind.Object).EnumerateObject())
        {
            Require(p.Value.ValueKind == JsonValueKind.Array, $"{path}.values.{p.Name} is not an array");
            state.Values[p.Name] = [.. p.Value.EnumerateArray().Select((x, i) => ReadNumber(x, $"{path}.values.{p.Name}[{i}]"))];
        }
        int k = 0;
        foreach (JsonElement child in Property(e, "schedulers", JsonValueKind.Array).EnumerateArray())
        {
            Require(child.ValueKind == JsonValueKind.Object, $"{path}.schedulers[{k}] is not an object");
            state.Children.Add(ReadState(child, $"{path}.schedulers[{k++}]"));
        }
        return state;
    }


    private static double ReadNumber(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String)
            return ExactNumber.FromName(e.GetString()) ?? throw Problem($"{path} is '{e.GetString()}', not a number");
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double value) && double.IsFinite(value)) return value;
        throw Problem($"{path} is not a number");
    }

    private static string String(JsonElement e, string name)
    {
        JsonElement v = Property(e, name, JsonValueKind.String);
        return v.GetString()!;
    }

    private static JsonElement Property(JsonElement e, string name, JsonValueKind? kind)
    {
        Require(e.TryGetProperty(name, out JsonElement v), $"'{name}' is missing");
        Require(kind is null || v.ValueKind == kind, $"'{name}' is not {(kind == JsonValueKind.Array ? "an array" : kind == JsonValueKind.Object ? "an object" : "a string")}");
        return v;
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition) throw Problem(problem);
    }
}
