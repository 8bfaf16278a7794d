using System.Diagnostics.CodeAnalysis;

namespace Sip.Workflow;

/// <summary>A strongly typed identifier: a non-empty <see cref="Guid"/> that cannot be mixed up with another kind of id.</summary>
public interface ISipId
{
    /// <summary>The underlying value; never <see cref="Guid.Empty"/> for an id the library accepts.</summary>
    Guid Value { get; }
}

/// <summary>Identifies one SIP case (<i>ett SIP-ärende</i>).</summary>
/// <param name="Value">The underlying value.</param>
public readonly record struct SipCaseId(Guid Value) : ISipId
{
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
public readonly record struct ParticipantId(Guid Value) : ISipId
{
    /// <summary>Creates a new, unique id.</summary>
    public static ParticipantId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a meeting (<i>SIP-möte</i>) of a case.</summary>
/// <param name="Value">The underlying value.</param>
public readonly record struct MeetingId(Guid Value) : ISipId
{
    /// <summary>Creates a new, unique id.</summary>
    public static MeetingId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a recorded consent (<i>samtycke</i>).</summary>
/// <param name="Value">The underlying value.</param>
public readonly record struct ConsentId(Guid Value) : ISipId
{
    /// <summary>Creates a new, unique id.</summary>
    public static ConsentId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a goal (<i>mål</i>) of a plan.</summary>
/// <param name="Value">The underlying value.</param>
public readonly record struct GoalId(Guid Value) : ISipId
{
    /// <summary>Creates a new, unique id.</summary>
    public static GoalId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies an intervention (<i>insats</i>) or an action by others (<i>åtgärd</i>) in a plan.</summary>
/// <param name="Value">The underlying value.</param>
public readonly record struct InterventionId(Guid Value) : ISipId
{
    /// <summary>Creates a new, unique id.</summary>
    public static InterventionId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a recorded deviation (<i>avvikelse</i>).</summary>
/// <param name="Value">The underlying value.</param>
public readonly record struct DeviationId(Guid Value) : ISipId
{
    /// <summary>Creates a new, unique id.</summary>
    public static DeviationId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a follow-up record (<i>uppföljning</i>).</summary>
/// <param name="Value">The underlying value.</param>
public readonly record struct FollowUpId(Guid Value) : ISipId
{
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
public readonly record struct CommandId(Guid Value) : ISipId
{
    /// <summary>Creates a new, unique id.</summary>
    public static CommandId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
