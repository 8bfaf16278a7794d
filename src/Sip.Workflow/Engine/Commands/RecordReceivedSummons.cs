using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records a summons this case's unit received from the other principal's system for a meeting of the same SIP: the
/// receiving side's counterpart of <see cref="SendSummons"/>. The case moves to <see cref="SipState.Summoned"/> as the
/// sender's did, its recipients' answers become due work here too, and nothing is sent from this system (the feed says
/// <see cref="SipEventTypes.SummonsReceived"/>, never <see cref="SipEventTypes.SummonsSent"/>).
/// </summary>
/// <remarks>
/// <see cref="Exchange.SipExchange"/> records it when it applies a received summons; a host with its own transport can too.
/// The sending case must be linked to this one first (<see cref="OpenCase.ExternalReference"/> or <see cref="LinkExternalCase"/>),
/// and the meeting scheduled here with the sender's meeting id.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordReceivedSummons : SipCaseCommand
{
    /// <summary>The meeting the summons is for: scheduled on this case, not yet held.</summary>
    public required MeetingId MeetingId
    {
        get;
        init => field = Check.Id(value, nameof(MeetingId));
    }

    /// <summary>When the other system sent it; not in the future, and not before an earlier summons for the meeting recorded here.</summary>
    public required DateTimeOffset SentAt
    {
        get;
        init => field = Check.Moment(value, nameof(SentAt));
    }

    /// <summary>The sending case: linked to this case.</summary>
    public required ExternalCaseReference From
    {
        get;
        init => field = Check.NotNull(value, nameof(From));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordReceivedSummons;

    internal override string EventType => SipEventTypes.SummonsReceived;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        Check.Recorded(SentAt, context.Now, nameof(SentAt));
        if (!current.ExternalReferences.Any(r => r.IsSameCaseAs(From)))
        {
            throw new ArgumentException(
                $"'{nameof(From)}' names a case in {From.System} that is not linked to this case; link it first ({nameof(LinkExternalCase)}).", nameof(From));
        }

        var meeting = current.Meetings.FirstOrDefault(m => m.Id == MeetingId)
            ?? throw new ArgumentException($"'{nameof(MeetingId)}' {MeetingId} is not a meeting of this case; schedule it with the sender's id first.", nameof(MeetingId));
        if (meeting.IsHeld)
        {
            throw new ArgumentException($"Meeting {MeetingId} has been held; a summons to it is no longer received.", nameof(MeetingId));
        }

        if (current.LatestSummons(MeetingId) is { } earlier && earlier.SentAt >= SentAt)
        {
            throw new ArgumentException(
                $"A summons for meeting {MeetingId} sent at {Moment(earlier.SentAt)} is already recorded; '{nameof(SentAt)}' must be later for a summons sent again.",
                nameof(SentAt));
        }

        // The same recipients as a summons sent from here would have: the sender's called units and invited actors, which the
        // receiving case holds under the sender's participant ids.
        var summons = SummonsTo(current, meeting.Id, SentAt);
        return new SipApplied(current with { SummonsSent = [.. current.SummonsSent, summons], FirstSummonsSentAt = current.FirstSummonsSentAt ?? SentAt },
            Details(("meetingId", meeting.Id.ToString()), ("system", From.System), ("called", Count(summons.Called.Count)), ("invited", Count(summons.Invited.Count))));
    }
}
