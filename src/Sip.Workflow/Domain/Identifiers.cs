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

/// <summary>A strongly typed identifier that can be made from its <see cref="Guid"/> (used by serializers).</summary>
/// <typeparam name="TSelf">The identifier type.</typeparam>
public interface ISipId<TSelf> : ISipId
    where TSelf : struct, ISipId<TSelf>
{
    /// <summary>Wraps a <see cref="Guid"/>.</summary>
    /// <param name="value">The value.</param>
    static abstract TSelf From(Guid value);
}

/// <summary>Identifies one SIP case (<i>ett SIP-ärende</i>).</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<SipCaseId>))]
public readonly record struct SipCaseId(Guid Value) : ISipId<SipCaseId>
{
    /// <inheritdoc />
    public static SipCaseId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static SipCaseId New() => new(Guid.NewGuid());

    /// <summary>Parses the canonical text form.</summary>
    /// <param name="text">A Guid in any format <see cref="Guid.Parse(string)"/> accepts.</param>
    public static SipCaseId Parse(string text) => new(Guid.Parse(text));

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a participant (<i>deltagare</i>) of a case.</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<ParticipantId>))]
public readonly record struct ParticipantId(Guid Value) : ISipId<ParticipantId>
{
    /// <inheritdoc />
    public static ParticipantId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static ParticipantId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a meeting (<i>SIP-möte</i>) of a case.</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<MeetingId>))]
public readonly record struct MeetingId(Guid Value) : ISipId<MeetingId>
{
    /// <inheritdoc />
    public static MeetingId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static MeetingId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a recorded consent (<i>samtycke</i>).</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<ConsentId>))]
public readonly record struct ConsentId(Guid Value) : ISipId<ConsentId>
{
    /// <inheritdoc />
    public static ConsentId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static ConsentId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a goal (<i>mål</i>) of a plan.</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<GoalId>))]
public readonly record struct GoalId(Guid Value) : ISipId<GoalId>
{
    /// <inheritdoc />
    public static GoalId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static GoalId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies an intervention (<i>insats</i>) or an action by others (<i>åtgärd</i>) in a plan.</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<InterventionId>))]
public readonly record struct InterventionId(Guid Value) : ISipId<InterventionId>
{
    /// <inheritdoc />
    public static InterventionId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static InterventionId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a recorded deviation (<i>avvikelse</i>).</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<DeviationId>))]
public readonly record struct DeviationId(Guid Value) : ISipId<DeviationId>
{
    /// <inheritdoc />
    public static DeviationId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static DeviationId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a follow-up record (<i>uppföljning</i>).</summary>
/// <param name="Value">The underlying value.</param>
[JsonConverter(typeof(SipIdJsonConverter<FollowUpId>))]
public readonly record struct FollowUpId(Guid Value) : ISipId<FollowUpId>
{
    /// <inheritdoc />
    public static FollowUpId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static FollowUpId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>
/// Identifies one command a host sends, so that a retried command (after a time-out, say) is applied once only.
/// </summary>
/// <param name="Value">The underlying value.</param>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A command id, not an event handler.")]
[JsonConverter(typeof(SipIdJsonConverter<CommandId>))]
public readonly record struct CommandId(Guid Value) : ISipId<CommandId>
{
    /// <inheritdoc />
    public static CommandId From(Guid value) => new(value);
    /// <summary>Creates a new, unique id.</summary>
    public static CommandId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
