using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Adds a called principal's unit or an invited actor; the policy decides which from the kind.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record AddParticipant : SipCaseCommand
{
    /// <summary>The participant; the engine sets its <see cref="Participant.Role"/> from the policy.</summary>
    public required Participant Participant
    {
        get;
        init => field = Check.NotNull(value, nameof(Participant));
    }

    internal override SipTrigger Trigger => SipTrigger.AddParticipant;

    internal override string EventType => SipEventTypes.ParticipantAdded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var given = Participant;
        EnsureNewParticipant(given, nameof(Participant));

        if (current.FindParticipant(given.Id) is not null)
        {
            throw new ArgumentException($"Participant {given.Id} is already a participant of this case.", $"{nameof(Participant)}.{nameof(Workflow.Participant.Id)}");
        }

        if (current.Participants.Any(p => p.Kind == given.Kind && p.IsActive && p.Organisation == given.Organisation))
        {
            throw new ArgumentException(
                $"'{nameof(Participant.Organisation)}' is already a participant of this case as {given.Kind}; change that participant instead of adding it twice.",
                nameof(Participant.Organisation));
        }

        EnsurePartyFacts(given, context.Now, nameof(Participant));
        var participant = given with { Role = context.Policy.RoleOf(given) };
        EnsureSubstituteMayDecide(participant, $"{nameof(Participant)}.{nameof(Workflow.Participant.Substitute)}");
        return new SipApplied(current with { Participants = [.. current.Participants, participant] },
            Details(("participantId", participant.Id.ToString()), ("kind", participant.Kind.ToString()), ("role", participant.Role.ToString()),
                ("schoolPrincipal", participant.SchoolPrincipal?.ToString()),
                ("kinAssessed", participant.Kind == ParticipantKind.NextOfKin ? Flag(participant.KinAssessment is not null) : null)),
            participant);
    }
}
