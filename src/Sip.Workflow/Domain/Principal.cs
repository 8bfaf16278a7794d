using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// The two bodies with a legal duty to make a SIP (<i>huvudmän</i>).
/// </summary>
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
        init => field = Check.Text(value, nameof(Name), SipLimits.NameMaxLength);
    }

    /// <summary>The host's identifier for the organisation (e.g. an HSA id), if any.</summary>
    public string? Identifier
    {
        get;
        init => field = Check.OptionalText(value, nameof(Identifier), SipLimits.NameMaxLength);
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
        init => field = Check.Text(value, nameof(Name), SipLimits.NameMaxLength);
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
