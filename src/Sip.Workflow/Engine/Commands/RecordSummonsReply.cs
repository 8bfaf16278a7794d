using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records a party's answer to the summons or invitation for a meeting: accepts with a named attendee, declines with a
/// reason, or names a substitute. A called principal's attendee has the mandate to decide. A forward is recorded by
/// <see cref="ForwardSummons"/>, which answers for the forwarding unit.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordSummonsReply : SipCaseCommand
{
    /// <summary>The answer; its meeting must have had a summons sent.</summary>
    public required SummonsReply Reply
    {
        get;
        init => field = Check.NotNull(value, nameof(Reply));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordSummonsReply;

    internal override string EventType => SipEventTypes.SummonsReplyRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        const string reply = nameof(Reply);
        var at = Check.Recorded(Reply.RepliedAt ?? context.Now, context.Now, $"{reply}.{nameof(SummonsReply.RepliedAt)}");
        var participantParam = $"{reply}.{nameof(SummonsReply.ParticipantId)}";
        var participant = Participant(current, Reply.ParticipantId, participantParam);
        var meetingParam = $"{reply}.{nameof(SummonsReply.MeetingId)}";
        var summons = SentSummons(current, Reply.MeetingId, meetingParam, "an answer");

        if (current.Meetings.First(m => m.Id == Reply.MeetingId).IsHeld)
        {
            throw new ArgumentException($"Meeting {Reply.MeetingId} has been held; who came is its attendance (RecordAttendance), not a reply.", meetingParam);
        }

        if (!participant.IsActive || !current.SummonedTo(Reply.MeetingId).Contains(participant))
        {
            throw new ArgumentException(
                $"Participant {participant.Id} {(participant.IsActive ? "was not sent the summons for this meeting; send the summons again (SendSummons) to include it" : "no longer takes part (it forwarded the summons, or the consent was withdrawn towards it)")}.",
                participantParam);
        }

        NotBeforeSummons(summons, at, $"{reply}.{nameof(SummonsReply.RepliedAt)}");
        EnsureNotSent(Reply.ForwardedTo is not null, $"{reply}.{nameof(SummonsReply.ForwardedTo)}", "when a summons is forwarded (ForwardSummons)");

        switch (Reply.Answer)
        {
            case SummonsAnswer.Forwarded:
                throw new ArgumentException(
                    $"A forward is recorded with {nameof(ForwardSummons)}, which names the unit it goes to and answers for the forwarding unit.",
                    $"{reply}.{nameof(SummonsReply.Answer)}");
            case SummonsAnswer.Accepted or SummonsAnswer.SubstituteNamed when Reply.Attendee is null:
                throw new ArgumentException(
                    $"'{reply}.{nameof(SummonsReply.Attendee)}' is missing; an acceptance or a substitute names who comes.", $"{reply}.{nameof(SummonsReply.Attendee)}");
            case SummonsAnswer.Accepted or SummonsAnswer.SubstituteNamed
                when participant.Role == ParticipationRole.Called && !Reply.AttendeeHasMandateToDecide:
                throw new ArgumentException(
                    "A called principal comes with someone who has the mandate to decide on its interventions (mandat att fatta beslut); " +
                    $"set '{reply}.{nameof(SummonsReply.AttendeeHasMandateToDecide)}' or name someone who has it.",
                    $"{reply}.{nameof(SummonsReply.AttendeeHasMandateToDecide)}");
            case SummonsAnswer.Declined when Reply.Reason is null:
                throw new ArgumentException(
                    $"'{reply}.{nameof(SummonsReply.Reason)}' is missing; a party that does not come says why.", $"{reply}.{nameof(SummonsReply.Reason)}");
            case SummonsAnswer.Declined when Reply.Attendee is not null:
                throw new ArgumentException(
                    $"'{reply}.{nameof(SummonsReply.Attendee)}' is given, but the party declines; name a substitute with {nameof(SummonsAnswer.SubstituteNamed)} instead.",
                    $"{reply}.{nameof(SummonsReply.Attendee)}");
        }

        var recorded = Reply with { RepliedAt = at };
        return new SipApplied(current with { SummonsReplies = [.. current.SummonsReplies, recorded] },
            Details(("meetingId", Reply.MeetingId.ToString()), ("participantId", participant.Id.ToString()), ("answer", Reply.Answer.ToString())));
    }
}
