namespace Sip.Workflow;

/// <summary>
/// The SIP process as data: every transition, the states it starts from, and the requirements guarding it. This is
/// the one place the process is defined; <see cref="SipProcess"/> builds the Stateless machine from it.
/// </summary>
internal static class SipProcessDefinition
{
    /// <summary>What a guard reads: the staging case, its policy, the Swedish date of the step, and the parties the step discloses to.</summary>
    /// <remarks>
    /// <see cref="Staged"/> tells a step being fired (the command's data applied to the case) from the checklist's question
    /// about the case as it stands.
    /// </remarks>
    internal sealed class GuardContext(SipCase @case, SipPolicy policy, DateTimeOffset now, IReadOnlyList<Participant> parties, bool staged)
    {
        // Several guards of one step ask the same consent question; it is answered once per scope.
        private ConsentStanding? _sharing;
        private ConsentStanding? _plan;

        public SipCase Case { get; } = @case;

        public SipPolicy Policy { get; } = policy;

        public DateTimeOffset Now { get; } = now;

        public DateOnly Today { get; } = SipLegalReferences.SwedishDateOf(now);

        public bool Staged { get; } = staged;

        /// <summary>
        /// The meeting the plan is made at: for a step being fired, the one the staged plan names; asked of the case as it
        /// stands, the latest plan or follow-up meeting, which the plan would name by default.
        /// </summary>
        public Meeting? MeetingOfPlan => Staged
            ? Case.Plan?.MeetingId is { } id ? Case.Meetings.FirstOrDefault(m => m.Id == id) : null
            : Case.MeetingForPlan;

        public IReadOnlyList<Participant> Parties { get; } = parties;

        public ConsentStanding Consent(ConsentScope scope) => scope switch
        {
            ConsentScope.InformationSharing => _sharing ??= SipConsentRules.Evaluate(Case, scope, Today, Policy, party: null),
            ConsentScope.PlanEstablishment => _plan ??= SipConsentRules.Evaluate(Case, scope, Today, Policy, party: null),
            _ => SipConsentRules.Evaluate(Case, scope, Today, Policy, party: null),
        };
    }

    internal sealed record Guard(SipRequirement Requirement, Func<GuardContext, bool> IsMet);

    /// <summary>
    /// A transition; <see cref="To"/> is <see langword="null"/> for a step that records something without moving on. With
    /// <see cref="MovesWhen"/>, the step moves to <see cref="To"/> only when the staging case says so and otherwise stays
    /// (a withdrawal ends the SIP only when it takes the plan or all information sharing away).
    /// </summary>
    internal sealed record Rule(SipState From, SipTrigger Trigger, SipState? To, IReadOnlyList<Guard> Guards, Func<SipCase, bool>? MovesWhen = null);

    private static readonly SipState[] Open =
        [SipState.NeedIdentified, SipState.Preparing, SipState.Summoned, SipState.PlanEstablished, SipState.FollowUp];

    private static readonly SipState[] FromPreparing =
        [SipState.Preparing, SipState.Summoned, SipState.PlanEstablished, SipState.FollowUp];

    private static readonly SipState[] FromSummoned = [SipState.Summoned, SipState.PlanEstablished, SipState.FollowUp];

