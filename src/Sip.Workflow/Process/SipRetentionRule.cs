using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>Which law a SIP record the host keeps falls under, which decides how long it is kept.</summary>
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
/// last entry, whether culling then is a duty, and the provision. The presets carry the law; a host may keep records longer
/// (a municipality's or region's own gallringsbeslut), never shorter.
/// </summary>
/// <remarks>
/// The last entry is the last entry of the individual's record (personakt or patient journal) the SIP belongs to, which
/// only the host knows: the purge takes it as input and refuses a date before the SIP's own last event.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class SipRetentionRule
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
    /// The same rule with the record kept longer: a host's own gallringsbeslut. The law's period is a floor, so a shorter
    /// one is refused.
    /// </summary>
    /// <param name="years">Whole years after the last entry; at least the law's.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is shorter than the law's period or above 200.</exception>
    public SipRetentionRule KeptFor(int years)
    {
        var law = For(RecordKind).Years;
        if (years < law || years > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(years), years,
                $"'{nameof(years)}' is {years}; a {RecordKind} record is kept at least {law} years by law ({LegalBasis}), and at most 200 here.");
        }

        return new SipRetentionRule(RecordKind, years, CullingIsDuty, LegalBasis);
    }

    /// <summary>
    /// The first Swedish calendar day the record may be purged: the day <see cref="Years"/> years after the last entry.
    /// </summary>
    /// <param name="lastEntry">The Swedish calendar day of the record's last entry.</param>
    public DateOnly PurgeableFrom(DateOnly lastEntry) => lastEntry.AddYears(Years);

    /// <summary>
    /// The last day culling must be finished by, where it is a duty: the end of the calendar year after the duty arose
    /// (SoL 16 kap. 1 §, LSS 21 c §); <see langword="null"/> for health care.
    /// </summary>
    /// <param name="lastEntry">The Swedish calendar day of the record's last entry.</param>
    public DateOnly? PurgeDueBy(DateOnly lastEntry) => CullingIsDuty ? new DateOnly(PurgeableFrom(lastEntry).Year + 1, 12, 31) : null;

    /// <summary>Shows the provision and the years, in Swedish as cited.</summary>
    public override string ToString() => $"{LegalBasis}: {Years} år efter sista anteckningen";
}
