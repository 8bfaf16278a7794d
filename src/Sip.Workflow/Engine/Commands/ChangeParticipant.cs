using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Changes a participant's contact, mandate, substitute or mode; members left <see langword="null"/> stay as they are.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ChangeParticipant : SipCaseCommand
{
    /// <summary>The participant.</summary>
    public required ParticipantId ParticipantId
    {
        get;
        init => field = Check.Id(value, nameof(ParticipantId));
    }

    /// <summary>The new contact person.</summary>
    public ContactPerson? Contact { get; init; }

    /// <summary>Whether the attending person has the mandate to decide.</summary>
    public bool? HasMandateToDecide { get; init; }

    /// <summary>The substitute named because the party cannot come; a called principal's substitute must have the mandate to decide.</summary>
    public Substitute? Substitute { get; init; }

    /// <summary>How they take part.</summary>
    public ParticipationMode? Mode
    {
        get;
        init => field = value is { } m ? Check.Defined(m, nameof(Mode)) : null;
    }

    internal override SipTrigger Trigger => SipTrigger.ChangeParticipant;

    internal override string EventType => SipEventTypes.ParticipantChanged;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var participant = Participant(current, ParticipantId, nameof(ParticipantId));
        if (Contact is null && HasMandateToDecide is null && Substitute is null && Mode is null)
        {
            throw new ArgumentException(
                "The command changes nothing: give at least one of Contact, HasMandateToDecide, Substitute or Mode.", "command");
        }

        EnsureSubstituteMayDecide(participant with { Substitute = Substitute }, nameof(Substitute));

        var changed = participant with
        {
            Contact = Contact ?? participant.Contact,
            HasMandateToDecide = HasMandateToDecide ?? participant.HasMandateToDecide,
            Substitute = Substitute ?? participant.Substitute,
            Mode = Mode ?? participant.Mode,
        };
        return new SipApplied(current with { Participants = Replace(current.Participants, participant, changed) },
            Details(("participantId", ParticipantId.ToString()), ("substituteNamed", Flag(Substitute is not null))));
    }
}