    private static List<Rule> BuildRules()
    {
        var rules = new List<Rule>();

        void Internal(SipTrigger trigger, params SipState[] states)
            => rules.AddRange(states.Select(s => new Rule(s, trigger, null, [])));

        void Move(SipTrigger trigger, SipState to, Guard[] guards, params SipState[] states)
            => rules.AddRange(states.Select(s => new Rule(s, trigger, to, guards)));

        // A guarded step that stays in its state (Stateless re-entry): e.g. summoning again after rescheduling.
        void Stay(SipTrigger trigger, Guard[] guards, params SipState[] states)
            => rules.AddRange(states.Select(s => new Rule(s, trigger, s, guards)));

        Internal(SipTrigger.RecordConsent, Open);
        Internal(SipTrigger.ChangeIndividual, Open);
        Internal(SipTrigger.RecordDeviation, Open);
        Internal(SipTrigger.RecordAdmission, Open);
        Internal(SipTrigger.AppointFixedCareContact, Open);
        Internal(SipTrigger.RecordReadyForDischarge, Open);
        Internal(SipTrigger.RevokeReadyForDischarge, Open);
        Internal(SipTrigger.RecordDischarge, Open);
        Internal(SipTrigger.RecordInformationTransfer, Open);
        Stay(SipTrigger.AddParticipant, [.. ConsentGuards(ConsentScope.InformationSharing), .. PartyGuards], FromPreparing);
        Internal(SipTrigger.ChangeParticipant, FromPreparing);
        Internal(SipTrigger.ScheduleMeeting, FromPreparing);
        Stay(SipTrigger.ForwardSummons, [.. ConsentGuards(ConsentScope.InformationSharing), .. PartyGuards], SipState.Summoned);

        // A meeting recorded after the fact discloses to those who came; from preparation it stands in for the summons.
        Move(SipTrigger.RecordHeldMeeting, SipState.Summoned, [.. ConsentGuards(ConsentScope.InformationSharing), .. PartyGuards, BothPrincipalsCalled], SipState.Preparing);
        Stay(SipTrigger.RecordHeldMeeting, [.. ConsentGuards(ConsentScope.InformationSharing), .. PartyGuards], FromSummoned);
        Stay(SipTrigger.RecordAttendance, [.. ConsentGuards(ConsentScope.InformationSharing), .. PartyGuards], FromSummoned);
        Internal(SipTrigger.RecordSummonsReply, FromSummoned);
        Internal(SipTrigger.AssignLeadPrincipal, FromSummoned);
        Internal(SipTrigger.BookFollowUp, FromSummoned);
        Internal(SipTrigger.RecordSituationChange, SipState.PlanEstablished);
        Internal(SipTrigger.UpdateInterventionStatus, SipState.PlanEstablished, SipState.FollowUp);
        // A copy of the plan to a participant discloses it: the consent must cover that party, as for a summons.
        Stay(SipTrigger.RecordPlanDistributed, [.. ConsentGuards(ConsentScope.InformationSharing), .. PartyGuards], SipState.PlanEstablished, SipState.FollowUp);
        Internal(SipTrigger.ApprovePlanForIndividual, SipState.PlanEstablished, SipState.FollowUp);
        Internal(SipTrigger.LinkExternalCase, Open);
        Internal(SipTrigger.RecordSummonsDelivery, FromSummoned);
        Internal(SipTrigger.RecordEvaluation, FromSummoned);

        rules.AddRange(Open.Select(s => new Rule(s, SipTrigger.WithdrawConsent, SipState.Closed, [], MovesWhen: c => c.Closure is not null)));
        Move(SipTrigger.DeclineOffer, SipState.Closed, [], SipState.NeedIdentified);
        Move(SipTrigger.StartPreparation, SipState.Preparing, ConsentGuards(ConsentScope.InformationSharing), SipState.NeedIdentified);
        Move(SipTrigger.SendSummons, SipState.Summoned, [.. ConsentGuards(ConsentScope.InformationSharing), .. PartyGuards, .. SummonsGuards], SipState.Preparing);
        Stay(SipTrigger.SendSummons, [.. ConsentGuards(ConsentScope.InformationSharing), .. PartyGuards, .. SummonsGuards], FromSummoned);

        // A summons received from the other principal moves this side as sending it moved the sender's: under the same
        // consent, both principals called. The sender's guards checked the rest (meeting, purpose, questions) before it sent.
        Move(SipTrigger.RecordReceivedSummons, SipState.Summoned, [.. ConsentGuards(ConsentScope.InformationSharing), BothPrincipalsCalled], SipState.Preparing);
        Stay(SipTrigger.RecordReceivedSummons, [.. ConsentGuards(ConsentScope.InformationSharing), BothPrincipalsCalled], FromSummoned);
        Move(SipTrigger.EstablishPlan, SipState.PlanEstablished, [.. ConsentGuards(ConsentScope.PlanEstablishment), .. PlanGuards], SipState.Summoned);
        Move(SipTrigger.RecordFollowUp, SipState.FollowUp, [], SipState.PlanEstablished);
        Move(SipTrigger.ConfirmPlanUnchanged, SipState.PlanEstablished, [], SipState.FollowUp);
        Move(SipTrigger.RevisePlan, SipState.PlanEstablished, [.. ConsentGuards(ConsentScope.PlanEstablishment), .. PlanGuards], SipState.FollowUp);
        // At discharge the offer is answered rather than the case closed — unless the individual died or moved away first.
        Move(SipTrigger.CloseCase, SipState.Closed,
            [new(SipRequirements.DischargeOffer, g => g.Case.Origin.Kind != OriginKind.InpatientDischarge
                || g.Case.Closure?.Reason is ClosureReason.Deceased or ClosureReason.MovedAway)],
            SipState.NeedIdentified);
        Move(SipTrigger.CloseCase, SipState.Closed, [], SipState.Preparing, SipState.Summoned, SipState.PlanEstablished, SipState.FollowUp);
        Move(SipTrigger.DeclineToStart, SipState.Closed, [new(SipRequirements.DischargeOffer, g => g.Case.Origin.Kind != OriginKind.InpatientDischarge)], SipState.NeedIdentified);
        Internal(SipTrigger.DocumentClosing, SipState.Closed);
        Move(SipTrigger.CloseAndRestart, SipState.Closed, [], SipState.FollowUp);
        return rules;
    }

