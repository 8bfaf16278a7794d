using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// What a consent (<i>samtycke</i>) covers. The VGR guideline splits it in two: sharing information between the
/// parties, and establishing the plan.
/// </summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<ConsentScope>))]
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

/// <summary>
/// Who gave a consent, which is also its legal basis. Consent to lift secrecy (OSL 12 kap. 2 §) is personal: the
/// individual gives it, or someone the law or the individual has given that power.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentGiver>))]
public enum ConsentGiver
{
    /// <summary>
    /// The individual themself; for a child only where the policy lets a child of the child's age and maturity consent
    /// (<see cref="SipPolicy.ChildConsentFromAge"/>, OSL 12 kap. 3 §) and the maturity assessment is recorded.
    /// </summary>
    [JsonStringEnumMemberName("Individual")]
    Individual = 1,

    /// <summary>
    /// An ombud the individual gave a power of attorney (<i>ombud med fullmakt</i>); the power of attorney is named in
    /// <see cref="Consent.DocumentReference"/>. Not a god man or förvaltare: see <see cref="CourtAppointedRepresentative"/>.
    /// </summary>
    [JsonStringEnumMemberName("Proxy")]
    Proxy = 2,

    /// <summary>
    /// A legal guardian of a child (<i>vårdnadshavare</i>, föräldrabalken 6 kap. 11 och 13 §§). Record here too whoever
    /// acts in the guardian's place: a särskilt förordnad vårdnadshavare, or a god man for an unaccompanied child (lag
    /// (2005:429) om god man för ensamkommande barn) — named in <see cref="Individual.LegalGuardians"/>.
    /// </summary>
    [JsonStringEnumMemberName("LegalGuardian")]
    LegalGuardian = 3,

    /// <summary>
    /// A god man or förvaltare (föräldrabalken 11 kap.). Their appointment does not by itself give them the individual's
    /// personal right to lift secrecy, so the library refuses their consent unless the policy says otherwise
    /// (<see cref="SipPolicy.CourtAppointedRepresentativeMayConsent"/>); the appointment is named in
    /// <see cref="Consent.DocumentReference"/>.
    /// </summary>
    [JsonStringEnumMemberName("CourtAppointedRepresentative")]
    CourtAppointedRepresentative = 4,

    /// <summary>
    /// A decision of the socialnämnd (föräldrabalken 6 kap. 13 a §) that a measure may go ahead without the consent of
    /// one of a child's two guardians; with the other guardian's consent it stands in for joint consent. The decision is
    /// named in <see cref="Consent.DocumentReference"/>. The section covers the measures it lists (among them health care
    /// and open social-services interventions); the caseworker records a decision only where it concerns what the SIP
    /// plans — the library cannot judge that.
    /// </summary>
    [JsonStringEnumMemberName("SocialWelfareBoard")]
    SocialWelfareBoard = 5,
}

