using System.Globalization;
using Sip.Workflow.Internal;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Exchange;

/// <summary>
/// Keeps one SIP in step between the municipality's and the region's systems: turns this system's feed entries into the
/// messages the other system needs (<see cref="MessagesForAsync"/>) and applies the messages it receives
/// (<see cref="ReceiveAsync"/>). It ships no transport: the host carries the messages (see <c>docs/exchange.md</c>).
/// </summary>
/// <remarks>
/// <para><b>One SIP, two cases.</b> Each principal keeps its own case; the cases are linked by
/// <see cref="ExternalCaseReference"/>. A summons to a unit of the other principal opens the case there, holding the
/// sender's participants, meetings and consents under the sender's ids, so an answer, an attendance or an intervention's
/// performer means the same party on both sides. Answers, plan revisions and the closing go to every linked case.</para>
/// <para><b>The law on both sides.</b> A received message is applied as the receiving caseworker's own steps would be —
/// open, consent, prepare, add each party, schedule, record the summons, establish or revise the plan, close — through
/// the receiving engine with every guard, so the receiving case refuses what the law refuses there
/// (<see cref="SipExchangeRefusal.RefusedByCase"/>). Those steps name the actor <see cref="ReceivingRole"/>, and events by
/// that role are never sent back.</para>
/// <para><b>Exactly once.</b> A message's id and its entry in the feed fix every step's command id, so a message written
/// twice from the feed has one id, and applying it twice replays each step (<see cref="SipExchangeOutcome.AlreadyApplied"/>).
/// A message interrupted halfway is completed when it comes again.</para>
/// <para><b>Not exchanged in version 1</b> (each side's caseworker records them): follow-ups decided without a revision,
/// close-and-restart, deviations, changes to the individual, and changes to a party or meeting after it was sent.</para>
/// </remarks>
/// <threadsafety>Safe to use from many threads at once.</threadsafety>
public sealed partial class SipExchange
{
    /// <summary>
    /// The role of the exchange's actors: the sending unit's system applying a received message's steps here, and this
    /// system reading a case to send it. Events by it came from the other system and are never sent back; the access rules
    /// know it (<see cref="SipAccessRules.ExchangeRole"/>).
    /// </summary>
    public const string ReceivingRole = "SIP exchange";

    /// <summary>The why-code the exchange's reads carry in the access log.</summary>
    public const string ReadReason = "sip-exchange";

    private readonly ISipWorkflow _workflow;
    private readonly SipExchangeOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<Participant, bool> _sendsSummonsTo;

