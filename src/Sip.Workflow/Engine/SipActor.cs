using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// Who issues a command or reads a case: every change and every read names a user, their organisation and their role.
/// There are no anonymous changes.
/// </summary>
/// <remarks>
/// The host owns identity and login and vouches for what it puts here; the library decides, from these values and the case,
/// what the actor may do (<see cref="ISipAccessPolicy"/>). Staff with an HSA-id give it in <see cref="HsaId"/>; kommun staff
/// without one are named by <see cref="UserId"/> and their organisation alone.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipActor
{
    /// <summary>The host's user id (e.g. an HSA id or login name).</summary>
    public required string UserId
    {
        get;
        init => field = Check.Text(value, nameof(UserId), SipLimits.NameMaxLength);
    }

    /// <summary>The organisation or unit the user acts for.</summary>
    public required string Organisation
    {
        get;
        init => field = Check.Name(value, nameof(Organisation));
    }

    /// <summary>
    /// The identifier of the organisation or unit the user acts for, as the case's units carry it
    /// (<see cref="OrganisationReference.Identifier"/>, e.g. an HSA-id of the unit), if the host has one. With it, the actor
    /// belongs to a unit of the case when the identifiers match; without it (or when the unit has none), when the names do.
    /// </summary>
    public string? OrganisationId
    {
        get;
        init => field = Check.OptionalText(value, nameof(OrganisationId), SipLimits.NameMaxLength);
    }

    /// <summary>
    /// The user's HSA-id, when they have one: <c>SE</c>, the ten digits of the organisation number of the HSA-id's issuer,
    /// a hyphen and an extension of 1 to 20 letters or digits (e.g. <c>SE2321000016-15CQ</c>). Only the form is checked; the
    /// host's login vouches for the person. Kommun staff without an HSA-id leave it out.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not of the HSA-id form.</exception>
    public string? HsaId
    {
        get;
        init => field = value is null ? null : SipHsaId.Validated(value, nameof(HsaId));
    }

    /// <summary>The user's role (e.g. "fast vårdkontakt", "biståndshandläggare").</summary>
    public required string Role
    {
        get;
        init => field = Check.Text(value, nameof(Role), SipLimits.NameMaxLength);
    }

    /// <summary>The actor's organisation as a unit reference, to compare with the case's units.</summary>
    [JsonIgnore]
    internal OrganisationReference Unit
    {
        get
        {
            // Both values passed the same checks when this actor was made (a name, and a text of a name's length), and
            // the access rules ask for the unit on every command: built without checking them again.
            using var trusted = Check.TrustedRead();
            return new() { Name = Organisation, Identifier = OrganisationId };
        }
    }
}
