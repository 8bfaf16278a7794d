using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>Who received a copy of the plan: the individual, or one of the case's participants.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanRecipientKind>))]
public enum PlanRecipientKind
{
    /// <summary>The individual the plan is for (<i>den enskilde</i>): "Efter mötet får du ett exemplar av planen" (Region Halland).</summary>
    [JsonStringEnumMemberName("Individual")]
    Individual = 1,

    /// <summary>A called unit or invited actor of the case (<see cref="PlanDistribution.ParticipantId"/> names it).</summary>
    [JsonStringEnumMemberName("Participant")]
    Participant = 2,
}

/// <summary>How a copy of the plan was handed over.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanDistributionChannel>))]
public enum PlanDistributionChannel
{
    /// <summary>Handed over on paper at the meeting (<i>alla på mötet får ett exemplar</i>, Region Värmland).</summary>
    [JsonStringEnumMemberName("HandedOver")]
    HandedOver = 1,

    /// <summary>Sent by post.</summary>
    [JsonStringEnumMemberName("Post")]
    Post = 2,

    /// <summary>Sent by a secure digital message (e.g. the principals' SIP IT service or secure e-mail).</summary>
    [JsonStringEnumMemberName("SecureMessage")]
    SecureMessage = 3,

    /// <summary>Published to the individual's own access to their records (e.g. 1177 through the national patient overview).</summary>
    [JsonStringEnumMemberName("PatientPortal")]
    PatientPortal = 4,

    /// <summary>Another way.</summary>
    [JsonStringEnumMemberName("Other")]
    Other = 5,
}

/// <summary>
/// A copy of one plan revision handed to the individual or a participant (<i>alla får ett exemplar av planen</i>: seeds
/// 000, 001, 003). Recorded with <see cref="RecordPlanDistributed"/>; a copy to a participant discloses the plan, so the
/// consent to information sharing must cover that party.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record PlanDistribution
{
    /// <summary>The plan revision the copy is of (<see cref="SipPlan.Revision"/>).</summary>
    public required int Revision
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Revision), value, $"'{nameof(Revision)}' is {value}; plan revisions are numbered from 1.");
    }

    /// <summary>The individual or a participant.</summary>
    public required PlanRecipientKind Recipient
    {
        get;
        init => field = Check.Defined(value, nameof(Recipient));
    }

    /// <summary>The participant who received it, for <see cref="PlanRecipientKind.Participant"/>; none for the individual.</summary>
    public ParticipantId? ParticipantId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(ParticipantId)) : null;
    }

    /// <summary>How it was handed over.</summary>
    public required PlanDistributionChannel Channel
    {
        get;
        init => field = Check.Defined(value, nameof(Channel));
    }

    /// <summary>When it was handed over or sent; not in the future.</summary>
    public required DateTimeOffset DistributedAt
    {
        get;
        init => field = Check.Moment(value, nameof(DistributedAt));
    }

    /// <summary>Whether this copy went to <paramref name="recipient"/> (<see langword="null"/> for the individual).</summary>
    internal bool IsTo(ParticipantId? recipient)
        => recipient is { } id ? Recipient == PlanRecipientKind.Participant && ParticipantId == id : Recipient == PlanRecipientKind.Individual;

    /// <summary>Shows ids and codes only, never personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"PlanDistribution revision {Revision} ({Recipient}, {Channel})";
}

/// <summary>
/// The decision that a plan revision may be shown to the individual in their own access to their records (<i>godkänd för
/// patient</i>; Inera's <c>approvedForPatient</c>, which 1177 filters on). Recorded with <see cref="ApprovePlanForIndividual"/>.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record PlanApproval
{
    /// <summary>The plan revision approved.</summary>
    public required int Revision
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Revision), value, $"'{nameof(Revision)}' is {value}; plan revisions are numbered from 1.");
    }

    /// <summary>When it was decided. Stamped by the engine. Whatever a command carries here (from JSON, say) is replaced.</summary>
    [JsonInclude]
    public DateTimeOffset ApprovedAt
    {
        get;
        internal init => field = Check.Stamped(value, Check.Moment, nameof(ApprovedAt));
    }

    /// <summary>Shows ids and codes only.</summary>
    public override string ToString() => $"PlanApproval revision {Revision}";
}
