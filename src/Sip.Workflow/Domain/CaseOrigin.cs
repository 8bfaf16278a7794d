using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>Where the need for a SIP was identified (<i>upptäck behov</i>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OriginKind>))]
public enum OriginKind
{
    /// <summary>Outpatient health care (<i>öppenvård</i>).</summary>
    [JsonStringEnumMemberName("Outpatient")]
    Outpatient = 1,

    /// <summary>Discharge from inpatient care (<i>utskrivning från slutenvård</i>): the discharge deadlines apply.</summary>
    [JsonStringEnumMemberName("InpatientDischarge")]
    InpatientDischarge = 2,

    /// <summary>School or student health (<i>skola och elevhälsa</i>).</summary>
    [JsonStringEnumMemberName("School")]
    School = 3,

    /// <summary>Social services (<i>socialtjänst</i>).</summary>
    [JsonStringEnumMemberName("SocialServices")]
    SocialServices = 4,
}

/// <summary>Who asked for the SIP (<i>vem begärde SIP</i>): anyone may, and one principal's judgement of the need obliges both.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipRequester>))]
public enum SipRequester
{
    /// <summary>The individual themself (or their guardian or ombud).</summary>
    [JsonStringEnumMemberName("Individual")]
    Individual = 1,

    /// <summary>Next of kin (<i>närstående</i>).</summary>
    [JsonStringEnumMemberName("NextOfKin")]
    NextOfKin = 2,

    /// <summary>Another actor: school, Försäkringskassan, Arbetsförmedlingen, a private provider.</summary>
    [JsonStringEnumMemberName("OtherActor")]
    OtherActor = 3,

    /// <summary>Staff of the kommun or region, on their own judgement of the need.</summary>
    [JsonStringEnumMemberName("Staff")]
    Staff = 4,
}

/// <summary>
/// How the case came about: where the need was identified and, for a discharge from inpatient care, when the
/// ready-for-discharge notice (<i>underrättelse om utskrivningsklar</i>) was received.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record CaseOrigin
{
    /// <summary>Where the need was identified.</summary>
    public required OriginKind Kind
    {
        get;
        init => field = Check.Defined(value, nameof(Kind));
    }

    /// <summary>
    /// When the patient was reported ready for discharge (<i>utskrivningsklar</i>), when the case is opened on that
    /// notice; only for <see cref="OriginKind.InpatientDischarge"/>. The engine records it as the first stay's notice
    /// (<see cref="SipCase.DischargeEpisodes"/>), from which the discharge summons deadline runs.
    /// </summary>
    public DateTimeOffset? ReadyForDischargeAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(ReadyForDischargeAt));
    }

    /// <summary>
    /// When the patient was admitted, when the case is opened on the admission notice (<i>inskrivningsmeddelande</i>),
    /// before anyone is ready for discharge; only for <see cref="OriginKind.InpatientDischarge"/>.
    /// </summary>
    public DateTimeOffset? AdmittedAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(AdmittedAt));
    }

    /// <summary>
    /// Who asked for the SIP, if recorded. A request that staff decide not to act on is closed with its reason
    /// (<see cref="DeclineToStart"/>), so the individual can complain.
    /// </summary>
    public SipRequester? RequestedBy
    {
        get;
        init => field = value is { } r ? Check.Defined(r, nameof(RequestedBy)) : null;
    }

    /// <summary>Need identified in outpatient care.</summary>
    public static CaseOrigin Outpatient() => new() { Kind = OriginKind.Outpatient };

    /// <summary>Need identified at discharge from inpatient care.</summary>
    /// <param name="readyForDischargeAt">When the ready-for-discharge notice was received.</param>
    public static CaseOrigin InpatientDischarge(DateTimeOffset readyForDischargeAt)
        => new() { Kind = OriginKind.InpatientDischarge, ReadyForDischargeAt = readyForDischargeAt };

    /// <summary>Need identified on the admission notice, before the patient is ready for discharge.</summary>
    /// <param name="admittedAt">When the patient was admitted.</param>
    public static CaseOrigin InpatientAdmission(DateTimeOffset admittedAt)
        => new() { Kind = OriginKind.InpatientDischarge, AdmittedAt = admittedAt };

    /// <summary>Need identified by school or student health.</summary>
    public static CaseOrigin School() => new() { Kind = OriginKind.School };

    /// <summary>Need identified by social services.</summary>
    public static CaseOrigin SocialServices() => new() { Kind = OriginKind.SocialServices };

    internal CaseOrigin Validated(string paramName)
    {
        if (Kind == OriginKind.InpatientDischarge && ReadyForDischargeAt is null && AdmittedAt is null)
        {
            throw new ArgumentException(
                $"'{paramName}' is a discharge from inpatient care with neither AdmittedAt nor ReadyForDischargeAt; give the admission " +
                "(the admission notice) or the ready-for-discharge notice the case is opened on.", paramName);
        }

        if (Kind != OriginKind.InpatientDischarge && (ReadyForDischargeAt is not null || AdmittedAt is not null))
        {
            throw new ArgumentException(
                $"'{paramName}' has AdmittedAt or ReadyForDischargeAt but its kind is {Kind}; only a discharge from inpatient care has them.", paramName);
        }

        if (AdmittedAt is { } admitted && ReadyForDischargeAt is { } ready && ready < admitted)
        {
            throw new ArgumentException($"'{paramName}.ReadyForDischargeAt' lies before the admission; a patient is ready for discharge after being admitted.", paramName);
        }

        return this;
    }
}
