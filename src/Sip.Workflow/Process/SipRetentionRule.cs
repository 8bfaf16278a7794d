using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>Which law a SIP record the host keeps falls under, which decides how long it is kept.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipRecordKind>))]
public enum SipRecordKind
{
    /// <summary>A social-services personakt (socialtjänstlagen): culled five years after the last entry.</summary>
    [JsonStringEnumMemberName("SocialServices")]
    SocialServices = 1,

    /// <summary>A personakt under LSS: culled five years after the last entry.</summary>
    [JsonStringEnumMemberName("Lss")]
    Lss = 2,

    /// <summary>A patient record (patientdatalagen), in the region's or the municipality's health care: kept at least ten years.</summary>
    [JsonStringEnumMemberName("HealthCare")]
    HealthCare = 3,
}

/// <summary>
/// How long a closed SIP is kept before it may be purged (<i>gallring</i>), as data: the kind of record, the years after the
/// last entry, whether culling then is a duty, and the provision. The presets carry the law; where the law sets only a
/// minimum (patient records) a region may keep longer (<see cref="KeptFor"/>), never shorter.
/// </summary>
/// <remarks>
/// <para>The last entry is the last entry of the individual's record (personakt or patient journal) the SIP belongs to, which
/// only the host knows: the purge takes it as input and refuses a date before the SIP's own last event.</para>
/// <para>In JSON a rule is written whole and read back from its kind of record and years as the law's preset, kept
/// longer where the years say so: a rule the law does not allow is refused.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
[JsonConverter(typeof(SipRetentionRuleJsonConverter))]
public sealed class SipRetentionRule : IEquatable<SipRetentionRule>
{
    private SipRetentionRule(SipRecordKind kind, int years, bool cullingIsDuty, SipLegalReference legalBasis)
    {
        RecordKind = kind;
        Years = years;
        CullingIsDuty = cullingIsDuty;
        LegalBasis = legalBasis;
    }

    /// <summary>Social-services personakt: culled five years after the last entry, finished by the end of the next calendar year (SoL 16 kap. 1 §).</summary>
    public static SipRetentionRule SocialServices { get; } = new(SipRecordKind.SocialServices, 5, cullingIsDuty: true, SipLegalReferences.SocialServicesCulling);

    /// <summary>LSS personakt: culled five years after the last entry, finished by the end of the next calendar year (LSS 21 c §).</summary>
    public static SipRetentionRule Lss { get; } = new(SipRecordKind.Lss, 5, cullingIsDuty: true, SipLegalReferences.LssCulling);

    /// <summary>Patient record: kept at least ten years after the last entry (PDL 3 kap. 17 §); purging then is allowed, not required.</summary>
    public static SipRetentionRule HealthCare { get; } = new(SipRecordKind.HealthCare, 10, cullingIsDuty: false, SipLegalReferences.PatientRecordRetention);

    /// <summary>The preset for a kind of record.</summary>
    /// <param name="kind">The kind of record.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static SipRetentionRule For(SipRecordKind kind) => kind switch
    {
        SipRecordKind.SocialServices => SocialServices,
        SipRecordKind.Lss => Lss,
        SipRecordKind.HealthCare => HealthCare,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"'{nameof(kind)}' is {kind}; allowed: {string.Join(", ", Enum.GetNames<SipRecordKind>())}."),
    };

    /// <summary>The kind of record.</summary>
    public SipRecordKind RecordKind { get; }

    /// <summary>Whole years after the last entry before the record may be purged.</summary>
    public int Years { get; }

    /// <summary>Whether the law requires culling once the years have passed (social services, LSS) or only allows it (health care).</summary>
    public bool CullingIsDuty { get; }

    /// <summary>The provision.</summary>
    public SipLegalReference LegalBasis { get; }

    /// <summary>
    /// The same rule with the record kept longer: the principal's own archive decision, where the law sets a minimum
    /// (patient records). Where the law requires culling (social services, LSS: "ska gallras"), keeping longer is not
    /// lawful and is refused.
    /// </summary>
    /// <param name="years">Whole years after the last entry; at least the law's.</param>
    /// <exception cref="InvalidOperationException">The law requires culling after its period, so it cannot be lengthened.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is shorter than the law's period or above 200.</exception>
    public SipRetentionRule KeptFor(int years)
    {
        if (CullingIsDuty)
        {
            throw new InvalidOperationException(
                $"A {RecordKind} record must be culled {Years} years after the last entry ({LegalBasis}); it cannot be kept longer by a local rule.");
        }

        var law = For(RecordKind).Years;
        if (years < law || years > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(years), years,
                $"'{nameof(years)}' is {years}; a {RecordKind} record is kept at least {law} years by law ({LegalBasis}), and at most 200 here.");
        }

        return new SipRetentionRule(RecordKind, years, CullingIsDuty, LegalBasis);
    }

    /// <summary>
    /// The first Swedish calendar day the record may be purged: where culling is a duty, the day <see cref="Years"/> years
    /// after the last entry (the duty arises then); where the law sets a minimum ("minst tio år"), the day after, so that
    /// the full period has passed whatever the hour of the last entry.
    /// </summary>
    /// <param name="lastEntry">The Swedish calendar day of the record's last entry.</param>
    /// <exception cref="ArgumentOutOfRangeException">The day would fall after 9999-12-31.</exception>
    public DateOnly PurgeableFrom(DateOnly lastEntry) => CullingIsDuty ? lastEntry.AddYears(Years) : lastEntry.AddYears(Years).AddDays(1);

    /// <summary>
    /// The last day culling must be finished by, where it is a duty: the end of the calendar year after the duty arose
    /// (SoL 16 kap. 1 §, LSS 21 c §); <see langword="null"/> for health care.
    /// </summary>
    /// <param name="lastEntry">The Swedish calendar day of the record's last entry.</param>
    public DateOnly? PurgeDueBy(DateOnly lastEntry) => CullingIsDuty ? new DateOnly(PurgeableFrom(lastEntry).Year + 1, 12, 31) : null;

    /// <summary>Whether <paramref name="other"/> is the same rule: the same kind of record, years, duty and provision.</summary>
    /// <param name="other">The other rule.</param>
    public bool Equals(SipRetentionRule? other)
        => other is not null
            && (ReferenceEquals(this, other)
                || (RecordKind == other.RecordKind && Years == other.Years && CullingIsDuty == other.CullingIsDuty && LegalBasis == other.LegalBasis));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SipRetentionRule);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RecordKind, Years, CullingIsDuty, LegalBasis);

    /// <summary>Shows the provision and the years, in Swedish as cited.</summary>
    public override string ToString() => $"{LegalBasis}: {Years} år efter sista anteckningen";
}
