using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>What kind of party a participant is. Whether a kind is called or invited is decided by the policy.</summary>
public enum ParticipantKind
{
    /// <summary>Social services (<i>socialtjänst</i>), municipal: always a called principal.</summary>
    [JsonStringEnumMemberName("SocialServices")]
    SocialServices = 1,

    /// <summary>Regional health care (<i>regional hälso- och sjukvård</i>): always a called principal.</summary>
    [JsonStringEnumMemberName("RegionalHealthCare")]
    RegionalHealthCare = 2,

    /// <summary>Municipal health care (<i>kommunal hälso- och sjukvård</i>): always a called principal.</summary>
    [JsonStringEnumMemberName("MunicipalHealthCare")]
    MunicipalHealthCare = 3,

    /// <summary>School, pre-school or student health (<i>skola, förskola, elevhälsa</i>); called in Västra Götaland, invited elsewhere.</summary>
    [JsonStringEnumMemberName("School")]
    School = 4,

    /// <summary>The Swedish Social Insurance Agency (<i>Försäkringskassan</i>): invited.</summary>
    [JsonStringEnumMemberName("SocialInsuranceAgency")]
    SocialInsuranceAgency = 5,

    /// <summary>The Swedish Public Employment Service (<i>Arbetsförmedlingen</i>): invited.</summary>
    [JsonStringEnumMemberName("PublicEmploymentService")]
    PublicEmploymentService = 6,

    /// <summary>The Prison and Probation Service (<i>Kriminalvården</i>): invited.</summary>
    [JsonStringEnumMemberName("PrisonAndProbationService")]
    PrisonAndProbationService = 7,

    /// <summary>Next of kin or another related person (<i>närstående, anhörig</i>): invited.</summary>
    [JsonStringEnumMemberName("NextOfKin")]
    NextOfKin = 8,

    /// <summary>Guardian ad litem, administrator or proxy (<i>god man, förvaltare, ombud</i>): invited.</summary>
    [JsonStringEnumMemberName("GuardianAdLitem")]
    GuardianAdLitem = 9,

    /// <summary>Interpreter (<i>tolk</i>): invited.</summary>
    [JsonStringEnumMemberName("Interpreter")]
    Interpreter = 10,

    /// <summary>A voluntary or user organisation (<i>frivilligorganisation, brukarförening</i>): invited.</summary>
    [JsonStringEnumMemberName("VoluntaryOrganisation")]
    VoluntaryOrganisation = 11,

    /// <summary>The police (<i>polis</i>): invited.</summary>
    [JsonStringEnumMemberName("Police")]
    Police = 12,

    /// <summary>Any other actor: invited.</summary>
    [JsonStringEnumMemberName("Other")]
    Other = 13,
}

/// <summary>Whether a participant is summoned with a duty to attend, or invited.</summary>
public enum ParticipationRole
{
    /// <summary>A principal's unit, summoned (<i>kallad</i>) with a duty to attend.</summary>
    [JsonStringEnumMemberName("Called")]
    Called = 1,

    /// <summary>Another actor, invited (<i>inbjuden</i>).</summary>
    [JsonStringEnumMemberName("Invited")]
    Invited = 2,
}

/// <summary>How someone takes part in a meeting.</summary>
public enum ParticipationMode
{
    /// <summary>Present in the room (<i>fysiskt</i>).</summary>
    [JsonStringEnumMemberName("InPerson")]
    InPerson = 1,

    /// <summary>By video (<i>digitalt</i>).</summary>
    [JsonStringEnumMemberName("Digital")]
    Digital = 2,

    /// <summary>By telephone (<i>telefon, högtalartelefon</i>).</summary>
    [JsonStringEnumMemberName("Phone")]
    Phone = 3,

    /// <summary>In writing or by recording, beforehand (<i>brev, inspelning</i>).</summary>
    [JsonStringEnumMemberName("InWriting")]
    InWriting = 4,
}

/// <summary>
/// A substitute (<i>ersättare</i>) named by a called party that cannot come; they must have the mandate to decide.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Substitute
{
    /// <summary>Who stands in.</summary>
    public required ContactPerson Person
    {
        get;
        init => field = Check.NotNull(value, nameof(Person));
    }

    /// <summary>The substitute has the mandate to decide on the party's interventions (<i>mandat att fatta beslut</i>).</summary>
    public required bool HasMandateToDecide { get; init; }
}

/// <summary>A party taking part in a SIP (<i>deltagare</i>): a called principal's unit or an invited actor.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Participant
{
    /// <summary>The participant's id within the case; a new one unless given.</summary>
    public ParticipantId Id
    {
        get;
        init => field = Check.Id(value, nameof(Id));
    } = ParticipantId.New();

    /// <summary>The organisation or unit.</summary>
    public required OrganisationReference Organisation
    {
        get;
        init => field = Check.NotNull(value, nameof(Organisation));
    }

    /// <summary>What kind of party this is.</summary>
    public required ParticipantKind Kind
    {
        get;
        init => field = Check.Defined(value, nameof(Kind));
    }

    /// <summary>Called or invited, decided by the engine from the policy and <see cref="Kind"/> when the participant is added.</summary>
    [JsonInclude]
    public ParticipationRole Role
    {
        get;
        internal init => field = Check.Defined(value, nameof(Role));
    }

    /// <summary>The contact person, if known.</summary>
    public ContactPerson? Contact { get; init; }

    /// <summary>The person attending has the mandate to decide (<i>mandat</i>).</summary>
    public bool HasMandateToDecide { get; init; }

    /// <summary>The substitute named when the party cannot come, if any.</summary>
    public Substitute? Substitute { get; init; }

    /// <summary>How the participant takes part.</summary>
    public ParticipationMode Mode
    {
        get;
        init => field = Check.Defined(value, nameof(Mode));
    } = ParticipationMode.InPerson;

    /// <summary>
    /// Set when this unit had no open case and forwarded its summons inside its principal
    /// (<i>lämnat vidare kallelsen</i>); names the participant it was forwarded to. Set by the engine (<see cref="ForwardSummons"/>).
    /// </summary>
    [JsonInclude]
    public ParticipantId? ForwardedTo
    {
        get;
        internal init => field = value is { } id ? Check.Id(id, nameof(ForwardedTo)) : null;
    }

    /// <summary>The principal this participant belongs to, or <see langword="null"/> for an actor that is not a principal.</summary>
    [JsonIgnore]
    public PrincipalKind? Principal => Kind.Principal();
}

/// <summary>Facts about <see cref="ParticipantKind"/>.</summary>
public static class ParticipantKindExtensions
{
    /// <summary>The principal a kind of participant belongs to, or <see langword="null"/> for other actors.</summary>
    /// <param name="kind">The kind.</param>
    public static PrincipalKind? Principal(this ParticipantKind kind) => kind switch
    {
        ParticipantKind.SocialServices or ParticipantKind.MunicipalHealthCare or ParticipantKind.School => PrincipalKind.Municipality,
        ParticipantKind.RegionalHealthCare => PrincipalKind.Region,
        _ => null,
    };
}
