using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Sip.Workflow;

/// <summary>Where a care-plan record comes from, as Inera's contract names it: HSA ids of the system, the units and the professional.</summary>
/// <remarks>
/// Rule 1 of the contract (spärr, access control and PDL logging) needs the care unit and care giver; rule 4 (NPÖ
/// compatibility) needs the organisational unit's HSA id and name. The library stores none of these: the host passes the
/// ones its own directory holds.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record IneraCarePlanSource
{
    /// <summary>HSA id of the system the plan is documented in (<c>sourceSystemHSAId</c>).</summary>
    public required string SourceSystemHsaId
    {
        get;
        init => field = Internal.Check.Text(value, nameof(SourceSystemHsaId), SipLimits.NameMaxLength);
    }

    /// <summary>HSA id of the accountable care unit (<c>healthcareProfessionalCareUnitHSAId</c>).</summary>
    public required string CareUnitHsaId
    {
        get;
        init => field = Internal.Check.Text(value, nameof(CareUnitHsaId), SipLimits.NameMaxLength);
    }

    /// <summary>HSA id of the care giver (<c>healthcareProfessionalCareGiverHSAId</c>).</summary>
    public required string CareGiverHsaId
    {
        get;
        init => field = Internal.Check.Text(value, nameof(CareGiverHsaId), SipLimits.NameMaxLength);
    }

    /// <summary>HSA id of the organisational unit the professional works for (<c>orgUnitHSAId</c>).</summary>
    public required string OrgUnitHsaId
    {
        get;
        init => field = Internal.Check.Text(value, nameof(OrgUnitHsaId), SipLimits.NameMaxLength);
    }

    /// <summary>Name of that unit (<c>orgUnitName</c>).</summary>
    public required string OrgUnitName
    {
        get;
        init => field = Internal.Check.Text(value, nameof(OrgUnitName), SipLimits.NameMaxLength);
    }

    /// <summary>HSA id of the accountable professional (<c>healthcareProfessionalHSAId</c>), if known.</summary>
    public string? ProfessionalHsaId
    {
        get;
        init => field = Internal.Check.OptionalText(value, nameof(ProfessionalHsaId), SipLimits.NameMaxLength);
    }

    /// <summary>Name of the accountable professional (<c>healthcareProfessionalName</c>), if known.</summary>
    public string? ProfessionalName
    {
        get;
        init => field = Internal.Check.OptionalName(value, nameof(ProfessionalName));
    }

    /// <summary>Shows the system's HSA id only.</summary>
    public override string ToString() => $"IneraCarePlanSource ({SourceSystemHsaId})";
}

