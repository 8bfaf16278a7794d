using System.Text.Json;
using Sip.Workflow.Internal;

namespace Sip.Workflow.Exchange;

public sealed partial class SipExchange
{
    /// <summary>
    /// Applies a message from the other principal's system to this system's case: a summons opens the case (or adds the
    /// meeting to it), an answer, a plan revision or a closing is applied to the case it names. Each step runs through this
    /// system's engine with every guard, under a command id fixed by the message, so a message received again changes nothing.
    /// </summary>
    /// <param name="message">The message, as read by <see cref="SipExchangeJson.Deserialize"/> or built by the host.</param>
    /// <param name="cancellationToken">Cancels the call; steps already applied stay, and the message completes when received again.</param>
    /// <returns>What the message did, and the receiving case (for the sender to link).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipExchangeRefusedException">
    /// The message was refused: not valid for its kind (<see cref="SipExchangeRefusal.Malformed"/>), addressed to a unit
    /// this system does not serve (<see cref="SipExchangeRefusal.NotAddressedHere"/>), about a case this system does not
    /// know or from a unit that takes no part in it (<see cref="SipExchangeRefusal.UnknownCase"/>), ahead of what the case
    /// holds (<see cref="SipExchangeRefusal.OutOfOrder"/>, transient), or refused by the receiving case's own rules
    /// (<see cref="SipExchangeRefusal.RefusedByCase"/>, the inner exception says which).
    /// </exception>
    /// <exception cref="SipWorkflowException">The store failed, or a concurrent change on the case won (receive the message again).</exception>
    public async Task<SipExchangeReceipt> ReceiveAsync(SipExchangeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            message.Validated(nameof(message));
        }
        catch (ArgumentException e)
        {
            throw Refused(message, SipExchangeRefusal.Malformed, SipRefusalText.Of(e), e);
        }

        var served = _options.Units.FirstOrDefault(u => u.IsSameOrganisation(message.To))
            ?? throw Refused(message, SipExchangeRefusal.NotAddressedHere,
                $"Message {message.MessageId} is addressed to a unit this system ({_options.System}) does not serve; nothing was applied.");

