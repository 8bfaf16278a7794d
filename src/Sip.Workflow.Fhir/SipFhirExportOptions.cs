namespace Sip.Workflow.Fhir;

/// <summary>
/// The individual as the host's patient register names them: an identifier system and value (in Sweden typically the
/// personnummer's OID <c>urn:oid:1.2.752.129.2.1.3.1</c> and the number). The library stores neither; the host passes
/// them in at export, and the bundle references the individual by this identifier only.
/// </summary>
/// <param name="System">The identifier system (an absolute URI, e.g. <c>urn:oid:1.2.752.129.2.1.3.1</c>).</param>
/// <param name="Value">The identifier.</param>
public sealed record FhirPatientIdentifier(string System, string Value)
{
    /// <summary>Shows the system only: the value identifies a person and must not reach a log.</summary>
    public override string ToString() => $"FhirPatientIdentifier ({System})";
}

/// <summary>How <see cref="SipFhirExporter"/> codes what FHIR and the Swedish base profiles have no code for.</summary>
/// <remarks>
/// No Swedish SIP FHIR profile exists, and HL7 has no code for "samordnad individuell plan". The exporter therefore codes
/// the CarePlan category, goal horizons, care-team roles and history hashes in a local code system the host names with
/// <see cref="LocalCodeSystemBase"/>. The default is this library's own namespace: it is documented here and claims no
/// national standing. A host that follows a national value set (Inera's type-of-care-plan code system, for one) sets it.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipFhirExportOptions
{
    /// <summary>The default base of the local code systems: <c>urn:sip-workflow:fhir</c>, this library's, not a national one.</summary>
    public const string DefaultLocalCodeSystemBase = "urn:sip-workflow:fhir";

    /// <summary>
    /// The base the local code systems are named under: the CarePlan category is <c>{base}:careplan-category</c> (code
    /// <c>SIP</c>), goal horizons <c>{base}:goal-horizon</c>, care-team roles <c>{base}:careteam-role</c>, and the history
    /// hash extension <c>{base}:history-hash</c>.
    /// </summary>
    /// <value>The default is <see cref="DefaultLocalCodeSystemBase"/>.</value>
    public string LocalCodeSystemBase { get; init; } = DefaultLocalCodeSystemBase;

    /// <summary>The identifier system HSA ids of units are written under, when an organisation carries an identifier.</summary>
    /// <value>The default is <c>urn:oid:1.2.752.29.4.19</c>, the HSA id's OID.</value>
    public string OrganisationIdentifierSystem { get; init; } = "urn:oid:1.2.752.29.4.19";

    /// <summary>Shows the code-system base only.</summary>
    public override string ToString() => $"SipFhirExportOptions ({LocalCodeSystemBase})";
}
