using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>A called unit without an open case forwards its summons to another unit of the same principal.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ForwardSummons : SipCaseCommand
{
    /// <summary>The called unit that forwards.</summary>
    public required ParticipantId From
    {
        get;
        init => field = Check.Id(value, nameof(From));
    }

    /// <summary>The unit it is forwarded to: a called unit of the same principal (the engine makes it called).</summary>
    public required Participant To
    {
        get;
        init => field = Check.NotNull(value, nameof(To));
    }

    internal override SipTrigger Trigger => SipTrigger.ForwardSummons;

    internal override string EventType => SipEventTypes.SummonsForwarded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var forwarder = Participant(current, From, nameof(From));
        if (forwarder.Role != ParticipationRole.Called || !forwarder.IsActive)
        {
            throw new ArgumentException(
                $"'{nameof(From)}' must be a called unit that has not forwarded its summons already.", nameof(From));
        }

        EnsurePartyFacts(To, context.Now, nameof(To));
        if (To.Principal != forwarder.Principal || context.Policy.RoleOf(To) != ParticipationRole.Called)
        {
            throw new ArgumentException(
                $"'{nameof(To)}' is {To.Kind}; a summons is forwarded to a called unit of the same principal ({forwarder.Principal}).",
                nameof(To));
        }

        EnsureNewParticipant(To, nameof(To));

        if (current.FindParticipant(To.Id) is not null)
        {
            throw new ArgumentException($"'{nameof(To)}' {To.Id} is already a participant.", nameof(To));
        }

        var to = To with { Role = ParticipationRole.Called };
        EnsureSubstituteMayDecide(to, $"{nameof(To)}.{nameof(Participant.Substitute)}");
        var participants = Replace(current.Participants, forwarder, forwarder with { ForwardedTo = to.Id });

        // The forward is the forwarding unit's answer to the summons; the unit it goes to owes its own.
        var replies = current.MeetingToSummon is { } meeting && current.SummonedTo(meeting.Id).Contains(forwarder)
            ? [.. current.SummonsReplies, new SummonsReply
            {
                MeetingId = meeting.Id, ParticipantId = forwarder.Id, Answer = SummonsAnswer.Forwarded, ForwardedTo = to.Id, RepliedAt = context.Now,
            }]
            : current.SummonsReplies;
        return new SipApplied(current with { Participants = [.. participants, to], SummonsReplies = replies },
            Details(("from", forwarder.Id.ToString()), ("to", to.Id.ToString()), ("toKind", to.Kind.ToString())), to);
    }
}
