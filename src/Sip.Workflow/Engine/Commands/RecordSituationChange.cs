using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records a substantial change in the individual's situation before the booked follow-up (Region Värmland: the lead
/// principal is told and calls the parties): an early follow-up becomes due work
/// (<see cref="SipRequirements.DeadlineEarlyFollowUp"/>) until a follow-up is held.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordSituationChange : SipCaseCommand
{
    /// <summary>The change. The engine stamps when it was recorded.</summary>
    public required SituationChange Change
    {
        get;
        init => field = Check.NotNull(value, nameof(Change));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordSituationChange;

    internal override string EventType => SipEventTypes.SituationChangeRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var occurred = Check.Recorded(Change.OccurredAt, context.Now, $"{nameof(Change)}.{nameof(SituationChange.OccurredAt)}");
        var change = Change with { RecordedAt = context.Now };
        return new SipApplied(current with { SituationChanges = [.. current.SituationChanges, change] },
            Details(("occurredAt", Moment(occurred))));
    }
}
