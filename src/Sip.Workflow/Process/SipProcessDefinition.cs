namespace Sip.Workflow;

/// <summary>
/// The SIP process as data: every transition, the states it starts from, and the requirements guarding it. This is
/// the one place the process is defined; <see cref="SipProcess"/> builds the Stateless machine from it.
/// </summary>
internal static class SipProcessDefinition
{
    internal sealed record Guard(SipRequirement Requirement, Func<SipCase, bool> IsMet);

    /// <summary>A transition; <see cref="To"/> is <see langword="null"/> for a step that records something without moving on.</summary>
    internal sealed record Rule(SipState From, SipTrigger Trigger, SipState? To, IReadOnlyList<Guard> Guards);

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
        Internal(SipTrigger.AddParticipant, FromPreparing);
        Internal(SipTrigger.ChangeParticipant, FromPreparing);
        Internal(SipTrigger.ScheduleMeeting, FromPreparing);
        Internal(SipTrigger.ForwardSummons, SipState.Summoned);
        Internal(SipTrigger.RecordAttendance, FromSummoned);
        Internal(SipTrigger.AssignLeadPrincipal, FromSummoned);
        Internal(SipTrigger.BookFollowUp, FromSummoned);

        Move(SipTrigger.WithdrawConsent, SipState.Closed, [], Open);
        Move(SipTrigger.DeclineOffer, SipState.Closed, [], SipState.NeedIdentified);
        Move(SipTrigger.StartPreparation, SipState.Preparing, ConsentGuards(ConsentScope.InformationSharing), SipState.NeedIdentified);
        Move(SipTrigger.SendSummons, SipState.Summoned, [.. ConsentGuards(ConsentScope.InformationSharing), .. SummonsGuards], SipState.Preparing);
        Stay(SipTrigger.SendSummons, [.. ConsentGuards(ConsentScope.InformationSharing), .. SummonsGuards], FromSummoned);
        Move(SipTrigger.EstablishPlan, SipState.PlanEstablished, [.. ConsentGuards(ConsentScope.PlanEstablishment), .. PlanGuards], SipState.Summoned);
        Move(SipTrigger.RecordFollowUp, SipState.FollowUp, [], SipState.PlanEstablished);
        Move(SipTrigger.RevisePlan, SipState.PlanEstablished, [.. ConsentGuards(ConsentScope.PlanEstablishment), .. PlanGuards], SipState.FollowUp);
        Move(SipTrigger.CloseCase, SipState.Closed, [new(SipRequirements.DischargeOffer, c => c.Origin.Kind != OriginKind.InpatientDischarge)], SipState.NeedIdentified);
        Move(SipTrigger.CloseCase, SipState.Closed, [], SipState.Preparing, SipState.Summoned, SipState.FollowUp);
        Move(SipTrigger.CloseAndRestart, SipState.Closed, [], SipState.FollowUp);
        return rules;
    }

    private static Guard[] ConsentGuards(ConsentScope scope) =>
    [
        new(scope == ConsentScope.InformationSharing ? SipRequirements.ConsentInformationSharing : SipRequirements.ConsentPlanEstablishment,
            c => c.HasConsent(scope)),
        new(SipRequirements.ConsentBothGuardians, c => c.HasConsentFromEveryGuardian(scope)),
    ];

    private static readonly Guard[] SummonsGuards =
    [
        new(SipRequirements.SummonsBothPrincipals,
            c => c.CalledPrincipals.Any(p => p.Principal == PrincipalKind.Municipality)
                && c.CalledPrincipals.Any(p => p.Principal == PrincipalKind.Region)),
        new(SipRequirements.SummonsMeetingScheduled, c => c.MeetingToSummon is not null),
        new(SipRequirements.SummonsPurpose, c => c.MeetingToSummon is { PurposeText: not null, Reason: not null }),
        new(SipRequirements.SummonsLongTermGoal, c => c.MeetingToSummon is { LongTermGoal: not null }),
        new(SipRequirements.SummonsQuestions, c => c.MeetingToSummon is { Questions.Count: > 0 }),
    ];

    private static readonly Guard[] PlanGuards =
    [
        new(SipRequirements.PlanInterventions, c => c.Plan is { } p && p.ByPrincipals.Any()),
        new(SipRequirements.PlanPrincipalResponsibility,
            c => c.Plan is { } p
                && p.Interventions.Any(i => i.Responsible == ResponsibleKind.Municipality)
                && p.Interventions.Any(i => i.Responsible == ResponsibleKind.Region)),
        new(SipRequirements.PlanActionsByOthers, c => c.Plan is { } p && (p.NoActionsByOthers || p.ActionsByOthers.Any())),
        new(SipRequirements.PlanLeadPrincipal, c => c.LeadPrincipal is not null),
        new(SipRequirements.PlanIndividualParticipation,
            c => c.Plan?.IndividualParticipation is { Participated: true } or { ReasonNotParticipating: not null }),
        new(SipRequirements.PlanKinParticipation,
            c => c.Plan is { } p && p.KinParticipation is null or { Participated: false } or { JudgedSuitable: true, IndividualObjected: false }),
        new(SipRequirements.PlanGoals,
            c => c.Plan is { } p && p.Goals.Any(g => g.Horizon == GoalHorizon.LongTerm) && p.Goals.Any(g => g.Horizon == GoalHorizon.ShortTerm)),
        new(SipRequirements.PlanInterventionDetails,
            c => c.Plan is { } p && p.Interventions.Count > 0 && p.Interventions.All(i =>
                i.When is not null && i.Where is not null && (i.Responsible != ResponsibleKind.OtherActor || i.PerformedBy is not null))),
        new(SipRequirements.PlanWhatMatters, c => c.Plan?.WhatMattersToIndividual is not null),
        new(SipRequirements.PlanFollowUpBooked, c => c.FollowUpBooking is not null),
        new(SipRequirements.PlanCoordinator, c => c.LeadPrincipal?.Coordinator is not null),
    ];

    // Declared last: static initialisers run in text order and the rules use the guard arrays above.
    public static IReadOnlyList<Rule> Rules { get; } = BuildRules();
}
