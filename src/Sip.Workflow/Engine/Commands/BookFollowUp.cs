using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Books the follow-up: date and place. The date must lie ahead.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record BookFollowUp : SipCaseCommand
{
    /// <summary>The booking.</summary>
    public required FollowUpBooking Booking
    {
        get;
        init => field = Check.NotNull(value, nameof(Booking));
    }

    internal override SipTrigger Trigger => SipTrigger.BookFollowUp;

    internal override string EventType => SipEventTypes.FollowUpBooked;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        Check.Booked(Booking.At, context.Now, nameof(FollowUpBooking.At));
        return new SipApplied(current with { FollowUpBooking = Booking }, Details(("at", Moment(Booking.At))));
    }
}