/// <summary>How a consent was given.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentForm>))]
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
/// The parties a consent to information sharing covers (<i>vilka parter samtycket gäller</i>): the individual decides who
/// takes part (seed 001) and may leave parties out ("Ta reda på vad den enskilde INTE vill att samtycket ska gälla").
/// </summary>
/// <remarks>
/// A party is a participant's kind and organisation. It is covered when it is named (by kind or organisation) or when the
/// consent names none and so covers every party, and it is not excepted. A named organisation covers a party with the
/// same identifier (or, without identifiers, the same name); an exception fails closed and catches a party with the same
/// identifier or the same name (<see cref="OrganisationReference.MayBeSameOrganisation"/>).
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ConsentParties
{
    /// <summary>Every party of the SIP, none excepted: the cover of a consent that names no parties.</summary>
    public static ConsentParties Everyone { get; } = new();

    /// <summary>Kinds of party covered (e.g. every <see cref="ParticipantKind.SocialServices"/> unit); empty with
    /// <see cref="Organisations"/> empty means every party.</summary>
    public IReadOnlyList<ParticipantKind> Kinds
    {
        get;
        init => field = Check.List(value, nameof(Kinds), SipLimits.MaxItems);
    } = SipList<ParticipantKind>.Empty;

    /// <summary>Organisations covered by name or identifier.</summary>
    public IReadOnlyList<OrganisationReference> Organisations
    {
        get;
        init => field = Check.List(value, nameof(Organisations), SipLimits.MaxItems);
    } = SipList<OrganisationReference>.Empty;

    /// <summary>Kinds of party the consent does not cover, even where named otherwise (e.g. no school).</summary>
    public IReadOnlyList<ParticipantKind> ExceptKinds
    {
        get;
        init => field = Check.List(value, nameof(ExceptKinds), SipLimits.MaxItems);
    } = SipList<ParticipantKind>.Empty;

    /// <summary>Organisations the consent does not cover (e.g. one named unit the individual does not want told).</summary>
    public IReadOnlyList<OrganisationReference> ExceptOrganisations
    {
        get;
        init => field = Check.List(value, nameof(ExceptOrganisations), SipLimits.MaxItems);
    } = SipList<OrganisationReference>.Empty;

    /// <summary>Whether the consent names no party and excepts none: every party of the SIP is covered.</summary>
    [JsonIgnore]
    public bool IsEveryone => Kinds.Count == 0 && Organisations.Count == 0 && ExceptKinds.Count == 0 && ExceptOrganisations.Count == 0;

    /// <summary>Whether a party of <paramref name="kind"/> at <paramref name="organisation"/> is covered.</summary>
    /// <param name="kind">The party's kind.</param>
    /// <param name="organisation">The party's organisation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="organisation"/> is <see langword="null"/>.</exception>
    public bool Includes(ParticipantKind kind, OrganisationReference organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        if (ExceptKinds.Contains(kind) || ExceptOrganisations.Any(organisation.MayBeSameOrganisation))
        {
            return false;
        }

        return (Kinds.Count == 0 && Organisations.Count == 0) || Kinds.Contains(kind) || Organisations.Any(organisation.IsSameOrganisation);
    }

    /// <summary>Shows counts only, never an organisation's name.</summary>
    public override string ToString()
        => IsEveryone ? "ConsentParties (everyone)" : $"ConsentParties ({Kinds.Count} kinds, {Organisations.Count} organisations, {ExceptKinds.Count + ExceptOrganisations.Count} exceptions)";

    /// <summary>Checks that no party is both named and excepted, and that every kind is defined.</summary>
    internal ConsentParties Validated(string paramName)
    {
        foreach (var kind in Kinds.Concat(ExceptKinds))
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentOutOfRangeException(paramName, kind, $"'{paramName}' names {kind}, which is not a defined {nameof(ParticipantKind)}.");
            }
        }

        if (Kinds.Intersect(ExceptKinds).Any() || Organisations.Any(o => ExceptOrganisations.Any(o.IsSameOrganisation)))
        {
            throw new ArgumentException(
                $"'{paramName}' both names and excepts the same party; a party is either covered or excepted.", paramName);
        }

        return this;
    }
}

/// <summary>A recorded withdrawal (<i>återkallelse</i>) of a consent, whole or in part. Written by the engine (<see cref="WithdrawConsent"/>).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ConsentWithdrawal
{
    /// <summary>When it was withdrawn.</summary>
    public required DateTimeOffset WithdrawnAt
    {
        get;
        init => field = Check.Moment(value, nameof(WithdrawnAt));
    }

    /// <summary>Who withdrew it.</summary>
    public required ConsentGiver WithdrawnBy
    {
        get;
        init => field = Check.Defined(value, nameof(WithdrawnBy));
    }

    /// <summary>Which guardian, ombud or representative withdrew it, as the host identifies them; never a personal identity number.</summary>
    public string? WithdrawnByReference
    {
        get;
        init => field = Check.OptionalText(value, nameof(WithdrawnByReference), SipLimits.NameMaxLength);
    }

    /// <summary>The scope withdrawn; <see cref="ConsentScope.None"/> when only one party's cover was withdrawn.</summary>
    public ConsentScope Scope
    {
        get;
        init => field = Check.Flags(value, nameof(Scope), noneAllowed: true);
    }

    /// <summary>The one party the consent was withdrawn towards, or <see langword="null"/> when a scope was withdrawn.</summary>
    public OrganisationReference? Party { get; init; }

    /// <summary>Shows codes only.</summary>
    public override string ToString() => Party is null ? $"ConsentWithdrawal ({Scope}, {WithdrawnBy})" : $"ConsentWithdrawal (one party, {WithdrawnBy})";
}