    private static Guard[] ConsentGuards(ConsentScope scope) =>
    [
        new(scope == ConsentScope.InformationSharing ? SipRequirements.ConsentInformationSharing : SipRequirements.ConsentPlanEstablishment,
            g => g.Consent(scope).Given),
        new(SipRequirements.ConsentBothGuardians, g => g.Consent(scope).Complete),
    ];

    // The parties a step discloses to: each is covered by the consent, and next of kin were asked about first. Every step
    // with these guards has the consent guards too: where no complete consent stands they say so, and the party guard
    // stays quiet rather than repeat it.
    private static readonly Guard[] PartyGuards =
    [
        new(SipRequirements.ConsentPartyCovered,
            g => g.Consent(ConsentScope.InformationSharing) is not { Given: true, Complete: true }
                || g.Parties.All(p => g.Case.IsCoveredByConsent(p, g.Today, g.Policy))),
        new(SipRequirements.KinAskedBeforeInvitation,
            g => g.Parties.All(p => p.Kind != ParticipantKind.NextOfKin || p.KinAssessment is { AllowsInvitation: true })),
    ];

    private static readonly Guard BothPrincipalsCalled = new(SipRequirements.SummonsBothPrincipals,
        g => g.Case.CalledPrincipals.Any(p => p.Principal == PrincipalKind.Municipality)
            && g.Case.CalledPrincipals.Any(p => p.Principal == PrincipalKind.Region));

    private static readonly Guard[] SummonsGuards =
    [
        BothPrincipalsCalled,
        new(SipRequirements.SummonsMeetingScheduled, g => g.Case.MeetingToSummon is not null),
        new(SipRequirements.SummonsMeetingAhead, g => g.Case.MeetingToSummon is not { } m || m.StartsAt > g.Now),
        new(SipRequirements.SummonsPurpose, g => g.Case.MeetingToSummon is { PurposeText: not null, Reason: not null }),
        new(SipRequirements.SummonsLongTermGoal, g => g.Case.MeetingToSummon is { LongTermGoal: not null }),
        new(SipRequirements.SummonsQuestions, g => g.Case.MeetingToSummon is { Questions.Count: > 0 }),
    ];

    // Each principal answers for its interventions: the plan names at least one, or states that it has none at present.
    private static bool Answers(SipPlan plan, PrincipalKind principal, ResponsibleKind responsible)
        => plan.Interventions.Any(i => i.Responsible == responsible) || plan.NoInterventionsFrom.Contains(principal);

    private static readonly Guard[] PlanGuards =
    [
        new(SipRequirements.PlanMeetingHeld, g => g.MeetingOfPlan is not { } m || m.StartsAt <= g.Now + Internal.Check.ClockSkew),
        new(SipRequirements.PlanInterventions, g => g.Case.Plan is { } p && p.ByPrincipals.Any()),
        new(SipRequirements.PlanPrincipalResponsibility,
            g => g.Case.Plan is { } p
                && Answers(p, PrincipalKind.Municipality, ResponsibleKind.Municipality)
                && Answers(p, PrincipalKind.Region, ResponsibleKind.Region)),
        new(SipRequirements.PlanActionsByOthers, g => g.Case.Plan is { } p && (p.NoActionsByOthers || p.ActionsByOthers.Any())),
        new(SipRequirements.PlanLeadPrincipal, g => g.Case.LeadPrincipal is not null),
        new(SipRequirements.PlanIndividualParticipation,
            g => g.Case.Plan?.IndividualParticipation is { Participated: true } or { ReasonNotParticipating: not null }),
        new(SipRequirements.PlanKinParticipation,
            g => g.Case.Plan is { } p && p.KinParticipation is null or { Participated: false, Offered: false } or { JudgedSuitable: true, IndividualObjected: false }),
        new(SipRequirements.PlanGoals,
            g => g.Case.Plan is { } p && p.Goals.Any(x => x.Horizon == GoalHorizon.LongTerm) && p.Goals.Any(x => x.Horizon == GoalHorizon.ShortTerm)),
        new(SipRequirements.PlanInterventionDetails,
            g => g.Case.Plan is { } p && p.Interventions.Count > 0 && p.Interventions.All(i =>
                i.When is not null && i.Where is not null && (i.Responsible != ResponsibleKind.OtherActor || i.PerformedBy is not null))),
        new(SipRequirements.PlanWhatMatters, g => g.Case.Plan?.WhatMattersToIndividual is not null),
        new(SipRequirements.PlanFollowUpBooked, g => g.Case.FollowUpBooking is not null),
        new(SipRequirements.PlanCoordinator, g => g.Case.LeadPrincipal?.Coordinator is not null),
    ];

    // Declared last: static initialisers run in text order and the rules use the guard arrays above.
    public static IReadOnlyList<Rule> Rules { get; } = BuildRules();
}