/// <summary>
/// One plan revision as the care-plan record of Inera's national service contract GetCarePlans 2.0
/// (RIV-TA <c>clinicalprocess:logistics:logistics</c> 3.0, <c>GetCarePlansResponder_2.0.xsd</c>), through which the
/// national patient overview (NPÖ) and 1177 show care plans: <c>typeOfCarePlanEnum</c> <c>SIP</c>, the document id, the
/// source system and accountable units' HSA ids, the accountable professional and author time,
/// <c>approvedForPatient</c>, and the plan document as embedded HTML content.
/// </summary>
/// <remarks>
/// <para>
/// Element names, order and namespaces follow the contract's XSD (the core component <c>CarePlanType</c>: header
/// <c>PatientSummaryHeaderType</c>, body <c>CarePlanBodyType</c>). Where Inera's field table writes
/// <c>typeOfCarePlan</c>, the schema's element is <c>typeOfCarePlanEnum</c>; the schema decides what is on the wire.
/// Times are Swedish local time without zone (<c>YYYYMMDDhhmmss</c>), as the contract requires. <c>nullified</c> is not
/// written (the contract says it shall not be given), nor is <c>participatingCareUnitHSAId</c>, whose identifier root
/// this library could not confirm.
/// </para>
/// <para>
/// Embedded content may not exceed 100 KB (the contract's rule R1). The document is refused above
/// <see cref="MaxContentBytes"/> — the stricter reading, 100 000 bytes — rather than trimmed: a cut plan could drop a
/// statutory item without anyone noticing.
/// </para>
/// </remarks>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class SipIneraCarePlan
{
    /// <summary>The responder namespace: <c>urn:riv:clinicalprocess:logistics:logistics:GetCarePlansResponder:2</c>.</summary>
    public const string ResponderNamespace = "urn:riv:clinicalprocess:logistics:logistics:GetCarePlansResponder:2";

    /// <summary>The core components' namespace: <c>urn:riv:clinicalprocess:logistics:logistics:3</c>.</summary>
    public const string CoreNamespace = "urn:riv:clinicalprocess:logistics:logistics:3";

    /// <summary>The most embedded content a record may carry: 100 000 bytes (the contract allows 100 KB).</summary>
    public const int MaxContentBytes = 100_000;

    private static readonly XNamespace Responder = ResponderNamespace;
    private static readonly XNamespace Core = CoreNamespace;

    /// <summary>Writes one plan revision as a <c>carePlan</c> element (<c>CarePlanType</c>) of a GetCarePlans response.</summary>
    /// <param name="sipCase">The case.</param>
    /// <param name="revision">The plan revision.</param>
    /// <param name="patientId">The patient's id as the contract carries it (12 characters without separator); the host's, never stored by the library.</param>
    /// <param name="patientIdType">The OID of the id's kind, e.g. <c>1.2.752.129.2.1.3.1</c> for a personnummer.</param>
    /// <param name="source">The HSA ids of the source system, units and professional.</param>
    /// <param name="language">The language of the title and the embedded document.</param>
    /// <returns>The <c>carePlan</c> element, in the responder namespace.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> or <paramref name="source"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="revision"/> is not a revision of the plan; <paramref name="patientId"/>,
    /// <paramref name="patientIdType"/> or a required HSA id of <paramref name="source"/> is blank; or the plan document is larger
    /// than <see cref="MaxContentBytes"/>.</exception>
    public static XElement CarePlan(SipCase sipCase, int revision, string patientId, string patientIdType, IneraCarePlanSource source, SipLanguage language = SipLanguage.Swedish)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        ArgumentNullException.ThrowIfNull(source);
        var plan = CommandHelpers.PlanRevision(sipCase, revision, nameof(revision));
        Required(patientId, nameof(patientId));
        Required(patientIdType, nameof(patientIdType));
        Required(source.SourceSystemHsaId, $"{nameof(source)}.{nameof(source.SourceSystemHsaId)}");
        Required(source.CareUnitHsaId, $"{nameof(source)}.{nameof(source.CareUnitHsaId)}");
        Required(source.CareGiverHsaId, $"{nameof(source)}.{nameof(source.CareGiverHsaId)}");
        Required(source.OrgUnitHsaId, $"{nameof(source)}.{nameof(source.OrgUnitHsaId)}");
        Required(source.OrgUnitName, $"{nameof(source)}.{nameof(source.OrgUnitName)}");

        // The individual reads it in 1177 when approved, so the copy is the individual's, in plain language.
        var document = Encoding.UTF8.GetBytes(SipPlanDocument.Render(sipCase, revision, PlanDocumentAudience.Individual, language));
        if (document.Length > MaxContentBytes)
        {
            throw new ArgumentException(
                $"The plan document of revision {revision} is {document.Length:N0} bytes; GetCarePlans allows at most {MaxContentBytes:N0} bytes of embedded content (100 KB). " +
                "Shorten the plan's free text, or publish the document by reference instead of embedding it.",
                nameof(sipCase));
        }

        var sv = language == SipLanguage.Swedish;
        var professional = new XElement(Core + "accountableHealthcareProfessional",
            new XElement(Core + "authorTime", Time(plan.EstablishedAt)),
            source.ProfessionalHsaId is { } hsa ? new XElement(Core + "healthcareProfessionalHSAId", hsa) : null,
            source.ProfessionalName is { } name ? new XElement(Core + "healthcareProfessionalName", name) : null,
            new XElement(Core + "healthcareProfessionalOrgUnit",
                new XElement(Core + "orgUnitHSAId", source.OrgUnitHsaId),
                new XElement(Core + "orgUnitName", source.OrgUnitName)),
            new XElement(Core + "healthcareProfessionalCareUnitHSAId", source.CareUnitHsaId),
            new XElement(Core + "healthcareProfessionalCareGiverHSAId", source.CareGiverHsaId));

        return new XElement(Responder + "carePlan",
            new XElement(Core + "carePlanHeader",
                new XElement(Core + "documentId", DocumentId(sipCase, revision)),
                new XElement(Core + "sourceSystemHSAId", source.SourceSystemHsaId),
                new XElement(Core + "documentTitle",
                    (sv ? "Samordnad individuell plan (SIP), version " : "Coordinated individual plan (SIP), revision ") + revision.ToString(CultureInfo.InvariantCulture)),
                new XElement(Core + "documentTime", Time(plan.EstablishedAt)),
                new XElement(Core + "patientId",
                    new XElement(Core + "id", patientId),
                    new XElement(Core + "type", patientIdType)),
                professional,
                new XElement(Core + "approvedForPatient", sipCase.IsApprovedForIndividual(revision) ? "true" : "false")),
            new XElement(Core + "carePlanBody",
                new XElement(Core + "content",
                    new XElement(Core + "mediaType", "text/html"),
                    new XElement(Core + "value", Convert.ToBase64String(document))),
                new XElement(Core + "typeOfCarePlanEnum", "SIP")));
    }

    /// <summary>
    /// Wraps care-plan records in the contract's response body, <c>GetCarePlansResponse</c>, with the result OK.
    /// </summary>
    /// <param name="carePlans">The records (<see cref="CarePlan"/>).</param>
    /// <param name="logId">The id the producer logs the call under (the contract's <c>result/logId</c>), e.g. a UUID.</param>
    /// <returns>The response element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="carePlans"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="logId"/> is blank.</exception>
    public static XElement Response(IEnumerable<XElement> carePlans, string logId)
    {
        ArgumentNullException.ThrowIfNull(carePlans);
        Required(logId, nameof(logId));
        return new XElement(Responder + "GetCarePlansResponse",
            new XAttribute(XNamespace.Xmlns + "core", CoreNamespace),
            carePlans,
            new XElement(Responder + "result",
                new XElement(Core + "resultCode", "OK"),
                new XElement(Core + "logId", logId)));
    }

    /// <summary>The record's document id: the case and the revision, so it is stable and unique within the source system.</summary>
    /// <param name="sipCase">The case.</param>
    /// <param name="revision">The plan revision.</param>
    /// <returns>The id, <c>{case id}-{revision}</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    public static string DocumentId(SipCase sipCase, int revision)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        return $"{sipCase.Id}-{revision.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Time(DateTimeOffset at) => SipLegalReferences.SwedishTimeOf(at).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static void Required(string? value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"'{paramName}' is blank; the contract requires it.", paramName);
        }
    }
}
