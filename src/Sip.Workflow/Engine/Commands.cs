using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>What every command carries: who issues it, and optionally an id that makes a retry safe.</summary>
public abstract record SipCommand
{
    /// <summary>Shows the command's kind and id only: commands carry plan text and personal data that must not reach a log.</summary>
    public sealed override string ToString() => CommandId is { } id ? $"{GetType().Name} {id}" : GetType().Name;

    /// <summary>Who issues the command; required — there are no anonymous changes.</summary>
    public required SipActor Actor
    {
        get;
        init => field = Check.NotNull(value, nameof(Actor));
    }

    /// <summary>
    /// The idempotency key. Sending a command again with the same id (after a time-out, say) applies nothing a second
    /// time and returns the first result. Leave it out and every call is a new command.
    /// </summary>
    public CommandId? CommandId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(CommandId)) : null;
    }
}

/// <summary>A command on an existing case.</summary>
public abstract record SipCaseCommand : SipCommand
{
    /// <summary>The case.</summary>
    public required SipCaseId CaseId
    {
        get;
        init => field = Check.Id(value, nameof(CaseId));
    }
}

/// <summary>Opens a case: the need is identified (<i>upptäck behov</i>).</summary>
public sealed record OpenCase : SipCommand
{
    /// <summary>The new case's id; a new one unless given.</summary>
    public SipCaseId CaseId
    {
        get;
        init => field = Check.Id(value, nameof(CaseId));
    } = SipCaseId.New();

    /// <summary>The individual.</summary>
    public required Individual Individual
    {
        get;
        init => field = Check.NotNull(value, nameof(Individual));
    }

    /// <summary>Where the need was identified.</summary>
    public required CaseOrigin Origin
    {
        get;
        init => field = Check.NotNull(value, nameof(Origin));
    }

    /// <summary>The principal that judged the need.</summary>
    public required PrincipalKind IdentifiedBy
    {
        get;
        init => field = Check.Defined(value, nameof(IdentifiedBy));
    }

    /// <summary>The unit that identified the need, if given.</summary>
    public OrganisationReference? IdentifyingUnit { get; init; }

    /// <summary>The closed case this one restarts (close and restart), if any; it must be closed.</summary>
    public SipCaseId? PreviousCaseId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(PreviousCaseId)) : null;
    }
}

/// <summary>Records a consent.</summary>
public sealed record RecordConsent : SipCaseCommand
{
    /// <summary>The consent's id; a new one unless given.</summary>
    public ConsentId ConsentId
    {
        get;
        init => field = Check.Id(value, nameof(ConsentId));
    } = ConsentId.New();

    /// <summary>What it covers.</summary>
    public required ConsentScope Scope
    {
        get;
        init => field = Check.Flags(value, nameof(Scope));
    }

    /// <summary>Who gave it.</summary>
    public required ConsentGiver GivenBy
    {
        get;
        init => field = Check.Defined(value, nameof(GivenBy));
    }

    /// <summary>Which guardian or proxy gave it (required for a guardian or proxy; an opaque key, not a personal identity number).</summary>
    public string? GiverReference
    {
        get;
        init
        {
            field = Check.OptionalText(value, nameof(GiverReference), SipLimits.NameMaxLength);
            PersonalIdentityNumber.Refuse(value, nameof(GiverReference));
        }
    }

    /// <summary>How it was given.</summary>
    public required ConsentForm Form
    {
        get;
        init => field = Check.Defined(value, nameof(Form));
    }

    /// <summary>When it was given; not in the future.</summary>
    public required DateTimeOffset GivenAt
    {
        get;
        init => field = Check.Moment(value, nameof(GivenAt));
    }
}

/// <summary>Records that the individual withdrew consent: ends the SIP.</summary>
public sealed record WithdrawConsent : SipCaseCommand
{
    /// <summary>When it was withdrawn; now unless given. Not in the future.</summary>
    public DateTimeOffset? WithdrawnAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(WithdrawnAt));
    }

    /// <summary>A note on the withdrawal, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }
}

/// <summary>Records that the individual declined the offer of a SIP: ends the case.</summary>
public sealed record DeclineOffer : SipCaseCommand
{
    /// <summary>A note, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }
}

/// <summary>Starts the preparation (<i>förbered</i>).</summary>
public sealed record StartPreparation : SipCaseCommand;

/// <summary>Adds a called principal's unit or an invited actor; the policy decides which from the kind.</summary>
public sealed record AddParticipant : SipCaseCommand
{
    /// <summary>The participant's id; a new one unless given.</summary>
    public ParticipantId ParticipantId
    {
        get;
        init => field = Check.Id(value, nameof(ParticipantId));
    } = ParticipantId.New();

