using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sip.Workflow;

/// <summary>
/// One indicator of a report: a count, a duration (how many, median, 90th percentile) or a share (numerator over the
/// facts known, and how many are unknown). A number below the minimum cell size is <see langword="null"/> and
/// <see cref="Suppressed"/> is set: it is hidden, not zero.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipIndicator
{
    /// <summary>Which indicator (<see cref="SipIndicatorNames"/>).</summary>
    public required string Name { get; init; }

    /// <summary>For indicators per kind: the closure reason, deviation kind or deadline code; otherwise <see langword="null"/>.</summary>
    public string? Kind { get; init; }

    /// <summary>A count; for a duration, how many were measured; for a share, the facts known (its denominator).</summary>
    public long? Count { get; init; }

    /// <summary>For a share: how many of <see cref="Count"/> hold.</summary>
    public long? Numerator { get; init; }

    /// <summary>For a share: <see cref="Numerator"/> over <see cref="Count"/>, 0 to 1.</summary>
    public double? Share { get; init; }

    /// <summary>For a share: how many cases do not say.</summary>
    public long? Unknown { get; init; }

    /// <summary>For a duration: the median (nearest rank), to the hour in the first week and to the day after.</summary>
    public TimeSpan? Median { get; init; }

    /// <summary>For a duration: the 90th percentile (nearest rank), at the same resolution as <see cref="Median"/>.</summary>
    public TimeSpan? Percentile90 { get; init; }

    /// <summary>For an evaluation: the mean score, 1 to 5.</summary>
    public double? Mean { get; init; }

    /// <summary>Whether a number of this indicator was suppressed because it was below the minimum cell size.</summary>
    public bool Suppressed { get; init; }

    /// <summary>Shows the name, kind and numbers: aggregates only.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => $"SipIndicator {Name}{(Kind is null ? string.Empty : $" ({Kind})")}: {(Suppressed ? "suppressed" : Count?.ToString(CultureInfo.InvariantCulture) ?? "-")}";
}

/// <summary>
/// Indicators of how a region's SIP process works, for a period and filter (<see cref="SipIndicators.GetIndicatorsAsync"/>):
/// aggregate numbers only, small ones suppressed. Export with <see cref="ToCsv"/> or <see cref="ToJson"/>.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipIndicatorReport
{
    /// <summary>The months covered.</summary>
    public required SipIndicatorPeriod Period { get; init; }

    /// <summary>Which cases were counted.</summary>
    public required SipIndicatorFilter Filter { get; init; }

    /// <summary>The minimum cell size applied.</summary>
    public required int MinimumCellSize { get; init; }

    /// <summary>The instant the deadlines were judged against (<see cref="SipIndicatorNames.OpenPastDeadline"/>).</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>The feed position the projection had read to.</summary>
    public required long FeedPosition { get; init; }

    /// <summary>The indicators, in a fixed order.</summary>
    public required IReadOnlyList<SipIndicator> Indicators
    {
        get;
        init => field = Internal.Check.List(value, nameof(Indicators), 10_000);
    }

    /// <summary>Shows the period and how many indicators: the filter's names are left out.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipIndicatorReport {Period} ({Indicators.Count} indicators, minimum cell size {MinimumCellSize})";

    /// <summary>The indicator <paramref name="name"/> (of <paramref name="kind"/>, for one per kind).</summary>
    /// <param name="name">The name (<see cref="SipIndicatorNames"/>).</param>
    /// <param name="kind">The kind, for indicators per kind.</param>
    /// <returns>The indicator.</returns>
    /// <exception cref="KeyNotFoundException">The report has no such indicator.</exception>
    public SipIndicator Get(string name, string? kind = null)
        => Indicators.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal) && string.Equals(i.Kind, kind, StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"The report has no indicator '{name}'{(kind is null ? string.Empty : $" of kind '{kind}'")}.");

    /// <summary>
    /// The report as CSV (RFC 4180, comma-separated, invariant culture, a header row): one row per indicator with the
    /// period and filter repeated, durations in hours, empty cells for numbers that do not apply or are suppressed.
    /// </summary>
    /// <returns>The CSV text.</returns>
    public string ToCsv()
    {
        var csv = new StringBuilder("period,principal,unit,policy,origin,name,kind,count,numerator,share,unknown,median_hours,p90_hours,mean,suppressed\r\n");
        foreach (var i in Indicators)
        {
            string?[] fields =
            [
                Period.ToString(), Filter.Principal?.ToString(), Filter.Unit, Filter.Policy, Filter.Origin?.ToString(), i.Name, i.Kind,
                Number(i.Count), Number(i.Numerator), i.Share?.ToString("0.####", CultureInfo.InvariantCulture), Number(i.Unknown),
                Number((long?)i.Median?.TotalHours), Number((long?)i.Percentile90?.TotalHours), i.Mean?.ToString("0.##", CultureInfo.InvariantCulture),
                i.Suppressed ? "true" : "false",
            ];
            csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        }

        return csv.ToString();

        static string? Number(long? n) => n?.ToString(CultureInfo.InvariantCulture);

        // Quoted when it holds a comma, quote or line break, the quotes doubled (RFC 4180); a leading formula character is
        // prefixed so a spreadsheet shows a unit name as text, never runs it.
        static string Field(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return string.Empty;
            }

            if (value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                value = "'" + value;
            }

            return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
        }
    }

    /// <summary>
    /// The report as JSON: the period (<c>first</c>, <c>last</c>), the filter, <c>minimumCellSize</c>, <c>asOf</c>,
    /// <c>feedPosition</c> and <c>indicators</c>, each with the members that apply (durations in hours); suppressed and
    /// inapplicable numbers are left out.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("period");
            json.WriteString("first", Period.First.ToString());
            json.WriteString("last", Period.Last.ToString());
            json.WriteEndObject();
            json.WriteStartObject("filter");
            Text("principal", Filter.Principal?.ToString());
            Text("unit", Filter.Unit);
            Text("policy", Filter.Policy);
            Text("origin", Filter.Origin?.ToString());
            json.WriteEndObject();
            json.WriteNumber("minimumCellSize", MinimumCellSize);
            json.WriteString("asOf", AsOf);
            json.WriteNumber("feedPosition", FeedPosition);
            json.WriteStartArray("indicators");
            foreach (var i in Indicators)
            {
                json.WriteStartObject();
                json.WriteString("name", i.Name);
                Text("kind", i.Kind);
                Number("count", i.Count);
                Number("numerator", i.Numerator);
                if (i.Share is { } share)
                {
                    json.WriteNumber("share", Math.Round(share, 4));
                }

                Number("unknown", i.Unknown);
                Number("medianHours", (long?)i.Median?.TotalHours);
                Number("p90Hours", (long?)i.Percentile90?.TotalHours);
                if (i.Mean is { } mean)
                {
                    json.WriteNumber("mean", Math.Round(mean, 2));
                }

                json.WriteBoolean("suppressed", i.Suppressed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();

            void Text(string name, string? value)
            {
                if (value is not null)
                {
                    json.WriteString(name, value);
                }
            }

            void Number(string name, long? value)
            {
                if (value is { } n)
                {
                    json.WriteNumber(name, n);
                }
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
