using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Updates where an intervention of the plan in force stands between follow-ups: planned, ongoing, done or cancelled.
/// Done and cancelled are final for the revision: an intervention to be taken up again goes into a revised plan.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record UpdateInterventionStatus : SipCaseCommand
{
    /// <summary>The change. The engine stamps when and the plan revision.</summary>
    public required InterventionStatusChange Change
    {
        get;
        init => field = Check.NotNull(value, nameof(Change));
    }

    internal override SipTrigger Trigger => SipTrigger.UpdateInterventionStatus;

    internal override string EventType => SipEventTypes.InterventionStatusUpdated;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var param = $"{nameof(Change)}.{nameof(InterventionStatusChange.InterventionId)}";
        var status = current.StatusOf(Change.InterventionId)
            ?? throw new ArgumentException($"'{param}' names {Change.InterventionId}, which is not an intervention of the plan in force.", param);
        if (status is InterventionStatus.Done or InterventionStatus.Cancelled)
        {
            throw new ArgumentException(
                $"Intervention {Change.InterventionId} is {status}, which is final for this plan revision; to take it up again, revise the plan.", param);
        }

        if (status == Change.Status)
        {
            throw new ArgumentException($"Intervention {Change.InterventionId} is already {status}.", $"{nameof(Change)}.{nameof(InterventionStatusChange.Status)}");
        }

        var change = Change with { ChangedAt = context.Now, PlanRevision = current.Plan!.Revision };
        return new SipApplied(current with { InterventionStatusChanges = [.. current.InterventionStatusChanges, change] },
            Details(("interventionId", change.InterventionId.ToString()), ("from", status.ToString()), ("to", change.Status.ToString()),
                ("planRevision", Count(change.PlanRevision))));
    }
}