    /// <summary>The organisation or unit.</summary>
    public required OrganisationReference Organisation
    {
        get;
        init => field = Check.NotNull(value, nameof(Organisation));
    }

    /// <summary>What kind of party.</summary>
    public required ParticipantKind Kind
    {
        get;
        init => field = Check.Defined(value, nameof(Kind));
    }

    /// <summary>The contact person, if known.</summary>
    public ContactPerson? Contact { get; init; }

    /// <summary>The person attending has the mandate to decide.</summary>
    public bool HasMandateToDecide { get; init; }

    /// <summary>How they take part.</summary>
    public ParticipationMode Mode
    {
        get;
        init => field = Check.Defined(value, nameof(Mode));
    } = ParticipationMode.InPerson;
}

/// <summary>Changes a participant's contact, mandate, substitute or mode; members left <see langword="null"/> stay as they are.</summary>
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
}

/// <summary>Schedules a meeting (plan meeting, pre-meeting, or follow-up meeting).</summary>
public sealed record ScheduleMeeting : SipCaseCommand
{
    /// <summary>The meeting; its attendance must be empty (it is recorded afterwards). Its start must not have passed.</summary>
    public required Meeting Meeting
    {
        get;
        init => field = Check.NotNull(value, nameof(Meeting));
    }
}

/// <summary>Sends the summons to the called principals and the invitations to the invited actors for the plan meeting.</summary>
public sealed record SendSummons : SipCaseCommand;

/// <summary>A called unit without an open case forwards its summons to another unit of the same principal.</summary>
public sealed record ForwardSummons : SipCaseCommand
{
    /// <summary>The called unit that forwards.</summary>
    public required ParticipantId From
    {
        get;
        init => field = Check.Id(value, nameof(From));
    }

    /// <summary>The new participant's id; a new one unless given.</summary>
    public ParticipantId ToParticipantId
    {
        get;
        init => field = Check.Id(value, nameof(ToParticipantId));
    } = ParticipantId.New();

    /// <summary>The unit it is forwarded to.</summary>
    public required OrganisationReference To
    {
        get;
        init => field = Check.NotNull(value, nameof(To));
    }

    /// <summary>The receiving unit's kind; it must belong to the same principal.</summary>
    public required ParticipantKind ToKind
    {
        get;
        init => field = Check.Defined(value, nameof(ToKind));
    }

    /// <summary>The receiving unit's contact, if known.</summary>
    public ContactPerson? Contact { get; init; }
}

/// <summary>Records who attended a meeting. A called principal recorded absent becomes a deviation.</summary>
public sealed record RecordAttendance : SipCaseCommand
{
    /// <summary>The meeting.</summary>
    public required MeetingId MeetingId
    {
        get;
        init => field = Check.Id(value, nameof(MeetingId));
    }

    /// <summary>One entry per participant; replaces earlier entries for the same participants.</summary>
    public required IReadOnlyList<Attendance> Attendance
    {
        get;
        init => field = Check.List(value, nameof(Attendance), SipLimits.MaxItems);
    }
}

/// <summary>Appoints the lead principal and coordinator.</summary>
public sealed record AssignLeadPrincipal : SipCaseCommand
{
    /// <summary>The lead principal and, where appointed, the coordinator.</summary>
    public required LeadPrincipal LeadPrincipal
    {
        get;
        init => field = Check.NotNull(value, nameof(LeadPrincipal));
    }
}

/// <summary>Books the follow-up: date and place. The date must lie ahead.</summary>
public sealed record BookFollowUp : SipCaseCommand
{
    /// <summary>The booking.</summary>
    public required FollowUpBooking Booking
    {
        get;
        init => field = Check.NotNull(value, nameof(Booking));
    }
}

