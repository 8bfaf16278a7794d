using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>Where a requirement comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequirementSource>))]
public enum RequirementSource
{
    /// <summary>Statute (<i>lag</i>): always in force.</summary>
    [JsonStringEnumMemberName("Law")]
    Law = 1,

    /// <summary>National guidance from a state authority (<i>nationell vägledning</i>, e.g. Socialstyrelsen): in force where the policy says.</summary>
    [JsonStringEnumMemberName("NationalGuidance")]
    NationalGuidance = 2,

    /// <summary>A regional agreement or guideline (<i>regional överenskommelse, riktlinje</i>): in force where the policy says.</summary>
    [JsonStringEnumMemberName("RegionalAgreement")]
    RegionalAgreement = 3,

    /// <summary>
    /// Support from the sector's own organisation (<i>branschstöd</i>, e.g. SKR, Sveriges Kommuner och Regioner): good
    /// practice, not a state authority's guidance; in force where the policy says.
    /// </summary>
    [JsonStringEnumMemberName("SectorGuidance")]
    SectorGuidance = 4,

    /// <summary>
    /// A reading of the law that the statute text does not spell out (<i>härlett ur lagen</i>): on by default, and a
    /// policy switch where regional agreements read it otherwise.
    /// </summary>
    [JsonStringEnumMemberName("DerivedFromLaw")]
    DerivedFromLaw = 5,
}

/// <summary>Whether a requirement guards a step or sets a deadline.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequirementKind>))]
public enum RequirementKind
{
    /// <summary>Must be met before a step is taken; an unmet one refuses the command.</summary>
    [JsonStringEnumMemberName("Guard")]
    Guard = 1,

    /// <summary>A time limit; a passed one surfaces as due work (<i>bevakning</i>).</summary>
    [JsonStringEnumMemberName("Deadline")]
    Deadline = 2,
}

/// <summary>The language texts are given in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipLanguage>))]
public enum SipLanguage
{
    /// <summary>Swedish (<i>svenska</i>): the caseworker's language and the default.</summary>
    Swedish = 1,

    /// <summary>English.</summary>
    English = 2,
}

/// <summary>
/// One rule of the SIP process (<i>krav</i>) with a stable code, its source, the legal reference and a text in Swedish
/// and English. The same words appear in refusals, in the "what may happen next" checklist and in the process diagram.
/// </summary>
/// <remarks>
/// In JSON a requirement is written whole and read back by its <see cref="Code"/> as the catalogue's instance
/// (<see cref="SipRequirements"/>): an unknown code is refused.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
[JsonConverter(typeof(SipRequirementJsonConverter))]
public sealed class SipRequirement
{
    internal SipRequirement(string code, RequirementKind kind, RequirementSource source, IEnumerable<SipLegalReference> references, string swedish, string english)
    {
        Code = code;
        Kind = kind;
        Source = source;

        // A frozen copy: requirements share citation arrays, and a caller casting this list must not reach them.
        References = new Internal.SipList<SipLegalReference>([.. references]);
        SwedishText = swedish;
        EnglishText = english;
    }

    /// <summary>The stable code (e.g. <c>CONSENT-PLAN</c>); never changes between versions, so hosts can key on it.</summary>
    public string Code { get; }

    /// <summary>Guard or deadline.</summary>
    public RequirementKind Kind { get; }

    /// <summary>How binding the rule is: law, national guidance, sector guidance or a regional agreement.</summary>
    public RequirementSource Source { get; }

    /// <summary>Every source the rule rests on, over time: a provision replaced by a new law is kept, with its end date.</summary>
    public IReadOnlyList<SipLegalReference> References { get; }

    /// <summary>The requirement in Swedish.</summary>
    public string SwedishText { get; }

    /// <summary>The requirement in English.</summary>
    public string EnglishText { get; }

    /// <summary>The sources in force on <paramref name="date"/> (a Swedish calendar date).</summary>
    /// <param name="date">The date of the event: when a command was refused, when a deadline falls.</param>
    /// <returns>The references in force that day, in catalogue order.</returns>
    public IReadOnlyList<SipLegalReference> ReferencesOn(DateOnly date) => [.. References.Where(r => r.IsInForceOn(date))];

    /// <summary>The citation in force on <paramref name="date"/>, e.g. <c>16 kap. 4 § hälso- och sjukvårdslagen (2017:30); 10 kap. 8 § socialtjänstlagen (2025:400)</c>.</summary>
    /// <param name="date">The date of the event (a Swedish calendar date).</param>
    /// <returns>The citations in force that day, separated by "; ".</returns>
    public string CitationOn(DateOnly date) => string.Join("; ", ReferencesOn(date).Select(r => r.Citation));

    /// <summary>The text in <paramref name="language"/>.</summary>
    /// <param name="language">The language.</param>
    public string Text(SipLanguage language) => language == SipLanguage.English ? EnglishText : SwedishText;

    /// <inheritdoc />
    public override string ToString() => $"{Code}: {EnglishText}";
}

/// <summary>A requirement that was not met, in the language asked for, citing the law in force on the day it was checked.</summary>
/// <param name="Requirement">The requirement.</param>
/// <param name="Language">The language of <see cref="Text"/>.</param>
/// <param name="AsOf">The Swedish calendar date it was checked on: <see cref="LegalReference"/> cites what was in force then.</param>
public sealed record UnmetRequirement(SipRequirement Requirement, SipLanguage Language, DateOnly AsOf)
{
    /// <summary>The requirement's stable code.</summary>
    public string Code => Requirement.Code;

    /// <summary>The requirement's text in <see cref="Language"/>.</summary>
    public string Text => Requirement.Text(Language);

    /// <summary>The citation in force on <see cref="AsOf"/>.</summary>
    public string LegalReference => Requirement.CitationOn(AsOf);

    /// <summary>The source.</summary>
    public RequirementSource Source => Requirement.Source;
}
