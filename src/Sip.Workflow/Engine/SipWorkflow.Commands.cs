using Sip.Workflow.Internal;

namespace Sip.Workflow;

// How each command changes the staging copy. Every check here throws before anything is saved; the requirements
// the process guards are left to the Stateless guards, so a missing plan item is reported with the others.
public sealed partial class SipWorkflow
{
    /// <inheritdoc />
    public Task<SipCommandResult> RecordConsentAsync(RecordConsent command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.RecordConsent, static (c, cmd, ctx) =>
        {
            var givenAt = Check.Recorded(cmd.GivenAt, ctx.Now, nameof(cmd.GivenAt));
            if (c.Individual.IsChild && cmd.GivenBy != ConsentGiver.LegalGuardian)
            {
                throw new ArgumentException(
                    "The individual is a child: the legal guardians consent for a child (föräldrabalken 6 kap.). Record each guardian's consent " +
                    "with ConsentGiver.LegalGuardian; the child's own view belongs in the plan.", nameof(cmd.GivenBy));
            }

            if (!c.Individual.IsChild && cmd.GivenBy == ConsentGiver.LegalGuardian)
            {
                throw new ArgumentException(
                    "The individual is an adult: an adult consents themself or through a proxy (ConsentGiver.Proxy), not through a legal guardian.",
                    nameof(cmd.GivenBy));
            }

            if (cmd.GivenBy is ConsentGiver.LegalGuardian or ConsentGiver.Proxy && cmd.GiverReference is null)
            {
                throw new ArgumentException(
                    $"'{nameof(cmd.GiverReference)}' is required when a {cmd.GivenBy} consents, so that the library knows who consented.",
                    nameof(cmd.GiverReference));
            }

            if (cmd.GivenBy == ConsentGiver.LegalGuardian && !c.Individual.IsLegalGuardian(cmd.GiverReference))
            {
                throw new ArgumentException(
                    $"'{nameof(cmd.GiverReference)}' does not name one of the child's {c.Individual.LegalGuardianCount} legal guardian(s) " +
                    "given when the case was opened (Individual.LegalGuardians).", nameof(cmd.GiverReference));
            }

            if (c.Consents.Any(x => x.Id == cmd.ConsentId))
            {
                throw new ArgumentException($"'{nameof(cmd.ConsentId)}' {cmd.ConsentId} is already recorded on this case.", nameof(cmd.ConsentId));
            }

            var consent = new Consent
            {
                Id = cmd.ConsentId,
                Scope = cmd.Scope,
                GivenBy = cmd.GivenBy,
                GiverReference = cmd.GiverReference,
                Form = cmd.Form,
                GivenAt = givenAt,
            };
            return new Applied(c with { Consents = [.. c.Consents, consent] },
                Details(("consentId", cmd.ConsentId.ToString()), ("scope", cmd.Scope.ToString()), ("givenBy", cmd.GivenBy.ToString()),
                    ("form", cmd.Form.ToString())));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> WithdrawConsentAsync(WithdrawConsent command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.WithdrawConsent, static (c, cmd, ctx) =>
        {
            var at = Check.Recorded(cmd.WithdrawnAt ?? ctx.Now, ctx.Now, nameof(cmd.WithdrawnAt));
            var standing = c.Consents.Where(x => x.IsActive).ToArray();
            if (standing.Length == 0)
            {
                throw new ArgumentException(
                    $"Case {c.Id} has no standing consent to withdraw. If the individual says no to the offer of a SIP, record DeclineOffer.",
                    nameof(command));
            }

            if (standing.Any(x => x.GivenAt > at))
            {
                throw new ArgumentOutOfRangeException(nameof(cmd.WithdrawnAt), at,
                    $"'{nameof(cmd.WithdrawnAt)}' lies before a standing consent was given; a consent is withdrawn after it is given.");
            }

            var consents = c.Consents.Select(x => x.IsActive ? x with { WithdrawnAt = at } : x).ToArray();
            var closed = c with
            {
                Consents = consents,
                Closure = new Closure { Reason = ClosureReason.ConsentWithdrawn, ClosedAt = ctx.Now, Note = cmd.Note },
                FollowUpBooking = null,
            };
            return new Applied(closed, Details(("withdrawnConsents", Count(standing.Length)), ("withdrawnAt", Moment(at))));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> DeclineOfferAsync(DeclineOffer command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.DeclineOffer, static (c, cmd, ctx) => new Applied(
            c with { Closure = new Closure { Reason = ClosureReason.OfferDeclined, ClosedAt = ctx.Now, Note = cmd.Note } },
            Details(("reason", nameof(ClosureReason.OfferDeclined)))), cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> StartPreparationAsync(StartPreparation command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.StartPreparation, static (c, _, ctx) => new Applied(
            c with { PreparationStartedAt = ctx.Now }, Details()), cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> AddParticipantAsync(AddParticipant command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.AddParticipant, static (c, cmd, ctx) =>
        {
            if (c.FindParticipant(cmd.ParticipantId) is not null)
            {
                throw new ArgumentException($"'{nameof(cmd.ParticipantId)}' {cmd.ParticipantId} is already a participant of this case.", nameof(cmd.ParticipantId));
            }

            if (c.Participants.Any(p => p.Kind == cmd.Kind && p.ForwardedTo is null && p.Organisation == cmd.Organisation))
            {
                throw new ArgumentException(
                    $"'{nameof(cmd.Organisation)}' is already a participant of this case as {cmd.Kind}; change that participant instead of adding it twice.",
                    nameof(cmd.Organisation));
            }

            var participant = new Participant
            {
                Id = cmd.ParticipantId,
                Organisation = cmd.Organisation,
                Kind = cmd.Kind,
                Role = ctx.Policy.RoleOf(cmd.Kind),
                Contact = cmd.Contact,
                HasMandateToDecide = cmd.HasMandateToDecide,
                Mode = cmd.Mode,
            };
            return new Applied(c with { Participants = [.. c.Participants, participant] },
                Details(("participantId", cmd.ParticipantId.ToString()), ("kind", cmd.Kind.ToString()), ("role", participant.Role.ToString())));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> ChangeParticipantAsync(ChangeParticipant command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.ChangeParticipant, static (c, cmd, _) =>
        {
            var participant = Participant(c, cmd.ParticipantId, nameof(cmd.ParticipantId));
            if (cmd.Contact is null && cmd.HasMandateToDecide is null && cmd.Substitute is null && cmd.Mode is null)
            {
                throw new ArgumentException(
                    "The command changes nothing: give at least one of Contact, HasMandateToDecide, Substitute or Mode.", nameof(command));
            }

            if (cmd.Substitute is { HasMandateToDecide: false } && participant.Role == ParticipationRole.Called)
            {
                throw new ArgumentException(
                    "A called principal's substitute must have the mandate to decide (ersättare med mandat att fatta beslut).", nameof(cmd.Substitute));
            }

            var changed = participant with
            {
                Contact = cmd.Contact ?? participant.Contact,
                HasMandateToDecide = cmd.HasMandateToDecide ?? participant.HasMandateToDecide,
                Substitute = cmd.Substitute ?? participant.Substitute,
                Mode = cmd.Mode ?? participant.Mode,
            };
            return new Applied(c with { Participants = Replace(c.Participants, participant, changed) },
                Details(("participantId", cmd.ParticipantId.ToString()), ("substituteNamed", Flag(cmd.Substitute is not null))));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> ScheduleMeetingAsync(ScheduleMeeting command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.ScheduleMeeting, static (c, cmd, ctx) =>
        {
            var meeting = cmd.Meeting.Validated(nameof(cmd.Meeting));
            Check.Booked(meeting.StartsAt, ctx.Now, nameof(Meeting.StartsAt));
            if (meeting.Attendance.Count > 0)
            {
                throw new ArgumentException("A meeting is scheduled without attendance; record attendance with RecordAttendance after it is held.", nameof(Meeting.Attendance));
            }

            if (c.Meetings.Any(m => m.Id == meeting.Id))
            {
                throw new ArgumentException($"Meeting {meeting.Id} is already scheduled on this case.", nameof(Meeting.Id));
            }

            var planInForce = c.State is SipState.PlanEstablished or SipState.FollowUp;
            if (planInForce && meeting.Purpose != MeetingPurpose.FollowUpMeeting)
            {
                throw new ArgumentException(
                    $"The plan is established; schedule a {nameof(MeetingPurpose.FollowUpMeeting)} (not a {meeting.Purpose}).", nameof(Meeting.Purpose));
            }

            if (!planInForce && meeting.Purpose == MeetingPurpose.FollowUpMeeting)
            {
                throw new ArgumentException(
                    "There is no established plan to follow up yet; schedule the PlanMeeting (or a PreMeeting).", nameof(Meeting.Purpose));
            }

            return new Applied(c with { Meetings = [.. c.Meetings, meeting] },
                Details(("meetingId", meeting.Id.ToString()), ("purpose", meeting.Purpose.ToString()), ("form", meeting.Form.ToString()),
                    ("startsAt", Moment(meeting.StartsAt))));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> SendSummonsAsync(SendSummons command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.SendSummons, static (c, _, ctx) =>
        {
            // Without a meeting there is nothing to summon to; the SUMMONS-MEETING guard reports it with the rest.
            if (c.MeetingToSummon is not { } meeting)
            {
                return new Applied(c, Details());
            }

            if (meeting.StartsAt <= ctx.Now)
            {
                throw new ArgumentException(
                    $"Meeting {meeting.Id} started at {Moment(meeting.StartsAt)}; a summons goes out before the meeting. Schedule a new meeting and summon to that.",
                    nameof(command));
            }

            var summons = new Summons
            {
                MeetingId = meeting.Id,
                SentAt = ctx.Now,
                Called = [.. c.CalledPrincipals.Select(p => p.Id)],
                Invited = [.. c.Participants.Where(p => p.Role == ParticipationRole.Invited).Select(p => p.Id)],
                InterpreterLanguage = c.Individual.InterpreterLanguage,
                ProtectedIdentity = c.Individual.HasProtectedIdentity,
            };
            return new Applied(c with { SummonsSent = [.. c.SummonsSent, summons], FirstSummonsSentAt = c.FirstSummonsSentAt ?? ctx.Now },
                Details(("meetingId", meeting.Id.ToString()), ("called", Count(summons.Called.Count)), ("invited", Count(summons.Invited.Count)),
                    ("interpreterNeeded", Flag(summons.InterpreterLanguage is not null)), ("protectedIdentity", Flag(summons.ProtectedIdentity))));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> ForwardSummonsAsync(ForwardSummons command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.ForwardSummons, static (c, cmd, ctx) =>
        {
            var forwarder = Participant(c, cmd.From, nameof(cmd.From));
            if (forwarder.Role != ParticipationRole.Called || forwarder.ForwardedTo is not null)
            {
                throw new ArgumentException(
                    $"'{nameof(cmd.From)}' must be a called unit that has not forwarded its summons already.", nameof(cmd.From));
            }

            if (cmd.ToKind.Principal() != forwarder.Principal || ctx.Policy.RoleOf(cmd.ToKind) != ParticipationRole.Called)
            {
                throw new ArgumentException(
                    $"'{nameof(cmd.ToKind)}' is {cmd.ToKind}; a summons is forwarded to a called unit of the same principal ({forwarder.Principal}).",
                    nameof(cmd.ToKind));
            }

            if (c.FindParticipant(cmd.ToParticipantId) is not null)
            {
                throw new ArgumentException($"'{nameof(cmd.ToParticipantId)}' {cmd.ToParticipantId} is already a participant.", nameof(cmd.ToParticipantId));
            }

            var to = new Participant
            {
                Id = cmd.ToParticipantId,
                Organisation = cmd.To,
                Kind = cmd.ToKind,
                Role = ParticipationRole.Called,
                Contact = cmd.Contact,
            };
            var participants = Replace(c.Participants, forwarder, forwarder with { ForwardedTo = to.Id });
            return new Applied(c with { Participants = [.. participants, to] },
                Details(("from", forwarder.Id.ToString()), ("to", to.Id.ToString()), ("toKind", cmd.ToKind.ToString())));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> RecordAttendanceAsync(RecordAttendance command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.RecordAttendance, (c, cmd, ctx) =>
        {
            var meeting = c.Meetings.FirstOrDefault(m => m.Id == cmd.MeetingId)
                ?? throw new ArgumentException($"'{nameof(cmd.MeetingId)}' {cmd.MeetingId} is not a meeting of this case.", nameof(cmd.MeetingId));
            if (meeting.StartsAt > ctx.Now + Check.ClockSkew)
            {
                throw new ArgumentException(
                    $"Meeting {meeting.Id} starts at {Moment(meeting.StartsAt)} and has not been held yet; record attendance once it has.", nameof(cmd.MeetingId));
            }
            if (cmd.Attendance.Count == 0)
            {
                throw new ArgumentException($"'{nameof(cmd.Attendance)}' is empty; give one entry per participant.", nameof(cmd.Attendance));
            }

            if (cmd.Attendance.Select(a => a.ParticipantId).Distinct().Count() != cmd.Attendance.Count)
            {
                throw new ArgumentException($"'{nameof(cmd.Attendance)}' names a participant twice.", nameof(cmd.Attendance));
            }

            var deviations = new List<Deviation>();
            foreach (var entry in cmd.Attendance)
            {
                var participant = Participant(c, entry.ParticipantId, nameof(cmd.Attendance));
                if (entry.Status == AttendanceStatus.AttendedBySubstitute && participant.Substitute is null)
                {
                    throw new ArgumentException(
                        $"Participant {participant.Id} has no named substitute; name one with ChangeParticipant first.", nameof(cmd.Attendance));
                }

                if (entry.Status == AttendanceStatus.Absent && participant.Role == ParticipationRole.Called
                    && !meeting.Attendance.Any(a => a.ParticipantId == participant.Id && a.Status == AttendanceStatus.Absent))
                {
                    deviations.Add(new Deviation
                    {
                        Id = DeviationId.New(),
                        Kind = DeviationKind.CalledPrincipalAbsent,
                        Description = _language == SipLanguage.English
                            ? "A called principal did not attend the meeting."
                            : "En kallad huvudman deltog inte i mötet.",
                        ParticipantId = participant.Id,
                        RecordedAt = ctx.Now,
                    });
                }
            }

            var attendance = meeting.Attendance.Where(a => !cmd.Attendance.Any(n => n.ParticipantId == a.ParticipantId)).Concat(cmd.Attendance);
            var updated = meeting with { Attendance = [.. attendance] };
            return new Applied(
                c with { Meetings = Replace(c.Meetings, meeting, updated), Deviations = [.. c.Deviations, .. deviations] },
                Details(("meetingId", meeting.Id.ToString()),
                    ("attended", Count(cmd.Attendance.Count(a => a.Status != AttendanceStatus.Absent))),
                    ("absent", Count(cmd.Attendance.Count(a => a.Status == AttendanceStatus.Absent))),
                    ("deviations", Count(deviations.Count))));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> AssignLeadPrincipalAsync(AssignLeadPrincipal command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.AssignLeadPrincipal, static (c, cmd, _) => new Applied(
            c with { LeadPrincipal = EnsureCalledPrincipal(c, cmd.LeadPrincipal, nameof(cmd.LeadPrincipal)) },
            Details(("principal", cmd.LeadPrincipal.Principal.ToString()), ("coordinatorNamed", Flag(cmd.LeadPrincipal.Coordinator is not null)))),
            cancellationToken);

    /// <summary>The lead principal is one of the case's called principals: the unit named must be called for that principal.</summary>
    private static LeadPrincipal EnsureCalledPrincipal(SipCase c, LeadPrincipal lead, string paramName)
    {
        var candidates = c.CalledPrincipals.Where(p => p.Principal == lead.Principal).ToList();
        if (!candidates.Any(p => p.Organisation == lead.Organisation))
        {
            var allowed = candidates.Count == 0
                ? $"the case has no called unit of the {lead.Principal} yet"
                : "called units of the " + lead.Principal + ": " + string.Join(", ", candidates.Select(p => $"'{p.Organisation.Name}'"));
            throw new ArgumentException(
                $"'{paramName}' names '{lead.Organisation.Name}' for the {lead.Principal}, which is not a called unit of that principal on this case " +
                $"({allowed}). The lead principal is one of the called principals.", paramName);
        }

        return lead;
    }

    /// <inheritdoc />
    public Task<SipCommandResult> BookFollowUpAsync(BookFollowUp command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.BookFollowUp, static (c, cmd, ctx) =>
        {
            Check.Booked(cmd.Booking.At, ctx.Now, nameof(FollowUpBooking.At));
            return new Applied(c with { FollowUpBooking = cmd.Booking }, Details(("at", Moment(cmd.Booking.At))));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> EstablishPlanAsync(EstablishPlan command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.EstablishPlan, static (c, cmd, ctx) => ApplyPlan(c, cmd, ctx), cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> RevisePlanAsync(RevisePlan command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.RevisePlan, static (c, cmd, ctx) => ApplyPlan(c, cmd, ctx), cancellationToken);

    private static Applied ApplyPlan(SipCase c, PlanCommand cmd, Context ctx)
    {
        if (cmd.Goals.Select(g => g.Id).Distinct().Count() != cmd.Goals.Count)
        {
            throw new ArgumentException($"'{nameof(cmd.Goals)}' has two goals with the same id.", nameof(cmd.Goals));
        }

        if (cmd.Interventions.Select(i => i.Id).Distinct().Count() != cmd.Interventions.Count)
        {
            throw new ArgumentException($"'{nameof(cmd.Interventions)}' has two interventions with the same id.", nameof(cmd.Interventions));
        }

        foreach (var intervention in cmd.Interventions)
        {
            if (intervention.PerformedBy is { } by && c.FindParticipant(by) is null)
            {
                throw new ArgumentException(
                    $"Intervention {intervention.Id} is performed by {by}, which is not a participant of this case.", nameof(cmd.Interventions));
            }

            if (intervention.GoalId is { } goal && !cmd.Goals.Any(g => g.Id == goal))
            {
                throw new ArgumentException(
                    $"Intervention {intervention.Id} serves goal {goal}, which is not among this plan's goals.", nameof(cmd.Interventions));
            }
        }

        if (cmd.NoActionsByOthers && cmd.Interventions.Any(i => !i.IsByPrincipal))
        {
            throw new ArgumentException(
                $"'{nameof(cmd.NoActionsByOthers)}' says no one but kommun and region acts, yet the plan lists actions by others; set it only when there are none.",
                nameof(cmd.NoActionsByOthers));
        }

        if (cmd.FollowUpBooking is { } booking)
        {
            Check.Booked(booking.At, ctx.Now, nameof(FollowUpBooking.At));
        }

        if (cmd.LeadPrincipal is { } lead)
        {
            EnsureCalledPrincipal(c, lead, nameof(cmd.LeadPrincipal));
        }

        // The plan is made at a plan or follow-up meeting (never at the principals' pre-meeting), once it has been held.
        var meeting = cmd.MeetingId is { } given
            ? c.Meetings.FirstOrDefault(m => m.Id == given)
                ?? throw new ArgumentException($"'{nameof(cmd.MeetingId)}' {given} is not a meeting of this case.", nameof(cmd.MeetingId))
            : c.Meetings.LastOrDefault(m => m.Purpose != MeetingPurpose.PreMeeting);
        if (meeting is { Purpose: MeetingPurpose.PreMeeting })
        {
            throw new ArgumentException(
                $"'{nameof(cmd.MeetingId)}' names a pre-meeting between the principals; the plan is made at the SIP meeting with the individual.", nameof(cmd.MeetingId));
        }

        if (meeting is not null && meeting.StartsAt > ctx.Now + Check.ClockSkew)
        {
            throw new ArgumentException(
                $"Meeting {meeting.Id} starts at {Moment(meeting.StartsAt)}; the plan is established at the meeting, once it is held.", nameof(cmd.MeetingId));
        }

        var meetingId = meeting?.Id;
        var plan = new SipPlan
        {
            Revision = c.PlanRevisions.Count + 1,
            EstablishedAt = ctx.Now,
            MeetingId = meetingId,
            Goals = cmd.Goals,
            Interventions = cmd.Interventions,
            NoActionsByOthers = cmd.NoActionsByOthers,
            WhatMattersToIndividual = cmd.WhatMattersToIndividual,
            IndividualParticipation = cmd.IndividualParticipation,
            KinParticipation = cmd.KinParticipation,
        };
        var staged = c with
        {
            PlanRevisions = [.. c.PlanRevisions, plan],
            LeadPrincipal = cmd.LeadPrincipal ?? c.LeadPrincipal,
            FollowUpBooking = cmd.FollowUpBooking ?? c.FollowUpBooking,
            PlanEstablishedAt = c.PlanEstablishedAt ?? ctx.Now,
        };
        return new Applied(staged, Details(("revision", Count(plan.Revision)), ("meetingId", meetingId?.ToString()),
            ("goals", Count(plan.Goals.Count)), ("interventions", Count(plan.Interventions.Count))));
    }

    /// <inheritdoc />
    public Task<SipCommandResult> RecordFollowUpAsync(RecordFollowUp command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.RecordFollowUp, static (c, cmd, ctx) =>
        {
            var heldAt = Check.Recorded(cmd.HeldAt ?? ctx.Now, ctx.Now, nameof(cmd.HeldAt));
            if (c.Plan is { } plan && heldAt < plan.EstablishedAt)
            {
                throw new ArgumentOutOfRangeException(nameof(cmd.HeldAt), heldAt,
                    $"'{nameof(cmd.HeldAt)}' is {Moment(heldAt)}, before the plan it follows up was established ({Moment(plan.EstablishedAt)}).");
            }
            if (c.FollowUps.Any(f => f.Id == cmd.FollowUpId))
            {
                throw new ArgumentException($"'{nameof(cmd.FollowUpId)}' {cmd.FollowUpId} is already recorded.", nameof(cmd.FollowUpId));
            }

            var early = c.FollowUpBooking is { } booked && heldAt.UtcDateTime.Date < booked.At.UtcDateTime.Date;
            var record = new FollowUpRecord
            {
                Id = cmd.FollowUpId,
                HeldAt = heldAt,
                PlanRevision = c.PlanRevisions.Count,
                Progress = cmd.Progress,
                InterventionsCarriedOut = cmd.InterventionsCarriedOut,
                InterventionsEffective = cmd.InterventionsEffective,
                NewInformation = cmd.NewInformation,
                AnotherInterventionNeeded = cmd.AnotherInterventionNeeded,
                AnotherActorNeeded = cmd.AnotherActorNeeded,
                Early = early,
            };

            // The booking is used up: a revision books the next follow-up.
            return new Applied(c with { FollowUps = [.. c.FollowUps, record], FollowUpBooking = null },
                Details(("followUpId", cmd.FollowUpId.ToString()), ("planRevision", Count(record.PlanRevision)), ("early", Flag(early))));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> CloseAsync(CloseCase command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.Close, static (c, cmd, ctx) =>
        {
            var otherCommand = cmd.Reason switch
            {
                ClosureReason.ConsentWithdrawn => nameof(WithdrawConsent),
                ClosureReason.OfferDeclined => nameof(DeclineOffer),
                ClosureReason.LongTermGoalChanged => nameof(CloseAndRestart),
                _ => null,
            };
            if (otherCommand is not null)
            {
                throw new ArgumentException(
                    $"'{nameof(cmd.Reason)}' {cmd.Reason} has a command of its own: use {otherCommand}. CloseCase takes " +
                    $"{nameof(ClosureReason.CoordinationNoLongerNeeded)} or {nameof(ClosureReason.NoNewNeedsExpected)}.", nameof(cmd.Reason));
            }

            return new Applied(c with { Closure = new Closure { Reason = cmd.Reason, ClosedAt = ctx.Now, Note = cmd.Note }, FollowUpBooking = null },
                Details(("reason", cmd.Reason.ToString())));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> CloseAndRestartAsync(CloseAndRestart command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.CloseAndRestart, static (c, cmd, ctx) => new Applied(
            c with
            {
                Closure = new Closure { Reason = ClosureReason.LongTermGoalChanged, ClosedAt = ctx.Now, Note = cmd.Note, RestartRequested = true },
                FollowUpBooking = null,
            },
            Details(("reason", nameof(ClosureReason.LongTermGoalChanged)), ("restartRequested", Flag(true)))), cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> RecordDeviationAsync(RecordDeviation command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.RecordDeviation, static (c, cmd, ctx) =>
        {
            if (cmd.ParticipantId is { } participantId)
            {
                Participant(c, participantId, nameof(cmd.ParticipantId));
            }

            if (c.Deviations.Any(d => d.Id == cmd.DeviationId))
            {
                throw new ArgumentException($"'{nameof(cmd.DeviationId)}' {cmd.DeviationId} is already recorded.", nameof(cmd.DeviationId));
            }

            var deviation = new Deviation
            {
                Id = cmd.DeviationId,
                Kind = cmd.Kind,
                Description = cmd.Description,
                ParticipantId = cmd.ParticipantId,
                RecordedAt = ctx.Now,
            };
            return new Applied(c with { Deviations = [.. c.Deviations, deviation] },
                Details(("deviationId", cmd.DeviationId.ToString()), ("kind", cmd.Kind.ToString())));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCommandResult> ChangeIndividualAsync(ChangeIndividual command, CancellationToken cancellationToken = default)
        => ExecuteAsync(command, SipTrigger.ChangeIndividual, static (c, cmd, _) => new Applied(
            c with { Individual = c.Individual with { HasProtectedIdentity = cmd.HasProtectedIdentity, InterpreterLanguage = cmd.InterpreterLanguage } },
            Details(("protectedIdentity", Flag(cmd.HasProtectedIdentity)), ("interpreterNeeded", Flag(cmd.InterpreterLanguage is not null)))),
            cancellationToken);

    private static Participant Participant(SipCase c, ParticipantId id, string paramName)
        => c.FindParticipant(Check.Id(id, paramName))
            ?? throw new ArgumentException($"'{paramName}' names {id}, which is not a participant of this case.", paramName);

    private static T[] Replace<T>(IReadOnlyList<T> items, T old, T replacement)
        where T : class
        => [.. items.Select(x => ReferenceEquals(x, old) ? replacement : x)];
}
