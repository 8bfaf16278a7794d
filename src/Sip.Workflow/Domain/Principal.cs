using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// The two bodies with a legal duty to make a SIP (<i>huvudmän</i>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PrincipalKind>))]
public enum PrincipalKind
{
    /// <summary>The municipality (<i>kommun</i>): social services, municipal health care, school.</summary>
    [JsonStringEnumMemberName("Municipality")]
    Municipality = 1,

    /// <summary>The region (<i>region</i>): health care.</summary>
    [JsonStringEnumMemberName("Region")]
    Region = 2,
}

/// <summary>An organisation or unit taking part in a SIP, as the host names it (e.g. "Vårdcentralen Söder").</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record OrganisationReference
{
    /// <summary>The organisation's display name.</summary>
    public required string Name
    {
        get;
        init => field = Check.Name(value, nameof(Name));
    }

    /// <summary>The host's identifier for the organisation (e.g. an HSA id), if any.</summary>
    public string? Identifier
    {
        get;
        init => field = Check.OptionalText(value, nameof(Identifier), SipLimits.NameMaxLength);
    }

    /// <summary>
    /// Whether <paramref name="other"/> names the same organisation: by <see cref="Identifier"/> when both have one,
    /// otherwise by <see cref="Name"/> without regard to case or surrounding white space. Used where a person named the
    /// organisation (a consent's parties), so that spelling the name differently does not escape an exception.
    /// </summary>
    /// <param name="other">The other organisation; <see langword="null"/> is never the same.</param>
    public bool IsSameOrganisation(OrganisationReference? other)
        => other is not null && (Identifier is not null && other.Identifier is not null
            ? SipKeyText.Same(Identifier, other.Identifier)
            : SipKeyText.Same(NormalName(Name), NormalName(other.Name)));

    /// <summary>
    /// Whether <paramref name="other"/> may be the same organisation: the same identifier, or the same name (without regard
    /// to case, white space or Unicode form). Used where a match must fail closed — an exception or a withdrawal towards a
    /// party — so that neither a second identifier nor a respelt name escapes it.
    /// </summary>
    /// <param name="other">The other organisation; <see langword="null"/> never matches.</param>
    public bool MayBeSameOrganisation(OrganisationReference? other)
        => other is not null
            && ((Identifier is not null && other.Identifier is not null && SipKeyText.Same(Identifier, other.Identifier))
                || SipKeyText.Same(NormalName(Name), NormalName(other.Name)));

    // The key forms of the comparisons above, "without regard to case" being equality of the invariant upper case: the
    // very values the access keys are made of (SipCaseAccessKeys), so that a key matches exactly when the comparison does.
    internal string? IdentifierKey => Identifier?.Trim().ToUpperInvariant();

    internal string NameKey => NormalName(Name).ToUpperInvariant();

    // NFC, every run of white space (the no-break space included) as one space, trimmed. A name already so (as names the
    // library checked are, but for their spacing) is returned as it is: the rules compare units on every command.
    private static string NormalName(string name)
        => IsNormalName(name) ? name : string.Join(' ', name.Normalize(System.Text.NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // In form C (see Check.FormC), with no white space but single spaces between words.
    private static bool IsNormalName(string name)
    {
        if (!ReferenceEquals(Internal.Check.FormC(name), name))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsWhiteSpace(name[i]) && (name[i] != ' ' || i == 0 || i == name.Length - 1 || name[i - 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A named person (a contact, a coordinator, a substitute).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ContactPerson
{
    /// <summary>The person's name.</summary>
    public required string Name
    {
        get;
        init => field = Check.Name(value, nameof(Name));
    }

    /// <summary>
    /// The person's user id in the host's systems (as <see cref="SipActor.UserId"/> carries it), if given: it makes the
    /// person a named user of the case (<see cref="SipCaseRoles.NamedUser"/>, and <see cref="SipCaseRoles.Coordinator"/> for
    /// the coordinator), who may read a case whose individual has a protected identity.
    /// </summary>
    public string? UserId
    {
        get;
        init => field = Check.OptionalText(value, nameof(UserId), SipLimits.NameMaxLength);
    }

    /// <summary>The person's title or role (e.g. "biståndshandläggare"), if given.</summary>
    public string? Title
    {
        get;
        init => field = Check.OptionalText(value, nameof(Title), SipLimits.NameMaxLength);
    }

    /// <summary>Telephone, e-mail or other work contact details, if given.</summary>
    public string? ContactDetails
    {
        get;
        init => field = Check.OptionalText(value, nameof(ContactDetails), SipLimits.ShortTextMaxLength);
    }

    /// <summary>Shows ids and codes only, never free text or personal data, so the value cannot leak into a log through formatting.</summary>
    public override string ToString() => "ContactPerson(***)";
}
