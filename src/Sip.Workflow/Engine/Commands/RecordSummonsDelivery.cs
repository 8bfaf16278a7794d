using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records that the latest summons or invitation for a meeting reached a recipient, or was read by them, as the host's
/// transport or the other principal's system reports it: <see cref="SipCase.SummonsStateOf"/> then shows who has not even
/// received it, not only who has not answered (the replies still outstanding stay due work, as before).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordSummonsDelivery : SipCaseCommand
{
    /// <summary>The delivery: the meeting, the recipient, delivered or read, and when.</summary>
    public required SummonsDelivery Delivery
    {
        get;
        init => field = Check.NotNull(value, nameof(Delivery));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordSummonsDelivery;

    internal override string EventType => SipEventTypes.SummonsDeliveryRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        const string delivery = nameof(Delivery);
        var atParam = $"{delivery}.{nameof(SummonsDelivery.At)}";
        var at = Check.Recorded(Delivery.At ?? context.Now, context.Now, atParam);
        var participantParam = $"{delivery}.{nameof(SummonsDelivery.ParticipantId)}";
        var participant = Participant(current, Delivery.ParticipantId, participantParam);
        var summons = SentSummons(current, Delivery.MeetingId, $"{delivery}.{nameof(SummonsDelivery.MeetingId)}", "a delivery");
        if (current.SummonsStateOf(Delivery.MeetingId, participant.Id) is not { } state)
        {
            throw new ArgumentException(
                $"Participant {participant.Id} was not sent the summons for meeting {Delivery.MeetingId}.", participantParam);
        }

        if (!participant.IsActive)
        {
            throw new ArgumentException(
                $"Participant {participant.Id} no longer takes part (it forwarded the summons, or the consent was withdrawn towards it); nothing more is delivered to it.",
                participantParam);
        }

        if (Delivery.State is not (SummonsDeliveryState.Delivered or SummonsDeliveryState.Read))
        {
            throw new ArgumentException(
                $"'{delivery}.{nameof(SummonsDelivery.State)}' is {Delivery.State}; a delivery is {nameof(SummonsDeliveryState.Delivered)} or {nameof(SummonsDeliveryState.Read)} " +
                $"(an answer is recorded with {nameof(RecordSummonsReply)}).",
                $"{delivery}.{nameof(SummonsDelivery.State)}");
        }

        NotBeforeSummons(summons, at, atParam);
        if (state >= Delivery.State)
        {
            throw new ArgumentException(
                $"The summons for meeting {Delivery.MeetingId} is already {state} with participant {participant.Id}; a delivery state only moves forward.",
                $"{delivery}.{nameof(SummonsDelivery.State)}");
        }

        var recorded = Delivery with { At = at };
        return new SipApplied(current with { SummonsDeliveries = [.. current.SummonsDeliveries, recorded] },
            Details(("meetingId", Delivery.MeetingId.ToString()), ("participantId", participant.Id.ToString()), ("state", Delivery.State.ToString())));
    }
}
