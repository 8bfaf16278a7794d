using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Establishing or revising the plan: the plan's content, and what may be decided at the same meeting.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public abstract record PlanCommand : SipCaseCommand
{
    private protected PlanCommand()
    {
    }

    /// <summary>
    /// The plan as agreed at the meeting. The engine numbers the revision and stamps when it was established; its
    /// <see cref="SipPlan.MeetingId"/> is the latest plan or follow-up meeting unless given.
    /// </summary>
    public required SipPlan Plan
    {
        get;
        init => field = Check.NotNull(value, nameof(Plan));
    }

    /// <summary>The lead principal appointed at the meeting, if not appointed before.</summary>
    public LeadPrincipal? LeadPrincipal { get; init; }

    /// <summary>The follow-up booked at the meeting, if not booked before.</summary>
    public FollowUpBooking? FollowUpBooking { get; init; }

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var given = Plan;
        if (given.Goals.Select(g => g.Id).Distinct().Count() != given.Goals.Count)
        {
            throw new ArgumentException($"'{nameof(SipPlan.Goals)}' has two goals with the same id.", nameof(SipPlan.Goals));
        }

        if (given.Interventions.Select(i => i.Id).Distinct().Count() != given.Interventions.Count)
        {
            throw new ArgumentException($"'{nameof(SipPlan.Interventions)}' has two interventions with the same id.", nameof(SipPlan.Interventions));
        }

        if (given.Needs.Select(n => n.Id).Distinct().Count() != given.Needs.Count)
        {
            throw new ArgumentException($"'{nameof(SipPlan.Needs)}' has two needs with the same id.", nameof(SipPlan.Needs));
        }

        foreach (var goal in given.Goals)
        {
            if (goal.NeedId is { } need && !given.Needs.Any(n => n.Id == need))
            {
                throw new ArgumentException($"Goal {goal.Id} answers need {need}, which is not among this plan's needs.", nameof(SipPlan.Goals));
            }
        }

        foreach (var intervention in given.Interventions)
        {
            if (intervention.NeedId is { } need && !given.Needs.Any(n => n.Id == need))
            {
                throw new ArgumentException(
                    $"Intervention {intervention.Id} answers need {need}, which is not among this plan's needs.", nameof(SipPlan.Interventions));
            }

            if (intervention.PerformedBy is { } by && current.FindParticipant(by) is null)
            {
                throw new ArgumentException(
                    $"Intervention {intervention.Id} is performed by {by}, which is not a participant of this case.", nameof(SipPlan.Interventions));
            }

            if (intervention.GoalId is { } goal && !given.Goals.Any(g => g.Id == goal))
            {
                throw new ArgumentException(
                    $"Intervention {intervention.Id} serves goal {goal}, which is not among this plan's goals.", nameof(SipPlan.Interventions));
            }
        }

        if (given.NoActionsByOthers && given.Interventions.Any(i => !i.IsByPrincipal))
        {
            throw new ArgumentException(
                $"'{nameof(SipPlan.NoActionsByOthers)}' says no one but kommun and region acts, yet the plan lists actions by others; set it only when there are none.",
                nameof(SipPlan.NoActionsByOthers));
        }

        foreach (var principal in given.NoInterventionsFrom)
        {
            if (!Enum.IsDefined(principal))
            {
                throw new ArgumentOutOfRangeException(nameof(SipPlan.NoInterventionsFrom), principal,
                    $"'{nameof(SipPlan.NoInterventionsFrom)}' names {principal}, which is not a defined {nameof(PrincipalKind)}.");
            }

            var responsible = principal == PrincipalKind.Municipality ? ResponsibleKind.Municipality : ResponsibleKind.Region;
            if (given.Interventions.Any(i => i.Responsible == responsible))
            {
                throw new ArgumentException(
                    $"'{nameof(SipPlan.NoInterventionsFrom)}' says the {principal} has no intervention at present, yet the plan lists one for it; state it only for a principal with none.",
                    nameof(SipPlan.NoInterventionsFrom));
            }
        }

        if (given.NoInterventionsFrom.Distinct().Count() != given.NoInterventionsFrom.Count)
        {
            throw new ArgumentException($"'{nameof(SipPlan.NoInterventionsFrom)}' names the same principal twice.", nameof(SipPlan.NoInterventionsFrom));
        }

        if (FollowUpBooking is { } booking)
        {
            Check.Booked(booking.At, context.Now, nameof(Workflow.FollowUpBooking.At));
        }

        if (LeadPrincipal is { } lead)
        {
            EnsureCalledPrincipal(current, lead, nameof(LeadPrincipal));
        }

        // The plan is made at a plan or follow-up meeting (never at the principals' pre-meeting); that it has been held is a
        // guard (PLAN-MEETING-HELD), so the checklist shows it like every other rule.
        var meeting = given.MeetingId is { } named
            ? current.Meetings.FirstOrDefault(m => m.Id == named)
                ?? throw new ArgumentException($"'{nameof(SipPlan.MeetingId)}' {named} is not a meeting of this case.", nameof(SipPlan.MeetingId))
            : current.MeetingForPlan;
        if (meeting is { Purpose: MeetingPurpose.PreMeeting })
        {
            throw new ArgumentException(
                $"'{nameof(SipPlan.MeetingId)}' names a pre-meeting between the principals; the plan is made at the SIP meeting with the individual.", nameof(SipPlan.MeetingId));
        }

        // Each revision keeps the lead principal, coordinator and follow-up it was made with: the four statutory items
        // of any historical revision can be read from the revision alone.
        var leadPrincipal = LeadPrincipal ?? current.LeadPrincipal;
        var followUp = FollowUpBooking ?? current.FollowUpBooking;
        var plan = given with
        {
            Revision = current.PlanRevisions.Count + 1, EstablishedAt = context.Now, MeetingId = meeting?.Id, LeadPrincipal = leadPrincipal, FollowUpBooking = followUp,
        };
        var staged = Decided(current, FollowUpOutcome.Revised) with
        {
            PlanRevisions = [.. current.PlanRevisions, plan],
            LeadPrincipal = leadPrincipal,
            FollowUpBooking = followUp,
            PlanEstablishedAt = current.PlanEstablishedAt ?? context.Now,
        };
        return new SipApplied(staged, Details(("revision", Count(plan.Revision)), ("meetingId", plan.MeetingId?.ToString()),
            ("goals", Count(plan.Goals.Count)), ("interventions", Count(plan.Interventions.Count))));
    }
}

/// <summary>Records the SIP meeting and establishes the plan (<i>upprätta SIP</i>).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record EstablishPlan : PlanCommand
{
    internal override SipTrigger Trigger => SipTrigger.EstablishPlan;

    internal override string EventType => SipEventTypes.PlanEstablished;
}

/// <summary>Revises the plan after a follow-up (<i>revidera planen</i>).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RevisePlan : PlanCommand
{
    internal override SipTrigger Trigger => SipTrigger.RevisePlan;

    internal override string EventType => SipEventTypes.PlanRevised;
}
