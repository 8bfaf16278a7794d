using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records that a copy of a plan revision was handed to the individual or to a participant (<i>alla på mötet får ett
/// exemplar av SIP</i>, Region Värmland; <i>samordnaren ser till att alla andra deltagare också får ett</i>, Region
/// Halland). A copy to a participant discloses the plan: the consent to information sharing must cover that party.
/// Until everyone taking part has the revision in force, <see cref="SipCase.ParticipantsAwaitingPlanCopy"/> and
/// <see cref="SipCase.IndividualAwaitsPlanCopy"/> say who is missing, and where the policy watches it the copies are
/// due work (<see cref="SipRequirements.DeadlinePlanDistributed"/>).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordPlanDistributed : SipCaseCommand
{
    /// <summary>The copy: which revision, to whom, how and when.</summary>
    public required PlanDistribution Distribution
    {
        get;
        init => field = Check.NotNull(value, nameof(Distribution));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordPlanDistributed;

    internal override string EventType => SipEventTypes.PlanDistributed;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var d = Distribution;
        var plan = PlanRevision(current, d.Revision, $"{nameof(Distribution)}.{nameof(PlanDistribution.Revision)}");
        var idParam = $"{nameof(Distribution)}.{nameof(PlanDistribution.ParticipantId)}";
        Participant? recipient = null;
        if (d.Recipient == PlanRecipientKind.Participant)
        {
            recipient = Participant(current, d.ParticipantId
                ?? throw new ArgumentException($"'{idParam}' is required when the recipient is a participant; name the participant who received the copy.", idParam), idParam);
            if (!recipient.IsActive)
            {
                throw new ArgumentException(
                    $"'{idParam}' names {recipient.Id}, which no longer takes part (its summons was forwarded, or consent was withdrawn towards it); it is not to have the plan.",
                    idParam);
            }
        }
        else if (d.ParticipantId is not null)
        {
            throw new ArgumentException($"'{idParam}' is for a participant; leave it out when the individual received the copy.", idParam);
        }

        var atParam = $"{nameof(Distribution)}.{nameof(PlanDistribution.DistributedAt)}";
        Check.Recorded(d.DistributedAt, context.Now, atParam);

        // A copy is handed out at the meeting the revision was made at, or later: never before the plan existed.
        var earliest = plan.MeetingId is { } meetingId && current.Meetings.FirstOrDefault(m => m.Id == meetingId) is { } meeting
            ? meeting.StartsAt
            : plan.EstablishedAt;
        if (d.DistributedAt < earliest - Check.ClockSkew)
        {
            throw new ArgumentException(
                $"'{atParam}' lies before revision {d.Revision} of the plan was made; a copy is handed out at the meeting or after.", atParam);
        }

        return new SipApplied(current with { PlanDistributions = [.. current.PlanDistributions, d] },
            Details(("revision", Count(d.Revision)), ("recipient", d.Recipient.ToString()), ("participantId", d.ParticipantId?.ToString()),
                ("channel", d.Channel.ToString()), ("distributedAt", Moment(d.DistributedAt))),
            Party: recipient);
    }
}
