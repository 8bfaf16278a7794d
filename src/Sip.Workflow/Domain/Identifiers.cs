using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>A strongly typed identifier: a non-empty <see cref="Guid"/> that cannot be mixed up with another kind of id.</summary>
public interface ISipId
{
    /// <summary>The underlying value; never <see cref="Guid.Empty"/> for an id the library accepts.</summary>
    Guid Value { get; }
}

/// <summary>
/// A strongly typed identifier that can be made from its <see cref="Guid"/> (used by serializers), parsed from text
/// (<see cref="ISpanParsable{TSelf}"/>: route and query binding in ASP.NET Core, configuration) and formatted as its
/// Guid's canonical "D" form. Parsing and formatting are implemented here once, for every id.
/// </summary>
/// <typeparam name="TSelf">The identifier type.</typeparam>
public interface ISipId<TSelf> : ISipId, ISpanParsable<TSelf>, ISpanFormattable
    where TSelf : struct, ISipId<TSelf>
{
    /// <summary>Wraps a <see cref="Guid"/>.</summary>
    /// <param name="value">The value.</param>
    static abstract TSelf From(Guid value);

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    static TSelf IParsable<TSelf>.Parse(string s, IFormatProvider? provider)
        => TSelf.TryParse(s.AsSpan(), provider, out var id) ? id : throw SipIds.NotAnId<TSelf>(nameof(s));

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    static bool IParsable<TSelf>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TSelf result)
        => TSelf.TryParse(s.AsSpan(), provider, out result);

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    static TSelf ISpanParsable<TSelf>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider)
        => TSelf.TryParse(s, provider, out var id) ? id : throw SipIds.NotAnId<TSelf>(nameof(s));

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    static bool ISpanParsable<TSelf>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out TSelf result)
    {
        var parsed = Guid.TryParse(s, out var guid) && guid != Guid.Empty;
        result = parsed ? TSelf.From(guid) : default;
        return parsed;
    }

    /// <summary>The Guid in the given format ("D" unless given).</summary>
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(string.IsNullOrEmpty(format) ? "D" : format, formatProvider);

    /// <summary>Writes the Guid in the given format ("D" unless given).</summary>
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => Value.TryFormat(destination, out charsWritten, format.IsEmpty ? "D" : format);
}

/// <summary>Parsing for every strongly typed id, in one place.</summary>
public static class SipIds
{
    /// <summary>Parses an id: a Guid in any format <see cref="Guid.Parse(string)"/> accepts, not the empty Guid.</summary>
    /// <typeparam name="TId">The kind of id.</typeparam>
    /// <param name="text">The text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static TId Parse<TId>(string text)
        where TId : struct, ISipId<TId>
    {
        ArgumentNullException.ThrowIfNull(text);
        return TId.TryParse(text.AsSpan(), null, out var id) ? id : throw NotAnId<TId>(nameof(text));
    }

    /// <summary>Tries to parse an id; <see langword="false"/> for text that is not a Guid or is the empty Guid.</summary>
    /// <typeparam name="TId">The kind of id.</typeparam>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    /// <returns>Whether the text was an id.</returns>
    public static bool TryParse<TId>([NotNullWhen(true)] string? text, out TId id)
        where TId : struct, ISipId<TId>
        => TId.TryParse(text.AsSpan(), null, out id);

    internal static FormatException NotAnId<TId>(string paramName)
        => new($"'{paramName}' is not a {typeof(TId).Name}: give a non-empty Guid such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.");
}