/// <summary>The plan's content, shared by establishing and revising it.</summary>
public abstract record PlanCommand : SipCaseCommand
{
    /// <summary>The meeting the plan is made at; the latest plan or follow-up meeting unless given.</summary>
    public MeetingId? MeetingId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(MeetingId)) : null;
    }

    /// <summary>Long- and short-term goals.</summary>
    public IReadOnlyList<Goal> Goals
    {
        get;
        init => field = Check.List(value, nameof(Goals), SipLimits.MaxItems);
    } = [];

    /// <summary>Interventions and actions: who does what, when and where.</summary>
    public IReadOnlyList<Intervention> Interventions
    {
        get;
        init => field = Check.List(value, nameof(Interventions), SipLimits.MaxItems);
    } = [];

    /// <summary>States that no one other than kommun and region takes any action.</summary>
    public bool NoActionsByOthers { get; init; }

    /// <summary>What matters to the individual, in their own words.</summary>
    public string? WhatMattersToIndividual
    {
        get;
        init => field = Check.OptionalText(value, nameof(WhatMattersToIndividual), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>How the individual took part.</summary>
    public IndividualParticipation? IndividualParticipation { get; init; }

    /// <summary>Whether next of kin took part.</summary>
    public KinParticipation? KinParticipation { get; init; }

    /// <summary>The lead principal appointed at the meeting, if not appointed before.</summary>
    public LeadPrincipal? LeadPrincipal { get; init; }

    /// <summary>The follow-up booked at the meeting, if not booked before.</summary>
    public FollowUpBooking? FollowUpBooking { get; init; }
}

/// <summary>Records the SIP meeting and establishes the plan (<i>upprätta SIP</i>).</summary>
public sealed record EstablishPlan : PlanCommand;

/// <summary>Revises the plan after a follow-up.</summary>
public sealed record RevisePlan : PlanCommand;

/// <summary>Records a follow-up of the plan.</summary>
public sealed record RecordFollowUp : SipCaseCommand
{
    /// <summary>The follow-up's id; a new one unless given.</summary>
    public FollowUpId FollowUpId
    {
        get;
        init => field = Check.Id(value, nameof(FollowUpId));
    } = FollowUpId.New();

    /// <summary>When it was held; now unless given. Not in the future.</summary>
    public DateTimeOffset? HeldAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(HeldAt));
    }

    /// <summary>How it is going against the goals.</summary>
    public required string Progress
    {
        get;
        init => field = Check.Text(value, nameof(Progress), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>The interventions were carried out.</summary>
    public bool InterventionsCarriedOut { get; init; }

    /// <summary>They had the intended effect.</summary>
    public bool InterventionsEffective { get; init; }

    /// <summary>New information or changed circumstances.</summary>
    public string? NewInformation
    {
        get;
        init => field = Check.OptionalText(value, nameof(NewInformation), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>Another intervention is needed.</summary>
    public bool AnotherInterventionNeeded { get; init; }

    /// <summary>Another actor is needed.</summary>
    public bool AnotherActorNeeded { get; init; }
}

/// <summary>Closes the case because coordination is no longer needed or no new needs are expected.</summary>
public sealed record CloseCase : SipCaseCommand
{
    /// <summary>
    /// <see cref="ClosureReason.CoordinationNoLongerNeeded"/> or <see cref="ClosureReason.NoNewNeedsExpected"/>; the other
    /// reasons have commands of their own (<see cref="WithdrawConsent"/>, <see cref="DeclineOffer"/>, <see cref="CloseAndRestart"/>).
    /// </summary>
    public required ClosureReason Reason
    {
        get;
        init => field = Check.Defined(value, nameof(Reason));
    }

    /// <summary>A note on the closing, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }
}

/// <summary>
/// Closes the case after a follow-up because the long-term goal changed substantially, so a new SIP can start. Opens
/// nothing: the new SIP is a new case (<see cref="OpenCase.PreviousCaseId"/>) with new consent.
/// </summary>
public sealed record CloseAndRestart : SipCaseCommand
{
    /// <summary>A note on the closing, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }
}

/// <summary>Records a deviation (<i>avvikelse</i>).</summary>
public sealed record RecordDeviation : SipCaseCommand
{
    /// <summary>The deviation's id; a new one unless given.</summary>
    public DeviationId DeviationId
    {
        get;
        init => field = Check.Id(value, nameof(DeviationId));
    } = DeviationId.New();

    /// <summary>What kind of failure.</summary>
    public required DeviationKind Kind
    {
        get;
        init => field = Check.Defined(value, nameof(Kind));
    }

    /// <summary>What happened.</summary>
    public required string Description
    {
        get;
        init => field = Check.Text(value, nameof(Description), SipLimits.LongTextMaxLength, multiline: true);
    }

    /// <summary>The participant concerned, if any.</summary>
    public ParticipantId? ParticipantId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(ParticipantId)) : null;
    }
}

/// <summary>Changes the individual's protected-identity and interpreter flags.</summary>
public sealed record ChangeIndividual : SipCaseCommand
{
    /// <summary>The individual has a protected identity.</summary>
    public required bool HasProtectedIdentity { get; init; }

    /// <summary>The language an interpreter is needed for; <see langword="null"/> when none is.</summary>
    public string? InterpreterLanguage
    {
        get;
        init => field = Check.OptionalText(value, nameof(InterpreterLanguage), SipLimits.NameMaxLength);
    }
}
