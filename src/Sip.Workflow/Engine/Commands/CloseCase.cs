using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Closes the case (<i>avslut</i>) because coordination is no longer needed or no new needs are expected.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record CloseCase : SipCaseCommand
{
    /// <summary>
    /// <see cref="ClosureReason.CoordinationNoLongerNeeded"/> or <see cref="ClosureReason.NoNewNeedsExpected"/>; the other
    /// reasons have commands of their own (<see cref="WithdrawConsent"/>, <see cref="DeclineOffer"/>, <see cref="CloseAndRestart"/>).
    /// </summary>
    public required ClosureReason Reason
    {
        get;
        init => field = Check.Defined(value, nameof(Reason));
    }

    /// <summary>A note on the closing, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }

    internal override SipTrigger Trigger => SipTrigger.CloseCase;

    internal override string EventType => SipEventTypes.CaseClosed;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var otherCommand = Reason switch
        {
            ClosureReason.ConsentWithdrawn => nameof(WithdrawConsent),
            ClosureReason.OfferDeclined => nameof(DeclineOffer),
            ClosureReason.LongTermGoalChanged => nameof(CloseAndRestart),
            _ => null,
        };
        if (otherCommand is not null)
        {
            throw new ArgumentException(
                $"'{nameof(Reason)}' {Reason} has a command of its own: use {otherCommand}. CloseCase takes " +
                $"{nameof(ClosureReason.CoordinationNoLongerNeeded)} or {nameof(ClosureReason.NoNewNeedsExpected)}.", nameof(Reason));
        }

        return new SipApplied(current with { Closure = new Closure { Reason = Reason, ClosedAt = context.Now, Note = Note }, FollowUpBooking = null },
            Details(("reason", Reason.ToString())));
    }
}