/// <summary>Identifies one SIP case (<i>ett SIP-ärende</i>).</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<SipCaseId>))]
[TypeConverter(typeof(SipIdTypeConverter<SipCaseId>))]
public readonly record struct SipCaseId(Guid Value) : ISipId<SipCaseId>
{
    /// <inheritdoc />
    public static SipCaseId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id: a version 7 Guid, which begins with the time it was made.</summary>
    /// <remarks>
    /// Ids made one after the other sort together, so a store's indexes keyed by case (the case table, each case's events,
    /// its access keys, its feed entries) take the rows of cases opened around the same time into the same pages, instead of
    /// one random page each: a group of commits writes fewer pages. The id carries the millisecond it was made — about when
    /// the case was opened, which the case and its opening event record anyway — and 74 random bits.
    /// </remarks>
    public static SipCaseId New() => new(Guid.CreateVersion7());

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static SipCaseId Parse(string text) => SipIds.Parse<SipCaseId>(text);

    /// <summary>Tries to parse a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out SipCaseId id) => SipIds.TryParse(text, out id);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a participant (<i>deltagare</i>) of a case.</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<ParticipantId>))]
[TypeConverter(typeof(SipIdTypeConverter<ParticipantId>))]
public readonly record struct ParticipantId(Guid Value) : ISipId<ParticipantId>
{
    /// <inheritdoc />
    public static ParticipantId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static ParticipantId New() => new(Guid.NewGuid());

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static ParticipantId Parse(string text) => SipIds.Parse<ParticipantId>(text);

    /// <summary>Tries to parse a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out ParticipantId id) => SipIds.TryParse(text, out id);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a meeting (<i>SIP-möte</i>) of a case.</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<MeetingId>))]
[TypeConverter(typeof(SipIdTypeConverter<MeetingId>))]
public readonly record struct MeetingId(Guid Value) : ISipId<MeetingId>
{
    /// <inheritdoc />
    public static MeetingId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static MeetingId New() => new(Guid.NewGuid());

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static MeetingId Parse(string text) => SipIds.Parse<MeetingId>(text);

    /// <summary>Tries to parse a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out MeetingId id) => SipIds.TryParse(text, out id);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a recorded consent (<i>samtycke</i>).</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<ConsentId>))]
[TypeConverter(typeof(SipIdTypeConverter<ConsentId>))]
public readonly record struct ConsentId(Guid Value) : ISipId<ConsentId>
{
    /// <inheritdoc />
    public static ConsentId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static ConsentId New() => new(Guid.NewGuid());

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static ConsentId Parse(string text) => SipIds.Parse<ConsentId>(text);

    /// <summary>Tries to parse a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out ConsentId id) => SipIds.TryParse(text, out id);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a goal (<i>mål</i>) of a plan.</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<GoalId>))]
[TypeConverter(typeof(SipIdTypeConverter<GoalId>))]
public readonly record struct GoalId(Guid Value) : ISipId<GoalId>
{
    /// <inheritdoc />
    public static GoalId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static GoalId New() => new(Guid.NewGuid());

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static GoalId Parse(string text) => SipIds.Parse<GoalId>(text);

    /// <summary>Tries to parse a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out GoalId id) => SipIds.TryParse(text, out id);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies an intervention (<i>insats</i>) or an action by others (<i>åtgärd</i>) in a plan.</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<InterventionId>))]
[TypeConverter(typeof(SipIdTypeConverter<InterventionId>))]
public readonly record struct InterventionId(Guid Value) : ISipId<InterventionId>
{
    /// <inheritdoc />
    public static InterventionId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static InterventionId New() => new(Guid.NewGuid());

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static InterventionId Parse(string text) => SipIds.Parse<InterventionId>(text);

    /// <summary>Tries to parse a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out InterventionId id) => SipIds.TryParse(text, out id);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a recorded deviation (<i>avvikelse</i>).</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<DeviationId>))]
[TypeConverter(typeof(SipIdTypeConverter<DeviationId>))]
public readonly record struct DeviationId(Guid Value) : ISipId<DeviationId>
{
    /// <inheritdoc />
    public static DeviationId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static DeviationId New() => new(Guid.NewGuid());

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static DeviationId Parse(string text) => SipIds.Parse<DeviationId>(text);

    /// <summary>Tries to parse a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out DeviationId id) => SipIds.TryParse(text, out id);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a follow-up record (<i>uppföljning</i>).</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<FollowUpId>))]
[TypeConverter(typeof(SipIdTypeConverter<FollowUpId>))]
public readonly record struct FollowUpId(Guid Value) : ISipId<FollowUpId>
{
    /// <inheritdoc />
    public static FollowUpId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static FollowUpId New() => new(Guid.NewGuid());

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static FollowUpId Parse(string text) => SipIds.Parse<FollowUpId>(text);

    /// <summary>Tries to parse a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out FollowUpId id) => SipIds.TryParse(text, out id);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a need of the plan (<i>behov</i>).</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<NeedId>))]
[TypeConverter(typeof(SipIdTypeConverter<NeedId>))]
public readonly record struct NeedId(Guid Value) : ISipId<NeedId>
{
    /// <inheritdoc />
    public static NeedId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static NeedId New() => new(Guid.NewGuid());

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static NeedId Parse(string text) => SipIds.Parse<NeedId>(text);

    /// <summary>Tries to parse a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out NeedId id) => SipIds.TryParse(text, out id);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>
/// Identifies one command a host sends, so that a retried command (after a time-out, say) is applied once only.
/// </summary>
/// <param name="Value">The underlying value.</param>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A command id, not an event handler.")]
[JsonConverter(typeof(SipIdJsonConverter<CommandId>))]
[TypeConverter(typeof(SipIdTypeConverter<CommandId>))]
public readonly record struct CommandId(Guid Value) : ISipId<CommandId>
{
    /// <inheritdoc />
    public static CommandId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id: a version 7 Guid, which begins with the time it was made.</summary>
    /// <remarks>
    /// A store indexes the command ids of its events to find a retried command; ids made one after the other sort together,
    /// so their index entries go into the same pages instead of one random page each. The id carries the millisecond it was
    /// made and 74 random bits.
    /// </remarks>
    public static CommandId New() => new(Guid.CreateVersion7());

    /// <summary>Parses a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Guid, or is the empty Guid.</exception>
    public static CommandId Parse(string text) => SipIds.Parse<CommandId>(text);

    /// <summary>Tries to parse a Guid in any format <see cref="Guid.Parse(string)"/> accepts; the empty Guid is refused.</summary>
    /// <param name="text">The text.</param>
    /// <param name="id">The id, when parsed.</param>
    public static bool TryParse([NotNullWhen(true)] string? text, out CommandId id) => SipIds.TryParse(text, out id);

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