        var steps = new Steps(this, message, served, cancellationToken);
        var result = message.Kind switch
        {
            SipExchangeMessageKind.Summons => await ReceiveSummonsAsync(steps, message, message.Summons!).ConfigureAwait(false),
            SipExchangeMessageKind.SummonsAnswer => await ReceiveAnswerAsync(steps, message, message.Answer!).ConfigureAwait(false),
            SipExchangeMessageKind.PlanRevision => await ReceivePlanAsync(steps, message, message.PlanRevision!).ConfigureAwait(false),
            SipExchangeMessageKind.Closing => await ReceiveClosingAsync(steps, message, message.Closing!).ConfigureAwait(false),
            _ => await ReceiveWithdrawalAsync(steps, message, message.ConsentWithdrawal!).ConfigureAwait(false),
        };
        return new SipExchangeReceipt(message.MessageId, steps.Applied ? SipExchangeOutcome.Applied : SipExchangeOutcome.AlreadyApplied, result.Id, result);
    }

    private async Task<SipCase> ReceiveSummonsAsync(Steps steps, SipExchangeMessage message, SipExchangeSummons summons)
    {
        if (!summons.Participants.Any(p => p.Id == summons.Recipient) || summons.Participants.All(p => p.Organisation.IsSameOrganisation(message.To) is false))
        {
            throw Refused(message, SipExchangeRefusal.Malformed,
                $"Summons {message.MessageId} names a recipient that is not among its participants, or no participant of the receiving unit.");
        }

        // A summons to a case the sender knows names it and must come from the case it was opened from (or linked to), for the
        // same individual; a first summons opens the case under an id derived from the sending case and this unit, so the same
        // summons (or a second one before the sender knows the id) finds the same case.
        var c = await FindCaseAsync(steps, message, mayLink: false).ConfigureAwait(false);
        if (c is not null && !string.Equals(c.Individual.Reference.Value, summons.Individual.Reference.Value, StringComparison.Ordinal))
        {
            throw Refused(message, SipExchangeRefusal.UnknownCase,
                $"Summons {message.MessageId} is about another individual than case {c.Id}; nothing was applied.");
        }

        // Checked before any step, so that a summons refused here leaves nothing behind: a meeting already begun cannot be
        // scheduled here any more (its caseworker records it when it is held). A summons already applied is a replay, however late.
        if (c?.Meetings.Any(m => m.Id == summons.Meeting.Id) != true && summons.Meeting.StartsAt < _time.GetUtcNow() - Check.ClockSkew)
        {
            throw Refused(message, SipExchangeRefusal.RefusedByCase,
                $"Summons {message.MessageId} arrived after its meeting began; nothing was applied. The receiving caseworker records the meeting, or the sender summons again to a later one.");
        }

        c ??= await steps.RunAsync(new OpenCase
        {
            Actor = steps.Actor, CommandId = steps.Id("open"), CaseId = DerivedCaseId(message, steps.Served), Individual = summons.Individual,
            Origin = summons.Origin, IdentifiedBy = summons.IdentifiedBy, IdentifyingUnit = summons.IdentifyingUnit, ExternalReference = message.From,
        }).ConfigureAwait(false);

        c = await RecordConsentsAsync(steps, c, summons.Consents).ConfigureAwait(false);

        if (c.State == SipState.NeedIdentified)
        {
            c = await steps.RunAsync(new StartPreparation { Actor = steps.Actor, CommandId = steps.Id("prepare"), CaseId = c.Id }).ConfigureAwait(false);
        }

        c = await AddPartiesAsync(steps, c, summons.Participants).ConfigureAwait(false);
        if (!c.Meetings.Any(m => m.Id == summons.Meeting.Id))
        {
            c = await steps.RunAsync(new ScheduleMeeting { Actor = steps.Actor, CommandId = steps.Id("meeting", summons.Meeting.Id), CaseId = c.Id, Meeting = summons.Meeting }).ConfigureAwait(false);
        }

        if (c.LatestSummons(summons.Meeting.Id) is not { } recorded || recorded.SentAt < message.SentAt)
        {
            c = await steps.RunAsync(new RecordReceivedSummons
            {
                Actor = steps.Actor, CommandId = steps.Id("summons"), CaseId = c.Id, MeetingId = summons.Meeting.Id, SentAt = message.SentAt, From = message.From,
            }).ConfigureAwait(false);
        }

        return c;
    }

    private async Task<SipCase> ReceiveAnswerAsync(Steps steps, SipExchangeMessage message, SummonsReply answer)
    {
        var c = await LinkedCaseAsync(steps, message).ConfigureAwait(false);

        // The other system answers for its own units: never for one this system serves, which answers here.
        if (c.FindParticipant(answer.ParticipantId) is { } party && _options.Units.Any(u => u.IsSameOrganisation(party.Organisation)))
        {
            throw Refused(message, SipExchangeRefusal.Malformed,
                $"Answer {message.MessageId} is for a unit this system serves; only that unit's own answer is recorded here.");
        }

        // Recorded replies carry their time: the same answer in a second message is the one already recorded, and an answer
        // older than the one standing (delivered out of order) is superseded by it.
        if (c.SummonsReplies.Any(r => r.MeetingId == answer.MeetingId && r.ParticipantId == answer.ParticipantId
            && (r.RepliedAt > answer.RepliedAt || (r.RepliedAt == answer.RepliedAt && r.Answer == answer.Answer))))
        {
            return c;
        }

        return await steps.RunAsync(new RecordSummonsReply { Actor = steps.Actor, CommandId = steps.Id("answer"), CaseId = c.Id, Reply = answer }).ConfigureAwait(false);
    }

    private async Task<SipCase> ReceivePlanAsync(Steps steps, SipExchangeMessage message, SipExchangePlanRevision revision)
    {
        var c = await LinkedCaseAsync(steps, message).ConfigureAwait(false);
        var number = revision.Plan.Revision;
        if (number < 1)
        {
            throw Refused(message, SipExchangeRefusal.Malformed, $"Plan revision message {message.MessageId} has revision {number}; revisions count from 1.");
        }

        if (number <= c.PlanRevisions.Count)
        {
            // Already here: the same content is a replay; another content is two principals revising apart, which a person settles.
            return SameContent(c.PlanRevisions[number - 1], revision.Plan)
                ? c
                : throw Refused(message, SipExchangeRefusal.RefusedByCase,
                    $"Case {c.Id} already holds a different revision {number} of the plan; the two principals revised it apart and must agree which stands.");
        }

        if (number > c.PlanRevisions.Count + 1)
        {
            throw Refused(message, SipExchangeRefusal.OutOfOrder,
                $"Plan revision {number} arrived before revision {c.PlanRevisions.Count + 1}; deliver the earlier revision first, then this one again.");
        }

        // Consent given at the meeting (to establish the plan, say) comes with the plan, as given and standing whole.
        c = await RecordConsentsAsync(steps, c, revision.Consents).ConfigureAwait(false);
        c = await AddPartiesAsync(steps, c, revision.Participants).ConfigureAwait(false);
        if (revision.Meeting is { } meeting)
        {
            if (c.Meetings.FirstOrDefault(m => m.Id == meeting.Id) is not { } known)
            {
                throw Refused(message, SipExchangeRefusal.RefusedByCase,
                    $"Plan revision {number} was made at meeting {meeting.Id}, which case {c.Id} was never summoned to; its caseworker records the meeting.");
            }

            if (known.Attendance.Count == 0 && meeting.Attendance.Count > 0)
            {
                c = await steps.RunAsync(new RecordAttendance { Actor = steps.Actor, CommandId = steps.Id("attendance", meeting.Id), CaseId = c.Id, MeetingId = meeting.Id, Attendance = meeting.Attendance })
                    .ConfigureAwait(false);
            }
        }

        var plan = revision.Plan;
        if (number == 1)
        {
            return await steps.RunAsync(new EstablishPlan
            {
                Actor = steps.Actor, CommandId = steps.Id("plan", number), CaseId = c.Id, Plan = plan, LeadPrincipal = plan.LeadPrincipal, FollowUpBooking = plan.FollowUpBooking,
            }).ConfigureAwait(false);
        }

        if (c.State == SipState.PlanEstablished)
        {
            var followUp = revision.FollowUp
                ?? throw Refused(message, SipExchangeRefusal.Malformed, $"Plan revision {number} carries no follow-up; a revision after the first follows one.");
            c = await steps.RunAsync(new RecordFollowUp { Actor = steps.Actor, CommandId = steps.Id("follow-up", number), CaseId = c.Id, FollowUp = followUp }).ConfigureAwait(false);
        }

        return await steps.RunAsync(new RevisePlan
        {
            Actor = steps.Actor, CommandId = steps.Id("plan", number), CaseId = c.Id, Plan = plan, LeadPrincipal = plan.LeadPrincipal, FollowUpBooking = plan.FollowUpBooking,
        }).ConfigureAwait(false);
    }

    private async Task<SipCase> ReceiveClosingAsync(Steps steps, SipExchangeMessage message, SipExchangeClosing closing)
    {
        var c = await LinkedCaseAsync(steps, message).ConfigureAwait(false);
        return !c.IsOpen
            ? c
            : await steps.RunAsync(new CloseCase { Actor = steps.Actor, CommandId = steps.Id("close"), CaseId = c.Id, Reason = closing.Reason, Note = closing.Note }).ConfigureAwait(false);
    }

    // The same withdrawal on the same consents: what the individual took back there is taken back here.
    private async Task<SipCase> ReceiveWithdrawalAsync(Steps steps, SipExchangeMessage message, ConsentWithdrawal withdrawal)
    {
        var c = await LinkedCaseAsync(steps, message).ConfigureAwait(false);
        var recorded = c.Consents.SelectMany(x => x.Withdrawals).Concat(c.ConsentRefusals)
            .Any(x => x.WithdrawnAt == withdrawal.WithdrawnAt && x.WithdrawnBy == withdrawal.WithdrawnBy && x.WithdrawnByReference == withdrawal.WithdrawnByReference);
        return recorded || !c.IsOpen
            ? c
            : await steps.RunAsync(new WithdrawConsent
            {
                Actor = steps.Actor, CommandId = steps.Id("withdrawal"), CaseId = c.Id, WithdrawnBy = withdrawal.WithdrawnBy,
                WithdrawnByReference = withdrawal.WithdrawnByReference, Scope = withdrawal.Party is null ? withdrawal.Scope : ConsentScope.All,
                Party = withdrawal.Party, WithdrawnAt = withdrawal.WithdrawnAt,
            }).ConfigureAwait(false);
    }

    // The consents the sender's case has and this one lacks, by id.
    private static async Task<SipCase> RecordConsentsAsync(Steps steps, SipCase c, IReadOnlyList<Consent> consents)
    {
        foreach (var consent in consents.Where(x => !c.Consents.Any(y => y.Id == x.Id)))
        {
            c = await steps.RunAsync(new RecordConsent { Actor = steps.Actor, CommandId = steps.Id("consent", consent.Id), CaseId = c.Id, Consent = consent }).ConfigureAwait(false);
        }

        return c;
    }

    // The parties the sender's case has and this one lacks, under the sender's ids.
    private static async Task<SipCase> AddPartiesAsync(Steps steps, SipCase c, IReadOnlyList<Participant> participants)
    {
        foreach (var participant in participants.Where(p => c.FindParticipant(p.Id) is null))
        {
            c = await steps.RunAsync(new AddParticipant { Actor = steps.Actor, CommandId = steps.Id("participant", participant.Id), CaseId = c.Id, Participant = participant })
                .ConfigureAwait(false);
        }

        return c;
    }

    // The case a message is about, linked to the sending case: the one it names, or the one opened from the sending case's
    // summons to this unit. A message names no case but one it may come from.
    private async Task<SipCase> LinkedCaseAsync(Steps steps, SipExchangeMessage message)
        => await FindCaseAsync(steps, message, mayLink: true).ConfigureAwait(false)
            ?? throw Refused(message, SipExchangeRefusal.UnknownCase,
                $"{message.Kind} message {message.MessageId} names no case of this system, and none was opened from the sending case; only a summons opens one.");

    /// <summary>
    /// The receiving case: by <see cref="SipExchangeMessage.ToCaseId"/>, or the one a summons from the sending case opened.
    /// A case not yet linked to the sending case is linked by this message only when <paramref name="mayLink"/>, the case
    /// links no other case of the sending system, and the sending unit is a called unit of the other principal in it — so a
    /// unit cannot attach a case of another SIP by knowing its id. Every check runs before any step.
    /// </summary>
    private async Task<SipCase?> FindCaseAsync(Steps steps, SipExchangeMessage message, bool mayLink)
    {
        SipCase? c;
        if (message.ToCaseId is { } text)
        {
            c = SipCaseId.TryParse(text, out var named) ? await steps.ReadAsync(named).ConfigureAwait(false) : null;
            if (c is null)
            {
                throw Refused(message, SipExchangeRefusal.UnknownCase,
                    $"{message.Kind} message {message.MessageId} names a case this system ({_options.System}) does not have.");
            }
        }
        else
        {
            c = await steps.ReadAsync(DerivedCaseId(message, steps.Served)).ConfigureAwait(false);
            if (c is null)
            {
                return null;
            }
        }

        if (c.ExternalReferences.Any(r => r.IsSameCaseAs(message.From)))
        {
            return c;
        }

        var linkedElsewhere = c.ExternalReferences.Any(r => string.Equals(r.System, message.From.System, StringComparison.OrdinalIgnoreCase));
        var calledUnit = c.CalledPrincipals.Any(p => p.Principal is { } principal && principal != _options.Principal && p.Organisation.IsSameOrganisation(message.From.Organisation));
        if (!mayLink || linkedElsewhere || !calledUnit)
        {
            throw Refused(message, SipExchangeRefusal.UnknownCase,
                $"{message.Kind} message {message.MessageId} comes from a case that case {c.Id} is not linked to" +
                (linkedElsewhere ? $", and case {c.Id} is linked to another case in {message.From.System}" : calledUnit ? string.Empty : ", from a unit that is not a called unit of the other principal in it") +
                "; nothing was applied.");
        }

        return await steps.RunAsync(new LinkExternalCase { Actor = steps.Actor, CommandId = steps.Id("link"), CaseId = c.Id, Reference = message.From }).ConfigureAwait(false);
    }

    // The case a summons from the sending case opens at this unit: the same id on every node and for every redelivery.
    private static SipCaseId DerivedCaseId(SipExchangeMessage message, OrganisationReference served)
        => SipCaseId.From(SipDeterministicId.From(
            "sip-exchange/case", message.From.System.ToUpperInvariant(), message.From.CaseId, (served.Identifier ?? served.Name).Trim().ToUpperInvariant()));

    // Two revisions say the same when they differ at most in when each system established them.
    private static bool SameContent(SipPlan held, SipPlan received)
        => JsonSerializer.Serialize(held with { EstablishedAt = default }, SipExchangeJsonContext.Default.SipPlan)
            == JsonSerializer.Serialize(received with { EstablishedAt = default }, SipExchangeJsonContext.Default.SipPlan);

    private static SipExchangeRefusedException Refused(SipExchangeMessage message, SipExchangeRefusal reason, string text, Exception? inner = null)
        => new(reason, text, inner) { MessageId = message.MessageId };

    /// <summary>The steps of one received message: each under a command id fixed by the message, all by the exchange's actor.</summary>
    private sealed class Steps(SipExchange exchange, SipExchangeMessage message, OrganisationReference served, CancellationToken cancellationToken)
    {
        /// <summary>The unit of this system the message is addressed to.</summary>
        public OrganisationReference Served { get; } = served;

        // The steps are the sending unit's, taken in its system and applied here: the actor is that unit, through the exchange.
        public SipActor Actor { get; } = ExchangeActor(message.From.System, message.From.Organisation);

        /// <summary>Reads a case as the sending unit's system, logged in the access log (why-code <c>sip-exchange</c>); a refusal is an unknown case to the sender.</summary>
        public async Task<SipCase?> ReadAsync(SipCaseId caseId)
        {
            try
            {
                return await exchange._workflow.ReadCaseAsync(caseId, new SipReader { Actor = Actor, Reason = ReadReason }, cancellationToken).ConfigureAwait(false);
            }
            catch (SipAccessRefusedException refused)
            {
                throw Refused(message, SipExchangeRefusal.UnknownCase,
                    $"{message.Kind} message {message.MessageId} comes from a unit that may not read case {caseId} (rule {refused.Rule}); nothing was applied.", refused);
            }
        }

        public CancellationToken CancellationToken => cancellationToken;

        /// <summary>Whether any step changed the case (rather than meeting its own earlier effect).</summary>
        public bool Applied { get; private set; }

        // The sending case and the addressee are part of every step's id: another sender reusing this message id cannot take
        // its steps' ids.
        public CommandId Id(string step, object? item = null)
            => CommandId.From(SipDeterministicId.From(
                "sip-exchange/step", message.From.System.ToUpperInvariant(), message.From.CaseId, (Served.Identifier ?? Served.Name).ToUpperInvariant(),
                message.MessageId.ToString(), step, item?.ToString() ?? string.Empty));

        public async Task<SipCase> RunAsync(SipCommand command)
        {
            try
            {
                var result = await exchange._workflow.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
                Applied |= !result.IsReplay;
                return result.Case;
            }
            catch (SipConcurrencyException e)
            {
                // The case changed under the message (its own caseworker, or another message): applying it again reads it anew.
                throw Refused(message, SipExchangeRefusal.CaseChanged,
                    $"{message.Kind} message {message.MessageId}: the receiving case changed while {command.GetType().Name} was applied; receive the message again.", e);
            }
            catch (SipIdempotencyConflictException e)
            {
                throw Refused(message, SipExchangeRefusal.Malformed,
                    $"{message.Kind} message {message.MessageId} reuses the id of an earlier message from the same case with other content; nothing more was applied.", e);
            }
            catch (Exception e) when (e is ArgumentException || e is SipWorkflowException { IsTransient: false })
            {
                var why = e is ArgumentException argument ? SipRefusalText.Of(argument) : e.Message;
                throw Refused(message, SipExchangeRefusal.RefusedByCase,
                    $"{message.Kind} message {message.MessageId}: the receiving case refused {command.GetType().Name}: {why}", e);
            }
        }
    }
}
