using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>What kind of party a participant is. Whether a kind is called or invited is decided by the policy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParticipantKind>))]
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
[JsonConverter(typeof(JsonStringEnumConverter<ParticipationRole>))]
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
[JsonConverter(typeof(JsonStringEnumConverter<ParticipationMode>))]
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

/// <summary>Who runs a school (<i>huvudman</i>): the kommun, or an independent principal (<i>enskild huvudman</i>, a fristående skola).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SchoolPrincipal>))]
public enum SchoolPrincipal
{
    /// <summary>The kommun runs the school: it is a unit of the municipality, one of the two SIP principals.</summary>
    [JsonStringEnumMemberName("Municipality")]
    Municipality = 1,

    /// <summary>An independent principal runs it (<i>fristående skola</i>): not the kommun, so an invited actor.</summary>
    [JsonStringEnumMemberName("Independent")]
    Independent = 2,
}

/// <summary>
/// What was found before next of kin were asked to take part (HSL 16 kap. 4 § andra stycket; socialtjänstlagen): that the
/// individual does not object, and that it is suitable. Recorded before the invitation, because the invitation is where
/// the disclosure happens.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record KinAssessment
{
    /// <summary>The individual objects to these next of kin taking part (<i>motsätter sig</i>).</summary>
    public required bool IndividualObjects { get; init; }

    /// <summary>It is judged suitable that they take part (<i>lämpligt</i>).</summary>
    public required bool JudgedSuitable { get; init; }

    /// <summary>When it was found; not in the future.</summary>
    public required DateTimeOffset AssessedAt
    {
        get;
        init => field = Check.Moment(value, nameof(AssessedAt));
    }

    /// <summary>Whether the next of kin may be asked: no objection, and suitable.</summary>
    [JsonIgnore]
    public bool AllowsInvitation => !IndividualObjects && JudgedSuitable;

    /// <summary>Shows the finding only.</summary>
    public override string ToString() => $"KinAssessment (objects: {IndividualObjects}, suitable: {JudgedSuitable})";
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

    /// <summary>
    /// Called or invited, decided by the engine from the policy and <see cref="Kind"/> when the participant is added.
    /// Whatever a command carries here (from JSON, say) is replaced.
    /// </summary>
    [JsonInclude]
    public ParticipationRole Role
    {
        get;
        internal init => field = Check.Stamped(value, Check.Defined, nameof(Role));
    }

    /// <summary>The contact person, if known.</summary>
    public ContactPerson? Contact { get; init; }

    /// <summary>The person attending has the mandate to decide (<i>mandat</i>).</summary>
    public bool HasMandateToDecide { get; init; }

    /// <summary>The substitute named when the party cannot come, if any.</summary>
    public Substitute? Substitute { get; init; }

    /// <summary>
    /// For a <see cref="ParticipantKind.School"/>: who runs it, as the organisation says. Left out, the kommun
    /// (<see cref="Workflow.SchoolPrincipal.Municipality"/>); an independent school is not the kommun and is invited.
    /// </summary>
    public SchoolPrincipal? SchoolPrincipal
    {
        get;
        init => field = value is { } v ? Check.Defined(v, nameof(SchoolPrincipal)) : null;
    }

    /// <summary>For <see cref="ParticipantKind.NextOfKin"/>: the finding that the individual does not object and that it is suitable, required before they are added.</summary>
    public KinAssessment? KinAssessment { get; init; }

    /// <summary>
    /// When consent towards this party was withdrawn (<see cref="WithdrawConsent.Party"/>): the party is then neither
    /// summoned nor counted, and is kept only as history. Set by the engine. A command that carries it (from JSON, say)
    /// is refused.
    /// </summary>
    [JsonInclude]
    public DateTimeOffset? ConsentWithdrawnAt
    {
        get;
        internal init => field = Check.OptionalMoment(value, nameof(ConsentWithdrawnAt));
    }

    /// <summary>Whether the participant still takes part: it has neither forwarded its summons nor had consent withdrawn towards it.</summary>
    [JsonIgnore]
    public bool IsActive => ForwardedTo is null && ConsentWithdrawnAt is null;

    /// <summary>How the participant takes part.</summary>
    public ParticipationMode Mode
    {
        get;
        init => field = Check.Defined(value, nameof(Mode));
    } = ParticipationMode.InPerson;

    /// <summary>
    /// Set when this unit had no open case and forwarded its summons inside its principal
    /// (<i>lämnat vidare kallelsen</i>); names the participant it was forwarded to. Set by the engine (<see cref="ForwardSummons"/>).
    /// A command that carries it (from JSON, say) is refused.
    /// </summary>
    [JsonInclude]
    public ParticipantId? ForwardedTo
    {
        get;
        internal init => field = value is { } id ? Check.Id(id, nameof(ForwardedTo)) : null;
    }

    /// <summary>
    /// The principal this participant belongs to, or <see langword="null"/> for an actor that is not a principal (an
    /// independent school among them).
    /// </summary>
    [JsonIgnore]
    public PrincipalKind? Principal => Kind == ParticipantKind.School && SchoolPrincipal == Workflow.SchoolPrincipal.Independent ? null : Kind.Principal();
}

/// <summary>Facts about <see cref="ParticipantKind"/>.</summary>
public static class ParticipantKindExtensions
{
    /// <summary>
    /// The principal a kind of participant belongs to, or <see langword="null"/> for other actors. A school is counted
    /// the kommun's here; <see cref="Participant.Principal"/> knows an independent one.
    /// </summary>
    /// <param name="kind">The kind.</param>
    public static PrincipalKind? Principal(this ParticipantKind kind) => kind switch
    {
        ParticipantKind.SocialServices or ParticipantKind.MunicipalHealthCare or ParticipantKind.School => PrincipalKind.Municipality,
        ParticipantKind.RegionalHealthCare => PrincipalKind.Region,
        _ => null,
    };
}
