using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Decides after a follow-up that the plan continues unchanged (<i>planen gäller oförändrad</i>): back to the
/// established plan with the next follow-up booked. Besides revising, closing, and closing to restart.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ConfirmPlanUnchanged : SipCaseCommand
{
    /// <summary>The next follow-up: a plan in force always has one booked. Its date must lie ahead.</summary>
    public required FollowUpBooking NextFollowUp
    {
        get;
        init => field = Check.NotNull(value, nameof(NextFollowUp));
    }

    internal override SipTrigger Trigger => SipTrigger.ConfirmPlanUnchanged;

    internal override string EventType => SipEventTypes.PlanConfirmedUnchanged;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        Check.Booked(NextFollowUp.At, context.Now, $"{nameof(NextFollowUp)}.{nameof(FollowUpBooking.At)}");
        return new SipApplied(
            Decided(current, FollowUpOutcome.ContinuedUnchanged) with { FollowUpBooking = NextFollowUp },
            Details(("nextFollowUpAt", Moment(NextFollowUp.At))));
    }
}