/// <summary>
/// The assessment that a child has the age and maturity to decide over their own secrecy (OSL 12 kap. 3 §), recorded
/// with the child's own consent.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record MaturityAssessment
{
    /// <summary>When the assessment was made; not in the future.</summary>
    public required DateTimeOffset AssessedAt
    {
        get;
        init => field = Check.Moment(value, nameof(AssessedAt));
    }

    /// <summary>Who assessed it: the professional's name or role, as the host records it.</summary>
    public required string AssessedBy
    {
        get;
        init => field = Check.Text(value, nameof(AssessedBy), SipLimits.NameMaxLength);
    }

    /// <summary>The grounds, in words, if recorded.</summary>
    public string? Grounds
    {
        get;
        init => field = Check.OptionalText(value, nameof(Grounds), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>Shows no free text.</summary>
    public override string ToString() => "MaturityAssessment(***)";
}

/// <summary>
/// A recorded consent (<i>samtycke</i>): who gave it and on what basis, what it covers (scope and parties), and its
/// withdrawals. Withdrawal is always possible; a withdrawal towards one party or by one of two guardians does not end
/// the SIP, withdrawal of the plan or of all information sharing by whoever holds the consent does.
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

    /// <summary>Who gave it, which is also its legal basis.</summary>
    public required ConsentGiver GivenBy
    {
        get;
        init => field = Check.Defined(value, nameof(GivenBy));
    }

    /// <summary>
    /// Which guardian, ombud or representative gave it, as the host identifies them (an opaque key, never a personal
    /// identity number); required for every giver but the individual and the socialnämnd, so that the library can tell
    /// givers apart.
    /// </summary>
    public string? GiverReference
    {
        get;
        init
        {
            field = Check.OptionalText(value, nameof(GiverReference), SipLimits.NameMaxLength);
        }
    }

    /// <summary>
    /// The document the consent rests on, as the host files it: the power of attorney (<see cref="ConsentGiver.Proxy"/>),
    /// the appointment (<see cref="ConsentGiver.CourtAppointedRepresentative"/>) or the decision
    /// (<see cref="ConsentGiver.SocialWelfareBoard"/>) — required for those — or a written consent. Never a personal identity number.
    /// </summary>
    public string? DocumentReference
    {
        get;
        init
        {
            field = Check.OptionalText(value, nameof(DocumentReference), SipLimits.NameMaxLength);
        }
    }

    /// <summary>
    /// Why one of a child's two guardians consents alone (föräldrabalken 6 kap. 13 § andra stycket: the other is prevented
    /// by absence, illness or another cause and the matter cannot wait); only for <see cref="ConsentGiver.LegalGuardian"/>.
    /// </summary>
    public string? SoleGuardianReason
    {
        get;
        init => field = Check.OptionalText(value, nameof(SoleGuardianReason), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>The child's own consent: the assessment of the child's maturity (required then, and only then).</summary>
    public MaturityAssessment? MaturityAssessment { get; init; }

    /// <summary>The child's own views, in words, recorded with a consent given for a child (barnets inställning); only for a child.</summary>
    public string? ChildsViews
    {
        get;
        init => field = Check.OptionalText(value, nameof(ChildsViews), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>The parties an information-sharing consent covers; every party unless given.</summary>
    public ConsentParties Parties
    {
        get;

        // A consent stored before parties were recorded covered every party.
        init => field = Check.IsTrusted && value is null ? ConsentParties.Everyone : Check.NotNull(value, nameof(Parties));
    } = ConsentParties.Everyone;

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

    /// <summary>
    /// When it was withdrawn as a whole (every scope), or <see langword="null"/> while any of it stands. Set by the engine
    /// (<see cref="WithdrawConsent"/>); a consent is recorded as given, so <see cref="RecordConsent"/> refuses one that
    /// carries it (from JSON, say).
    /// </summary>
    [JsonInclude]
    public DateTimeOffset? WithdrawnAt
    {
        get;
        internal init => field = Check.OptionalMoment(value, nameof(WithdrawnAt));
    }

    /// <summary>
    /// Every withdrawal, whole or partial, in the order recorded. Set by the engine; <see cref="RecordConsent"/> refuses a
    /// consent that carries any (from JSON, say).
    /// </summary>
    [JsonInclude]
    public IReadOnlyList<ConsentWithdrawal> Withdrawals
    {
        get;
        internal init => field = Check.List(value, nameof(Withdrawals), SipLimits.MaxItems);
    } = SipList<ConsentWithdrawal>.Empty;

    /// <summary>Whether any of the consent stands (it has not been withdrawn as a whole).</summary>
    [JsonIgnore]
    public bool IsActive => WithdrawnAt is null;

    /// <summary>The scopes still standing: <see cref="Scope"/> less every scope withdrawn.</summary>
    [JsonIgnore]
    public ConsentScope StandingScope
    {
        get
        {
            if (!IsActive)
            {
                return ConsentScope.None;
            }

            var standing = Scope;
            foreach (var withdrawal in Withdrawals)
            {
                standing &= ~withdrawal.Scope;
            }

            return standing;
        }
    }

    /// <summary>Whether the consent stands and covers <paramref name="scope"/>.</summary>
    /// <param name="scope">The scope to test.</param>
    public bool Covers(ConsentScope scope) => (StandingScope & scope) == scope;

    /// <summary>
    /// Whether the consent stands for information sharing with a party of <paramref name="kind"/> at
    /// <paramref name="organisation"/>: the party is covered by <see cref="Parties"/> and not withdrawn from since.
    /// </summary>
    /// <param name="kind">The party's kind.</param>
    /// <param name="organisation">The party's organisation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="organisation"/> is <see langword="null"/>.</exception>
    public bool CoversParty(ParticipantKind kind, OrganisationReference organisation)
        => Covers(ConsentScope.InformationSharing) && Parties.Includes(kind, organisation)
            && !Withdrawals.Any(w => w.Party is { } party && party.MayBeSameOrganisation(organisation));

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => $"Consent {Id} ({Scope}, {GivenBy}, {Form}{(IsActive ? string.Empty : ", withdrawn")})";
}
