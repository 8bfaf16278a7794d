using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// The fixed care contact (<i>fast vårdkontakt</i>) the region-financed outpatient care appoints when it receives the
/// admission notice (lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård): the one who summons to SIP.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record FixedCareContact
{
    /// <summary>The outpatient unit (e.g. the vårdcentral), not the ward.</summary>
    public required OrganisationReference Unit
    {
        get;
        init => field = Check.NotNull(value, nameof(Unit));
    }

    /// <summary>The person appointed.</summary>
    public required ContactPerson Person
    {
        get;
        init => field = Check.NotNull(value, nameof(Person));
    }

    /// <summary>
    /// When the appointment was recorded. Stamped by the engine. Whatever a command carries here (from JSON, say) is
    /// replaced.
    /// </summary>
    [JsonInclude]
    public DateTimeOffset AppointedAt
    {
        get;
        internal init => field = Check.Stamped(value, Check.Moment, nameof(AppointedAt));
    }

    /// <summary>Shows no names.</summary>
    public override string ToString() => "FixedCareContact(***)";
}

/// <summary>A notice that the patient is ready for discharge (<i>underrättelse om utskrivningsklar</i>), and its revocation if revoked.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ReadyForDischargeNotice
{
    /// <summary>When the notice was received.</summary>
    public required DateTimeOffset NotifiedAt
    {
        get;
        init => field = Check.Moment(value, nameof(NotifiedAt));
    }

    /// <summary>When it was revoked (the patient was no longer ready), or <see langword="null"/> while it stands.</summary>
    [JsonInclude]
    public DateTimeOffset? RevokedAt
    {
        get;
        internal init => field = Check.OptionalMoment(value, nameof(RevokedAt));
    }

    /// <summary>Whether the notice stands (not revoked).</summary>
    [JsonIgnore]
    public bool IsStanding => RevokedAt is null;

    /// <summary>Shows whether it stands only.</summary>
    public override string ToString() => IsStanding ? "ReadyForDischargeNotice (standing)" : "ReadyForDischargeNotice (revoked)";
}

/// <summary>
/// One stay in inpatient care and its discharge under lag (2017:612): admission, the fixed care contact, the
/// ready-for-discharge notices (recorded, revoked, renewed), the discharge and the transfer of information. Written by
/// the engine from the discharge commands; a case may see several stays (a re-admission).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record DischargeEpisode
{
    /// <summary>When the patient was admitted (the admission notice, <i>inskrivningsmeddelande</i>), if known.</summary>
    public DateTimeOffset? AdmittedAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(AdmittedAt));
    }

    /// <summary>The inpatient unit, if given.</summary>
    public OrganisationReference? Ward { get; init; }

    /// <summary>The fixed care contact in outpatient care, once appointed.</summary>
    public FixedCareContact? FixedCareContact { get; init; }

    /// <summary>Every ready-for-discharge notice, oldest first; at most the last stands.</summary>
    public IReadOnlyList<ReadyForDischargeNotice> ReadyNotices
    {
        get;
        init => field = Check.List(value, nameof(ReadyNotices), SipLimits.MaxItems);
    } = SipList<ReadyForDischargeNotice>.Empty;

    /// <summary>When the patient was discharged, once recorded.</summary>
    public DateTimeOffset? DischargedAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(DischargedAt));
    }

    /// <summary>When the information needed after discharge was transferred (due on the day of discharge), if recorded.</summary>
    public DateTimeOffset? InformationTransferredAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(InformationTransferredAt));
    }

    /// <summary>The ready-for-discharge notice standing now, if any: the discharge summons deadline runs from it.</summary>
    [JsonIgnore]
    public ReadyForDischargeNotice? StandingNotice => ReadyNotices.Count > 0 && ReadyNotices[^1].IsStanding ? ReadyNotices[^1] : null;

    /// <summary>Whether the stay has ended.</summary>
    [JsonIgnore]
    public bool IsDischarged => DischargedAt is not null;

    /// <summary>Shows codes only.</summary>
    public override string ToString() => $"DischargeEpisode ({ReadyNotices.Count} notices{(IsDischarged ? ", discharged" : string.Empty)})";
}
