namespace Sip.Workflow;

/// <summary>Where a requirement comes from.</summary>
public enum RequirementSource
{
    /// <summary>Statute (<i>lag</i>): always in force.</summary>
    Law = 1,

    /// <summary>National guidance (<i>nationell vägledning</i>: Socialstyrelsen, SKR): in force where the policy says.</summary>
    NationalGuidance = 2,

    /// <summary>A regional agreement (<i>regional överenskommelse</i>): in force where the policy says.</summary>
    RegionalAgreement = 3,
}

/// <summary>Whether a requirement guards a step or sets a deadline.</summary>
public enum RequirementKind
{
    /// <summary>Must be met before a step is taken; an unmet one refuses the command.</summary>
    Guard = 1,

    /// <summary>A time limit; a passed one surfaces as due work (<i>bevakning</i>).</summary>
    Deadline = 2,
}

/// <summary>The language texts are given in.</summary>
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
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed class SipRequirement
{
    internal SipRequirement(string code, RequirementKind kind, RequirementSource source, string legalReference, string swedish, string english)
    {
        Code = code;
        Kind = kind;
        Source = source;
        LegalReference = legalReference;
        SwedishText = swedish;
        EnglishText = english;
    }

    /// <summary>The stable code (e.g. <c>CONSENT-PLAN</c>); never changes between versions, so hosts can key on it.</summary>
    public string Code { get; }

    /// <summary>Guard or deadline.</summary>
    public RequirementKind Kind { get; }

    /// <summary>Law, national guidance or regional agreement.</summary>
    public RequirementSource Source { get; }

    /// <summary>Where the rule is written, e.g. "16 kap. 4 § HSL".</summary>
    public string LegalReference { get; }

    /// <summary>The requirement in Swedish.</summary>
    public string SwedishText { get; }

    /// <summary>The requirement in English.</summary>
    public string EnglishText { get; }

    /// <summary>The text in <paramref name="language"/>.</summary>
    /// <param name="language">The language.</param>
    public string Text(SipLanguage language) => language == SipLanguage.English ? EnglishText : SwedishText;

    /// <inheritdoc />
    public override string ToString() => $"{Code}: {EnglishText} ({LegalReference})";
}

/// <summary>A requirement that was not met, in the language asked for.</summary>
/// <param name="Requirement">The requirement.</param>
/// <param name="Language">The language of <see cref="Text"/>.</param>
public sealed record UnmetRequirement(SipRequirement Requirement, SipLanguage Language)
{
    /// <summary>The requirement's stable code.</summary>
    public string Code => Requirement.Code;

    /// <summary>The requirement's text in <see cref="Language"/>.</summary>
    public string Text => Requirement.Text(Language);

    /// <summary>The legal reference.</summary>
    public string LegalReference => Requirement.LegalReference;

    /// <summary>The source.</summary>
    public RequirementSource Source => Requirement.Source;
}
