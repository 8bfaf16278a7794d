using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// One SIP — <i>samordnad individuell plan</i> — from the identified need to the closing: the aggregate every command
/// changes and every store persists as a whole.
/// </summary>
/// <remarks>
/// A case is immutable: the engine produces a new instance for each accepted command, so a case handed to the host
/// can never change under it, and a store can keep the instance it was given without copying it.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipCase
{
    /// <summary>The case's id.</summary>
    public required SipCaseId Id { get; init; }

    /// <summary>
    /// The stored version: 1 after opening, one more for every accepted command. Every save names the version it read
    /// (optimistic concurrency).
    /// </summary>
    public long Version { get; init; }

    /// <summary>Where the case is in the process.</summary>
    public SipState State { get; init; } = SipState.NeedIdentified;

    /// <summary>The individual the plan is for.</summary>
    public required Individual Individual { get; init; }

    /// <summary>Where the need was identified.</summary>
    public required CaseOrigin Origin { get; init; }

    /// <summary>The principal that judged the need (<i>bedömt behovet</i>); one principal's judgement obliges both.</summary>
    public required PrincipalKind IdentifiedBy { get; init; }

    /// <summary>The unit that identified the need, if given.</summary>
    public OrganisationReference? IdentifyingUnit { get; init; }

    /// <summary>
    /// Who opened the case: with <see cref="IdentifyingUnit"/>, the opening unit that reads and acts before participants
    /// are added, and a named user of the case (<see cref="SipCaseRoles"/>). Set by the engine; <see langword="null"/> for a
    /// case opened before it was recorded.
    /// </summary>
    [JsonInclude]
    public SipActor? OpenedBy { get; internal init; }

    /// <summary>
    /// What <paramref name="actor"/> is in this case, derived from the case itself: the opening unit, a called unit, an
    /// invited actor, the lead unit, the coordinator, a named user, the individual's proxy. Hosts use it as the rules do,
    /// so that no host derives these roles differently.
    /// </summary>
    /// <param name="actor">The actor.</param>
    /// <returns>The roles; <see cref="SipCaseRoles.None"/> for an actor with no part in the case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> is <see langword="null"/>.</exception>
    public SipCaseRoles RolesOf(SipActor actor) => SipCaseRoleRules.Of(this, actor);

    /// <summary>When the need was identified and the case opened.</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The name of the policy the case is run under (e.g. "Region Halland").</summary>
    public string PolicyName { get; init; } = SipPolicy.NationalGuidance.Name;

    /// <summary>The closed case this one restarts, if any (<i>avsluta och starta om</i>).</summary>
    public SipCaseId? PreviousCaseId { get; init; }

    /// <summary>Every consent recorded, withdrawn ones included.</summary>
    public IReadOnlyList<Consent> Consents
    {
        get;
        init => field = Check.List(value, nameof(Consents), SipLimits.MaxItems);
    } = SipList<Consent>.Empty;

    /// <summary>The called principals' units and the invited actors.</summary>
    public IReadOnlyList<Participant> Participants
    {
        get;
        init => field = Check.List(value, nameof(Participants), SipLimits.MaxItems);
    } = SipList<Participant>.Empty;

    /// <summary>The meetings, in the order they were scheduled.</summary>
    public IReadOnlyList<Meeting> Meetings
    {
        get;
        init => field = Check.List(value, nameof(Meetings), SipLimits.MaxItems);
    } = SipList<Meeting>.Empty;

    /// <summary>Every summons sent.</summary>
    public IReadOnlyList<Summons> SummonsSent
    {
        get;
        init => field = Check.List(value, nameof(SummonsSent), SipLimits.MaxItems);
    } = SipList<Summons>.Empty;

    /// <summary>The parties' answers to summonses and invitations, in the order recorded; a party's latest answer for a meeting stands.</summary>
    public IReadOnlyList<SummonsReply> SummonsReplies
    {
        get;
        init => field = Check.List(value, nameof(SummonsReplies), SipLimits.MaxItems);
    } = SipList<SummonsReply>.Empty;

    /// <summary>Deliveries and readings of summonses and invitations reported by the host's transport, in the order recorded.</summary>
    public IReadOnlyList<SummonsDelivery> SummonsDeliveries
    {
        get;
        init => field = Check.List(value, nameof(SummonsDeliveries), SipLimits.MaxItems);
    } = SipList<SummonsDelivery>.Empty;

    /// <summary>
    /// The same SIP's case in the other principal's system (and any other linked system), each linked once
    /// (<see cref="OpenCase.ExternalReference"/>, <see cref="LinkExternalCase"/>).
    /// </summary>
    public IReadOnlyList<ExternalCaseReference> ExternalReferences
    {
        get;
        init => field = Check.List(value, nameof(ExternalReferences), SipLimits.MaxItems);
    } = SipList<ExternalCaseReference>.Empty;

    /// <summary>
    /// How far the latest summons or invitation for <paramref name="meetingId"/> has come with <paramref name="participantId"/>:
    /// answered (the party's answer for the meeting stands, as in <see cref="RepliesOutstanding"/>), read, delivered (as
    /// reported for the latest summons: one sent again is delivered again), or pending; <see langword="null"/> when it was
    /// not sent to that party.
    /// </summary>
    /// <param name="meetingId">The meeting.</param>
    /// <param name="participantId">The recipient.</param>
    /// <returns>The state, or <see langword="null"/>.</returns>
    public SummonsDeliveryState? SummonsStateOf(MeetingId meetingId, ParticipantId participantId)
    {
        if (LatestSummons(meetingId) is not { } summons || !SummonedTo(meetingId).Any(p => p.Id == participantId))
        {
            return null;
        }

        // Answered as the due work counts it (RepliesOutstanding): a party's answer for the meeting stands.
        if (SummonsReplies.Any(r => r.MeetingId == meetingId && r.ParticipantId == participantId))
        {
            return SummonsDeliveryState.Answered;
        }

        // Only what was reported for the latest summons counts: a summons sent again is delivered again.
        return SummonsDeliveries
            .Where(d => d.MeetingId == meetingId && d.ParticipantId == participantId && d.At >= summons.SentAt)
            .Select(d => d.State)
            .DefaultIfEmpty(SummonsDeliveryState.Pending)
            .Max();
    }

    /// <summary>
    /// The parties still taking part that have not answered the summons for <see cref="MeetingToSummon"/>, once it has been
    /// sent and while the meeting is not yet recorded as held.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<Participant> RepliesOutstanding
    {
        get
        {
            // The deadlines ask on every command; the lambdas' closure is made only when a meeting awaits replies.
            return MeetingToSummon is { IsHeld: false } meeting ? OutstandingFor(meeting.Id) : [];
        }
    }

    // A read-only list, as before: a caller that casts it must not be handed an array it can write to.
    private IReadOnlyList<Participant> OutstandingFor(MeetingId meetingId)
        => [.. SummonedTo(meetingId).Where(p => p.IsActive && !SummonsReplies.Any(r => r.MeetingId == meetingId && r.ParticipantId == p.Id))];

    /// <summary>The units through which <paramref name="principal"/> took part: its called units, and the lead's unit if it holds the lead.</summary>
    internal IEnumerable<OrganisationReference> UnitsOf(PrincipalKind principal)
        => Participants.Where(p => p.Role == ParticipationRole.Called && p.Principal == principal).Select(p => p.Organisation)
            .Concat(LeadPrincipal is { } lead && lead.Principal == principal ? [lead.Organisation] : []);

    /// <summary>The latest summons sent for a meeting, if any.</summary>
    internal Summons? LatestSummons(MeetingId meetingId) => SummonsSent.LastOrDefault(x => x.MeetingId == meetingId);

    /// <summary>The meeting a plan is made at unless it names one: the latest plan or follow-up meeting (never a pre-meeting).</summary>
    internal Meeting? MeetingForPlan => Meetings.LastOrDefault(m => m.Purpose != MeetingPurpose.PreMeeting);

    /// <summary>
    /// The parties the latest summons for a meeting went to — called and invited — and the units it was forwarded to from
    /// them; empty when no summons for that meeting was sent.
    /// </summary>
    internal List<Participant> SummonedTo(MeetingId meetingId)
    {
        var addressees = new List<Participant>();
        if (LatestSummons(meetingId) is not { } summons)
        {
            return addressees;
        }

        foreach (var id in summons.Called.Concat(summons.Invited))
        {
            // Follow the forwards: the unit a summons went on to answers in its place.
            for (var p = FindParticipant(id); p is not null && !addressees.Contains(p); p = p.ForwardedTo is { } next ? FindParticipant(next) : null)
            {
                addressees.Add(p);
            }
        }

        return addressees;
    }

    /// <summary>The plan in force: the latest revision, or <see langword="null"/> before it is established.</summary>
    [JsonIgnore]
    public SipPlan? Plan => PlanRevisions.Count == 0 ? null : PlanRevisions[^1];

    /// <summary>Every revision of the plan, the first established one first.</summary>
    public IReadOnlyList<SipPlan> PlanRevisions
    {
        get;
        init => field = Check.List(value, nameof(PlanRevisions), SipLimits.MaxItems);
    } = SipList<SipPlan>.Empty;

    /// <summary>The interventions' status changes between follow-ups, in the order recorded (<see cref="UpdateInterventionStatus"/>).</summary>
    public IReadOnlyList<InterventionStatusChange> InterventionStatusChanges
    {
        get;
        init => field = Check.List(value, nameof(InterventionStatusChanges), SipLimits.MaxItems);
    } = SipList<InterventionStatusChange>.Empty;

    /// <summary>
    /// Where an intervention of the plan in force stands: its latest status change since this revision, or the status
    /// the revision gave it; <see langword="null"/> when the plan in force has no such intervention.
    /// </summary>
    /// <param name="interventionId">The intervention.</param>
    public InterventionStatus? StatusOf(InterventionId interventionId)
    {
        if (Plan?.Interventions.FirstOrDefault(i => i.Id == interventionId) is not { } intervention)
        {
            return null;
        }

        var revision = Plan.Revision;
        return InterventionStatusChanges.LastOrDefault(c => c.InterventionId == interventionId && c.PlanRevision == revision)?.Status ?? intervention.Status;
    }

    /// <summary>The copies of the plan handed out, in the order recorded (<see cref="RecordPlanDistributed"/>).</summary>
    public IReadOnlyList<PlanDistribution> PlanDistributions
    {
        get;
        init => field = Check.List(value, nameof(PlanDistributions), SipLimits.MaxItems);
    } = SipList<PlanDistribution>.Empty;

    /// <summary>The plan revisions approved for the individual's own access (<see cref="ApprovePlanForIndividual"/>).</summary>
    public IReadOnlyList<PlanApproval> PlanApprovals
    {
        get;
        init => field = Check.List(value, nameof(PlanApprovals), SipLimits.MaxItems);
    } = SipList<PlanApproval>.Empty;

    /// <summary>Whether <paramref name="revision"/> of the plan was approved for the individual (<i>godkänd för patient</i>).</summary>
    /// <param name="revision">The plan revision.</param>
    public bool IsApprovedForIndividual(int revision) => PlanApprovals.Any(a => a.Revision == revision);

    /// <summary>
    /// Whether the individual still awaits a copy of the plan in force: the case is open, a plan is in force and no copy of
    /// its revision to the individual is recorded.
    /// </summary>
    [JsonIgnore]
    public bool IndividualAwaitsPlanCopy => IsOpen && Plan is { } plan && !PlanDistributions.Any(d => d.Revision == plan.Revision && d.IsTo(null));

    /// <summary>
    /// The participants still taking part that have no copy of the plan in force recorded (the coordinator sees that every
    /// participant gets one, Region Halland); empty when the case is closed or no plan is in force. A party towards whom
    /// consent was withdrawn, or that forwarded its summons, is not owed a copy: it must not get one.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<Participant> ParticipantsAwaitingPlanCopy
        => IsOpen && Plan is { } plan
            ? [.. ActiveParticipants.Where(p => !PlanDistributions.Any(d => d.Revision == plan.Revision && d.IsTo(p.Id)))]
            : [];

    /// <summary>The stays in inpatient care and their discharges (lag (2017:612)), oldest first.</summary>
    public IReadOnlyList<DischargeEpisode> DischargeEpisodes
    {
        get;
        init => field = Check.List(value, nameof(DischargeEpisodes), SipLimits.MaxItems);
    } = SipList<DischargeEpisode>.Empty;

    /// <summary>
    /// The day a child comes of age and the guardians' consents lapse (föräldrabalken 6 kap. 2 §): the individual's
    /// recorded or estimated day (<see cref="Individual.ComesOfAgeOn"/>), or, with neither known, 18 years after the case
    /// was opened — the latest it can be, since the individual was a child then. <see langword="null"/> for an adult.
    /// </summary>
    [JsonIgnore]
    public DateOnly? ComesOfAgeOn => !Individual.IsChild ? null : Individual.ComesOfAgeOn ?? SipLegalReferences.SwedishDateOf(OpenedAt).AddYears(18);

    /// <summary>Whether the individual is a child on <paramref name="date"/>: a child at opening who has not come of age by then (<see cref="ComesOfAgeOn"/>).</summary>
    /// <param name="date">The day (Swedish date).</param>
    public bool IsChildOn(DateOnly date) => Individual.IsChild && date < ComesOfAgeOn!.Value;

    /// <summary>
    /// Refusals by someone with no standing consent of their own: a guardian who says no while the other consents alone
    /// (föräldrabalken 6 kap. 13 § andra stycket holds only while the other is prevented), or a young adult who says no
    /// after the guardians' consents lapsed. Written by the engine (<see cref="WithdrawConsent"/>).
    /// </summary>
    public IReadOnlyList<ConsentWithdrawal> ConsentRefusals
    {
        get;
        init => field = Check.List(value, nameof(ConsentRefusals), SipLimits.MaxItems);
    } = SipList<ConsentWithdrawal>.Empty;

    /// <summary>The latest stay in inpatient care, if any.</summary>
    [JsonIgnore]
    public DischargeEpisode? CurrentDischarge => DischargeEpisodes.Count == 0 ? null : DischargeEpisodes[^1];

    /// <summary>
    /// When the ready-for-discharge notice standing now was received: the latest stay's standing notice, or for a case
    /// stored before stays were recorded, the notice its origin carries.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? StandingReadyForDischargeAt
        => DischargeEpisodes.Count == 0 ? Origin.ReadyForDischargeAt : CurrentDischarge!.StandingNotice?.NotifiedAt;

    /// <summary>The lead principal and coordinator, once appointed.</summary>
    public LeadPrincipal? LeadPrincipal { get; init; }

    /// <summary>The booked follow-up, if one is booked and not yet held.</summary>
    public FollowUpBooking? FollowUpBooking { get; init; }

    /// <summary>The follow-ups held.</summary>
    public IReadOnlyList<FollowUpRecord> FollowUps
    {
        get;
        init => field = Check.List(value, nameof(FollowUps), SipLimits.MaxItems);
    } = SipList<FollowUpRecord>.Empty;

    /// <summary>The substantial changes in the individual's situation recorded while the plan was in force (<see cref="RecordSituationChange"/>).</summary>
    public IReadOnlyList<SituationChange> SituationChanges
    {
        get;
        init => field = Check.List(value, nameof(SituationChanges), SipLimits.MaxItems);
    } = SipList<SituationChange>.Empty;

    /// <summary>The evaluations of meetings recorded (<see cref="RecordEvaluation"/>), each respondent's apart.</summary>
    public IReadOnlyList<Evaluation> Evaluations
    {
        get;
        init => field = Check.List(value, nameof(Evaluations), SipLimits.MaxItems);
    } = SipList<Evaluation>.Empty;

    /// <summary>The recorded deviations.</summary>
    public IReadOnlyList<Deviation> Deviations
    {
        get;
        init => field = Check.List(value, nameof(Deviations), SipLimits.MaxItems);
    } = SipList<Deviation>.Empty;

    /// <summary>The closing, once closed.</summary>
    public Closure? Closure { get; init; }

    /// <summary>Each principal's documentation of the closing (<see cref="DocumentClosing"/>), in the order recorded.</summary>
    public IReadOnlyList<PrincipalClosing> PrincipalClosings
    {
        get;
        init => field = Check.List(value, nameof(PrincipalClosings), SipLimits.MaxItems);
    } = SipList<PrincipalClosing>.Empty;

    /// <summary>
    /// The principals that took part — a unit of theirs was called, or they hold the lead — and have not documented the
    /// closing yet; empty while the case is open.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<PrincipalKind> ClosingOwedBy
    {
        get
        {
            if (IsOpen)
            {
                return [];
            }

            var owing = new List<PrincipalKind>(2);
            foreach (var principal in (ReadOnlySpan<PrincipalKind>)[PrincipalKind.Municipality, PrincipalKind.Region])
            {
                if (UnitsOf(principal).Any() && !PrincipalClosings.Any(c => c.Principal == principal))
                {
                    owing.Add(principal);
                }
            }

            return owing;
        }
    }

    /// <summary>When preparation started (consent was in place and work began).</summary>
    public DateTimeOffset? PreparationStartedAt { get; init; }

    /// <summary>When the first summons was sent.</summary>
    public DateTimeOffset? FirstSummonsSentAt { get; init; }

    /// <summary>When the plan was first established (the first SIP meeting).</summary>
    public DateTimeOffset? PlanEstablishedAt { get; init; }

    /// <summary>
    /// The hash of the newest event in the case's history (the head of the hash chain); a verification compares it with
    /// the stored history so that a removed newest event is detected too.
    /// </summary>
    /// <remarks>
    /// Part of the case's JSON, so a case sent over HTTP and read back still verifies against its history. A stored case
    /// document keeps it beside the case body rather than in it (<see cref="Storage.SipJson.SerializeCase"/>): the head is
    /// derived from a hash of that body.
    /// </remarks>
    public string? HistoryHead { get; init; }

    /// <summary>
    /// The earliest deadline still open for this case under its policy, or <see langword="null"/> when none is;
    /// kept by the engine so that stores can index due work.
    /// </summary>
    public DateTimeOffset? NextDeadline { get; init; }

    /// <summary>
    /// Every deadline still open for this case under its policy, earliest first (<see cref="SipDeadlines.Open"/>), as the
    /// engine sealed them with the case's last command, beside <see cref="NextDeadline"/> (the first of them): due work is
    /// read from these, so a store answers it from the case's head without the lists it keeps apart
    /// (<see cref="Storage.SipCaseItems"/>).
    /// </summary>
    /// <remarks>
    /// <see langword="null"/> for a case last written by a release before this member existed, or holding a deadline rule
    /// this release does not know (a newer release's): due work then computes them from the whole case. Like
    /// <see cref="NextDeadline"/>, they follow the policy in force at the case's last command: a host that changes its
    /// deadline settings sees them in a case's due work from the case's next command on.
    /// </remarks>
    public IReadOnlyList<SipDeadline>? OpenDeadlines
    {
        get;
        // A deadline a stored document holds under a rule this release does not know is read as null: then none is known.
        // (Indexed, without an enumerator: the engine sets this on every command.)
        init
        {
            for (var i = 0; value is not null && i < value.Count; i++)
            {
                if (value[i] is null)
                {
                    value = null;
                }
            }

            field = value is null ? null : SipList<SipDeadline>.Of(value);
        }
    }

    /// <summary>
    /// What the case body's digest made of this case's member values and lists (<see cref="Storage.SipCaseBody"/>). A
    /// <c>with</c> copies it to the version made from this one, so the next command's digest reuses every part whose value
    /// is still the same instance, whichever thread runs it and however many cases that thread serves; no table keyed by
    /// instance is needed, which the garbage collector would scan on every collection. Neither part of the case's value
    /// (it compares equal whatever it holds) nor of its JSON.
    /// </summary>
    internal Storage.SipCaseBody.MemoSlot BodyMemo;

    /// <summary>Whether the case is still open (not <see cref="SipState.Closed"/>).</summary>
    [JsonIgnore]
    public bool IsOpen => State != SipState.Closed;

    /// <summary>
    /// Whether someone with the right to consent for the individual has consented to <paramref name="scope"/>, standing on
    /// <paramref name="asOf"/>: the individual (or their ombud; a god man or förvaltare where the policy allows) for an
    /// adult; for a child a legal guardian, or the child themself where the policy allows and the maturity assessment is
    /// recorded. A guardian's consent lapses the day the child comes of age.
    /// </summary>
    /// <param name="scope">The scope needed.</param>
    /// <param name="asOf">The day (Swedish date) the question is about.</param>
    /// <param name="policy">The policy the case runs under: it decides whether a child or a court-appointed representative may consent.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    public bool HasConsent(ConsentScope scope, DateOnly asOf, SipPolicy policy)
        => SipConsentRules.Evaluate(this, scope, asOf, policy, party: null).Given;

    /// <summary>
    /// Whether the consent to <paramref name="scope"/> is complete as the law requires for a child on
    /// <paramref name="asOf"/>: every legal guardian has consented (föräldrabalken 6 kap. 13 § första stycket), or one has
    /// alone because the other is prevented (13 § andra stycket), or one has and the socialnämnd decided without the other
    /// (13 a §), or the child has consented themself (OSL 12 kap. 3 §, where the policy allows). Always true for an adult.
    /// </summary>
    /// <param name="scope">The scope needed.</param>
    /// <param name="asOf">The day (Swedish date) the question is about.</param>
    /// <param name="policy">The policy the case runs under.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    public bool HasGuardiansConsent(ConsentScope scope, DateOnly asOf, SipPolicy policy)
        => SipConsentRules.Evaluate(this, scope, asOf, policy, party: null).Complete;

    /// <summary>
    /// Whether information may be shared with <paramref name="participant"/> on <paramref name="asOf"/>: the consent to
    /// information sharing stands, completely, in consents whose parties cover it.
    /// </summary>
    /// <param name="participant">The party.</param>
    /// <param name="asOf">The day (Swedish date).</param>
    /// <param name="policy">The policy the case runs under.</param>
    /// <exception cref="ArgumentNullException"><paramref name="participant"/> or <paramref name="policy"/> is <see langword="null"/>.</exception>
    public bool IsCoveredByConsent(Participant participant, DateOnly asOf, SipPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var cover = SipConsentRules.Evaluate(this, ConsentScope.InformationSharing, asOf, policy, participant);
        return cover.Given && cover.Complete;
    }

    /// <summary>Finds a participant by id.</summary>
    /// <param name="id">The participant's id.</param>
    /// <returns>The participant, or <see langword="null"/>.</returns>
    public Participant? FindParticipant(ParticipantId id)
    {
        foreach (var p in Participants)
        {
            if (p.Id == id)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>The participants called as a principal's unit and still taking part (not forwarded on, consent not withdrawn towards them).</summary>
    [JsonIgnore]
    public IEnumerable<Participant> CalledPrincipals
        => Participants.Where(p => p.Role == ParticipationRole.Called && p.IsActive);

    /// <summary>The participants still taking part, called or invited: the parties a summons goes to.</summary>
    [JsonIgnore]
    public IEnumerable<Participant> ActiveParticipants => Participants.Where(p => p.IsActive);

    /// <summary>The meeting the plan is established at: the latest scheduled plan meeting, if any.</summary>
    [JsonIgnore]
    public Meeting? PlanMeeting => Meetings.LastOrDefault(m => m.Purpose == MeetingPurpose.PlanMeeting);

    /// <summary>
    /// The meeting a summons goes out for: before the plan is established, the latest plan meeting; after, the latest
    /// follow-up meeting (the lead principal calls the parties to follow up).
    /// </summary>
    [JsonIgnore]
    public Meeting? MeetingToSummon
    {
        get
        {
            // A loop from the end, not LastOrDefault with a lambda over this case: asked on every command, through the
            // deadlines, and the lambda's closure would be made each time.
            var purpose = PlanRevisions.Count == 0 ? MeetingPurpose.PlanMeeting : MeetingPurpose.FollowUpMeeting;
            for (var i = Meetings.Count - 1; i >= 0; i--)
            {
                if (Meetings[i].Purpose == purpose)
                {
                    return Meetings[i];
                }
            }

            return null;
        }
    }

    /// <summary>Returns a text without any personal data, so a case never leaks the individual through formatting.</summary>
    public override string ToString() => $"SipCase {Id} v{Version} ({State})";
}
