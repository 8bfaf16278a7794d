using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Closes the case (<i>avslut</i>): coordination is no longer needed, no new needs are expected, the individual died,
/// moved away or asked to end the SIP. From an established plan too, without a follow-up first: a death or a move does
/// not wait for the booked follow-up. Each principal then documents the closing (<see cref="DocumentClosing"/>).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record CloseCase : SipCaseCommand
{
    /// <summary>
    /// <see cref="ClosureReason.CoordinationNoLongerNeeded"/>, <see cref="ClosureReason.NoNewNeedsExpected"/>,
    /// <see cref="ClosureReason.Deceased"/>, <see cref="ClosureReason.MovedAway"/> or
    /// <see cref="ClosureReason.IndividualRequestedEnd"/>; the other reasons have commands of their own
    /// (<see cref="WithdrawConsent"/>, <see cref="DeclineOffer"/>, <see cref="CloseAndRestart"/>, <see cref="DeclineToStart"/>).
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

    internal override int LimitReservePercent => 10;

    internal override SipTrigger Trigger => SipTrigger.CloseCase;

    internal override string EventType => SipEventTypes.CaseClosed;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var otherCommand = Reason switch
        {
            ClosureReason.ConsentWithdrawn => nameof(WithdrawConsent),
            ClosureReason.OfferDeclined => nameof(DeclineOffer),
            ClosureReason.LongTermGoalChanged => nameof(CloseAndRestart),
            ClosureReason.NotStarted => nameof(DeclineToStart),
            _ => null,
        };
        if (otherCommand is not null)
        {
            throw new ArgumentException(
                $"'{nameof(Reason)}' {Reason} has a command of its own: use {otherCommand}. CloseCase takes " +
                $"{nameof(ClosureReason.CoordinationNoLongerNeeded)}, {nameof(ClosureReason.NoNewNeedsExpected)}, {nameof(ClosureReason.Deceased)}, " +
                $"{nameof(ClosureReason.MovedAway)} or {nameof(ClosureReason.IndividualRequestedEnd)}.", nameof(Reason));
        }

        return new SipApplied(
            Closed(current, Reason, context.Now, Note),
            Details(("reason", Reason.ToString())));
    }
}
