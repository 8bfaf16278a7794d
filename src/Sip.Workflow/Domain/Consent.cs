using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// What a consent (<i>samtycke</i>) covers. The VGR guideline splits it in two: sharing information between the
/// parties, and establishing the plan.
/// </summary>
[Flags]
public enum ConsentScope
{
    /// <summary>Nothing; never valid for a recorded consent.</summary>
    [JsonStringEnumMemberName("None")]
    None = 0,

    /// <summary>Consent to information sharing between the parties (<i>samtycke till informationsöverföring</i>).</summary>
    [JsonStringEnumMemberName("InformationSharing")]
    InformationSharing = 1,

    /// <summary>Consent to establishing the plan (<i>samtycke till att planen upprättas</i>).</summary>
    [JsonStringEnumMemberName("PlanEstablishment")]
    PlanEstablishment = 2,

    /// <summary>Both scopes.</summary>
    [JsonStringEnumMemberName("All")]
    All = InformationSharing | PlanEstablishment,
}

/// <summary>Who gave a consent.</summary>
public enum ConsentGiver
{
    /// <summary>The individual themself.</summary>
    [JsonStringEnumMemberName("Individual")]
    Individual = 1,

    /// <summary>A proxy with power of attorney or a guardian ad litem (<i>ombud med fullmakt, god man, förvaltare</i>).</summary>
    [JsonStringEnumMemberName("Proxy")]
    Proxy = 2,

    /// <summary>A legal guardian of a child (<i>vårdnadshavare</i>).</summary>
    [JsonStringEnumMemberName("LegalGuardian")]
    LegalGuardian = 3,
}

/// <summary>How a consent was given.</summary>
public enum ConsentForm
{
    /// <summary>In writing (<i>skriftligt</i>).</summary>
    [JsonStringEnumMemberName("Written")]
    Written = 1,

    /// <summary>Orally (<i>muntligt</i>); the recording caseworker documents it.</summary>
    [JsonStringEnumMemberName("Oral")]
    Oral = 2,

    /// <summary>Shown in another way (<i>på annat sätt</i>), e.g. by someone who cannot speak or write.</summary>
    [JsonStringEnumMemberName("Implied")]
    Implied = 3,
}

/// <summary>
/// A recorded consent (<i>samtycke</i>). Withdrawal (<i>återkallelse</i>) is always possible and ends the SIP.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Consent
{
    /// <summary>The consent's id; a new one unless given.</summary>
    public ConsentId Id
    {
        get;
        init => field = Check.Id(value, nameof(Id));
    } = ConsentId.New();

    /// <summary>What the consent covers.</summary>
    public required ConsentScope Scope
    {
        get;
        init => field = Check.Flags(value, nameof(Scope));
    }

    /// <summary>Who gave it.</summary>
    public required ConsentGiver GivenBy
    {
        get;
        init => field = Check.Defined(value, nameof(GivenBy));
    }

    /// <summary>
    /// Which guardian or proxy gave it, as the host identifies them (an opaque key, never a personal identity number);
    /// required for a legal guardian, so that the library can tell two guardians apart.
    /// </summary>
    public string? GiverReference
    {
        get;
        init
        {
            field = Check.OptionalText(value, nameof(GiverReference), SipLimits.NameMaxLength);
            PersonalIdentityNumber.Refuse(value, nameof(GiverReference));
        }
    }

    /// <summary>How it was given.</summary>
    public required ConsentForm Form
    {
        get;
        init => field = Check.Defined(value, nameof(Form));
    }

    /// <summary>When it was given.</summary>
    public required DateTimeOffset GivenAt
    {
        get;
        init => field = Check.Moment(value, nameof(GivenAt));
    }

    /// <summary>When it was withdrawn, or <see langword="null"/> while it stands. Set by the engine (<see cref="WithdrawConsent"/>).</summary>
    [JsonInclude]
    public DateTimeOffset? WithdrawnAt
    {
        get;
        internal init => field = Check.OptionalMoment(value, nameof(WithdrawnAt));
    }

    /// <summary>Whether the consent stands (has not been withdrawn).</summary>
    [JsonIgnore]
    public bool IsActive => WithdrawnAt is null;

    /// <summary>Whether the consent stands and covers <paramref name="scope"/>.</summary>
    /// <param name="scope">The scope to test.</param>
    public bool Covers(ConsentScope scope) => IsActive && (Scope & scope) == scope;

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"Consent {Id} ({Scope}, {GivenBy}, {Form}{(IsActive ? string.Empty : ", withdrawn")})";
}