    /// <summary>Creates the exchange for an engine.</summary>
    /// <param name="workflow">This system's engine.</param>
    /// <param name="options">Who this system is.</param>
    /// <param name="timeProvider">The clock, the engine's; <see cref="TimeProvider.System"/> unless given. A summons that arrives
    /// after its meeting began is refused by it before anything is applied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public SipExchange(ISipWorkflow workflow, SipExchangeOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(options);
        _workflow = workflow;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _sendsSummonsTo = options.SendsSummonsTo
            ?? (p => p.Role == ParticipationRole.Called && p.Principal is { } principal && principal != options.Principal);
    }

    /// <summary>Whether an event was recorded by applying a received message (and so is not sent back).</summary>
    /// <param name="sipEvent">The event.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sipEvent"/> is <see langword="null"/>.</exception>
    public static bool IsReceived(SipEvent sipEvent)
    {
        ArgumentNullException.ThrowIfNull(sipEvent);
        return string.Equals(sipEvent.Actor.Role, ReceivingRole, StringComparison.Ordinal);
    }

    /// <summary>
    /// The messages a feed entry gives rise to: a summons per called unit of the other principal, and an answer, a plan
    /// revision or a closing per linked case. Empty for every other entry, for a tombstone, for a purged case and for what
    /// was itself received. The same entry always gives the same messages (ids included), so a subscriber that handles it
    /// again sends what the receiver recognises as a replay.
    /// </summary>
    /// <param name="entry">An entry of this system's feed (<see cref="ISipWorkflow.ReadEventsAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The messages, each addressed by <see cref="SipExchangeMessage.To"/> and <see cref="SipExchangeMessage.ToCaseId"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The store failed reading the case or writing the read to the access log.</exception>
    public async Task<IReadOnlyList<SipExchangeMessage>> MessagesForAsync(SipFeedEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Event is not { } e || IsReceived(e)
            || e.EventType is not (SipEventTypes.SummonsSent or SipEventTypes.SummonsReplyRecorded or SipEventTypes.PlanEstablished
                or SipEventTypes.PlanRevised or SipEventTypes.CaseClosed or SipEventTypes.ConsentWithdrawn))
        {
            return [];
        }

        // The case as it is now: what the event refers to is found in it by id (a summons by its sending time, a revision by
        // its number), so a later change to the case does not change what this entry sends.
        if (await ReadForSendingAsync(e.CaseId, cancellationToken).ConfigureAwait(false) is not { } c)
        {
            return [];
        }

        var from = new ExternalCaseReference { System = _options.System, CaseId = c.Id.ToString(), Organisation = LocalUnit(c) };
        if (e.EventType == SipEventTypes.SummonsSent)
        {
            return SummonsMessages(c, e, from);
        }

        if (Content(c, e) is not { } content)
        {
            return [];
        }

        // To every linked case; and to every summoned unit of the other principal whose case this one has not learnt yet (it
        // never answered through the exchange): the receiver finds its case as it did for the summons, by the sending case.
        var sequence = e.Sequence.ToString(CultureInfo.InvariantCulture);
        var linked = c.ExternalReferences.Select(target => (Id: SipDeterministicId.From("sip-exchange/message", c.Id.ToString(), sequence, target.System, target.CaseId),
            To: target.Organisation, CaseId: (string?)target.CaseId));
        var unlinked = c.CalledPrincipals
            .Where(p => _sendsSummonsTo(p) && c.SummonsSent.Any(s => s.Called.Contains(p.Id)) && !c.ExternalReferences.Any(r => r.Organisation.IsSameOrganisation(p.Organisation)))
            .Select(p => (Id: SipDeterministicId.From("sip-exchange/message", c.Id.ToString(), sequence, p.Id.ToString()), To: p.Organisation, CaseId: (string?)null));
        // An answer is news to the others, never to the unit that gave it (its own system records its answer itself).
        var answering = content.Answer is { } reply ? c.FindParticipant(reply.ParticipantId)?.Organisation : null;
        return [.. linked.Concat(unlinked).Where(target => answering is null || !target.To.IsSameOrganisation(answering)).Select(target => new SipExchangeMessage
        {
            MessageId = target.Id,
            Kind = content.Kind,
            SentAt = e.OccurredAt,
            From = from,
            To = target.To,
            ToCaseId = target.CaseId,
            ProtectedIdentity = c.Individual.HasProtectedIdentity,
            Answer = content.Answer,
            PlanRevision = content.PlanRevision,
            Closing = content.Closing,
            ConsentWithdrawal = content.Withdrawal,
        })];
    }

    // Only consents that stand whole: a receiver never holds more consent than stands here when the message is written.
    private static Consent[] StandingWhole(SipCase c) => [.. c.Consents.Where(x => x.WithdrawnAt is null && x.Withdrawals.Count == 0)];

    private List<SipExchangeMessage> SummonsMessages(SipCase c, SipEvent e, ExternalCaseReference from)
    {
        if (!e.Details.TryGetValue("meetingId", out var meetingText) || !MeetingId.TryParse(meetingText, out var meetingId)
            || c.SummonsSent.LastOrDefault(s => s.MeetingId == meetingId && s.SentAt == e.OccurredAt) is not { } summons
            || c.Meetings.FirstOrDefault(m => m.Id == meetingId) is not { } meeting)
        {
            return [];
        }

        var consents = StandingWhole(c);
        var participants = c.ActiveParticipants.ToArray();
        var messages = new List<SipExchangeMessage>();
        foreach (var recipient in summons.Called.Select(c.FindParticipant))
        {
            if (recipient is not { IsActive: true } || !_sendsSummonsTo(recipient))
            {
                continue;
            }

            var linked = c.ExternalReferences.FirstOrDefault(r => r.Organisation.IsSameOrganisation(recipient.Organisation));
            messages.Add(new SipExchangeMessage
            {
                MessageId = SipDeterministicId.From("sip-exchange/message", c.Id.ToString(), e.Sequence.ToString(CultureInfo.InvariantCulture), recipient.Id.ToString()),
                Kind = SipExchangeMessageKind.Summons,
                SentAt = e.OccurredAt,
                From = from,
                To = recipient.Organisation,
                ToCaseId = linked?.CaseId,
                ProtectedIdentity = c.Individual.HasProtectedIdentity,
                Summons = new SipExchangeSummons
                {
                    Individual = c.Individual,
                    Origin = c.Origin,
                    IdentifiedBy = c.IdentifiedBy,
                    IdentifyingUnit = c.IdentifyingUnit,
                    Consents = consents,
                    Participants = participants,
                    Meeting = meeting with { Attendance = [] },
                    Recipient = recipient.Id,
                },
            });
        }

        return messages;
    }

    private sealed record MessageContent(
        SipExchangeMessageKind Kind, SummonsReply? Answer = null, SipExchangePlanRevision? PlanRevision = null, SipExchangeClosing? Closing = null,
        ConsentWithdrawal? Withdrawal = null);

    // What an answer, revision or closing says, the same for every linked case it goes to.
    private static MessageContent? Content(SipCase c, SipEvent e)
    {
        switch (e.EventType)
        {
            case SipEventTypes.SummonsReplyRecorded
                when e.Details.TryGetValue("meetingId", out var m) && MeetingId.TryParse(m, out var meetingId)
                    && e.Details.TryGetValue("participantId", out var p) && ParticipantId.TryParse(p, out var participantId):
                var reply = c.SummonsReplies.LastOrDefault(r => r.MeetingId == meetingId && r.ParticipantId == participantId && r.RepliedAt <= e.OccurredAt);
                return reply is null ? null : new MessageContent(SipExchangeMessageKind.SummonsAnswer, Answer: reply);
            case SipEventTypes.PlanEstablished or SipEventTypes.PlanRevised
                when e.Details.TryGetValue("revision", out var r) && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
                    && revision >= 1 && revision <= c.PlanRevisions.Count:
                var plan = c.PlanRevisions[revision - 1];
                var followUp = revision == 1 ? null : c.FollowUps.LastOrDefault(f => f.PlanRevision == revision - 1);
                return new MessageContent(SipExchangeMessageKind.PlanRevision, PlanRevision: new SipExchangePlanRevision
                {
                    Plan = plan,
                    Meeting = plan.MeetingId is { } id ? c.Meetings.FirstOrDefault(x => x.Id == id) : null,
                    Participants = [.. c.ActiveParticipants],
                    Consents = StandingWhole(c),

                    // The receiver records the follow-up as its own: the decision and the numbering are its engine's.
                    FollowUp = followUp is null ? null : followUp with { Outcome = null, Early = false, PlanRevision = 0 },
                });
            case SipEventTypes.ConsentWithdrawn
                when e.Details.TryGetValue("withdrawnAt", out var w) && DateTimeOffset.TryParse(w, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
                    && e.Details.TryGetValue("withdrawnBy", out var by) && Enum.TryParse<ConsentGiver>(by, out var giver):
                // The event's withdrawal as recorded on each consent it touched (or as a refusal): one withdrawal, its scopes joined.
                var records = c.Consents.SelectMany(x => x.Withdrawals).Concat(c.ConsentRefusals).Where(x => x.WithdrawnAt == at && x.WithdrawnBy == giver).ToArray();
                return records.Length == 0
                    ? null
                    : new MessageContent(SipExchangeMessageKind.ConsentWithdrawal, Withdrawal: records[0] with { Scope = records.Aggregate(ConsentScope.None, (all, x) => all | x.Scope) });
            case SipEventTypes.CaseClosed when c.Closure is { } closure:
                return new MessageContent(SipExchangeMessageKind.Closing, Closing: new SipExchangeClosing { Reason = closure.Reason, Note = closure.Note });
            default:
                return null;
        }
    }

    // This system reads the case to send it, as the first of its units that may (one unit takes part in most SIPs); each read
    // is in the access log. A case none of its units may read is not sent from here.
    private async Task<SipCase?> ReadForSendingAsync(SipCaseId caseId, CancellationToken cancellationToken)
    {
        foreach (var unit in _options.Units)
        {
            var reader = new SipReader
            {
                Actor = ExchangeActor(_options.System, unit),
                Reason = ReadReason,
            };
            try
            {
                return await _workflow.ReadCaseAsync(caseId, reader, cancellationToken).ConfigureAwait(false);
            }
            catch (SipAccessRefusedException)
            {
                // Another of this system's units may take part in it; if none does, the case is not this system's to send.
            }
        }

        return null;
    }

    // The exchange's actor: a unit's system, not a person (its user id names the system, within the length a user id has).
    private static SipActor ExchangeActor(string system, OrganisationReference unit)
    {
        var userId = $"sip-exchange:{system}";
        return new SipActor
        {
            UserId = userId.Length <= SipLimits.NameMaxLength ? userId : userId[..SipLimits.NameMaxLength],
            Organisation = unit.Name, OrganisationId = unit.Identifier, Role = ReceivingRole,
        };
    }

    private OrganisationReference LocalUnit(SipCase c)
        => _options.Units.FirstOrDefault(u => c.ActiveParticipants.Any(p => p.Organisation.IsSameOrganisation(u))) ?? _options.Units[0];
}
