using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// Who issues a command: every change names a user, their organisation and their role. There are no anonymous changes.
/// </summary>
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

    /// <summary>The user's role (e.g. "fast vårdkontakt", "biståndshandläggare").</summary>
    public required string Role
    {
        get;
        init => field = Check.Text(value, nameof(Role), SipLimits.NameMaxLength);
    }
}
