using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Records that the individual withdrew consent (<i>återkallat samtycke</i>): ends the SIP.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record WithdrawConsent : SipCaseCommand
{
    /// <summary>When it was withdrawn; now unless given. Not in the future.</summary>
    public DateTimeOffset? WithdrawnAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(WithdrawnAt));
    }

    /// <summary>A note on the withdrawal, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }

    internal override SipTrigger Trigger => SipTrigger.WithdrawConsent;

    internal override string EventType => SipEventTypes.ConsentWithdrawn;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var at = Check.Recorded(WithdrawnAt ?? context.Now, context.Now, nameof(WithdrawnAt));
        var standing = current.Consents.Where(x => x.IsActive).ToArray();
        if (standing.Length == 0)
        {
            throw new ArgumentException(
                $"Case {current.Id} has no standing consent to withdraw. If the individual says no to the offer of a SIP, record DeclineOffer.",
                "command");
        }

        if (standing.Any(x => x.GivenAt > at))
        {
            throw new ArgumentOutOfRangeException(nameof(WithdrawnAt), at,
                $"'{nameof(WithdrawnAt)}' lies before a standing consent was given; a consent is withdrawn after it is given.");
        }

        var closed = current with
        {
            Consents = [.. current.Consents.Select(x => x.IsActive ? x with { WithdrawnAt = at } : x)],
            Closure = new Closure { Reason = ClosureReason.ConsentWithdrawn, ClosedAt = context.Now, Note = Note },
            FollowUpBooking = null,
        };
        return new SipApplied(closed, Details(("withdrawnConsents", Count(standing.Length)), ("withdrawnAt", Moment(at))));
    }
}
