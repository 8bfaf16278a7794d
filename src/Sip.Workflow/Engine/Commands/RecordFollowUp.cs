using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Records a follow-up of the plan (<i>uppföljning</i>).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordFollowUp : SipCaseCommand
{
    /// <summary>
    /// The follow-up as held: its <see cref="FollowUpRecord.HeldAt"/> must not lie in the future nor before the plan it
    /// follows up. The engine records which plan revision it followed up and whether it came early.
    /// </summary>
    public required FollowUpRecord FollowUp
    {
        get;
        init => field = Check.NotNull(value, nameof(FollowUp));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordFollowUp;

    internal override string EventType => SipEventTypes.FollowUpRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var heldAt = Check.Recorded(FollowUp.HeldAt, context.Now, nameof(FollowUpRecord.HeldAt));
        if (current.Plan is { } plan && heldAt < plan.EstablishedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(FollowUpRecord.HeldAt), heldAt,
                $"'{nameof(FollowUpRecord.HeldAt)}' is {Moment(heldAt)}, before the plan it follows up was established ({Moment(plan.EstablishedAt)}).");
        }

        EnsureNotSent(FollowUp.Outcome is not null, $"{nameof(FollowUp)}.{nameof(FollowUpRecord.Outcome)}",
            "when the decision is taken (RevisePlan, ConfirmPlanUnchanged, CloseCase, CloseAndRestart)");

        if (current.FollowUps.Any(f => f.Id == FollowUp.Id))
        {
            throw new ArgumentException($"Follow-up {FollowUp.Id} is already recorded.", $"{nameof(FollowUp)}.{nameof(FollowUpRecord.Id)}");
        }

        // Early by the Swedish calendar day: a follow-up at 23:30 on the evening before a booking at 00:30 is a day early.
        var early = current.FollowUpBooking is { } booked && SipLegalReferences.SwedishDateOf(heldAt) < SipLegalReferences.SwedishDateOf(booked.At);
        var record = FollowUp with { PlanRevision = current.PlanRevisions.Count, Early = early };

        // The booking is used up: a revision books the next follow-up.
        return new SipApplied(current with { FollowUps = [.. current.FollowUps, record], FollowUpBooking = null },
            Details(("followUpId", record.Id.ToString()), ("planRevision", Count(record.PlanRevision)), ("early", Flag(early))));
    }
}
