using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Process;

/// <summary>
/// For every guard requirement in the catalogue: a case where it is the rule that is missing is refused with its code
/// and nothing changes; once the requirement is met, the same step goes through.
/// </summary>
public sealed class RequirementGuardTests
{
    private delegate Task Scenario(SipScenario s);

    private static readonly Dictionary<string, (SipPolicy Policy, Scenario Run)> Scenarios = new()
    {
        ["CONSENT-INFORMATION-SHARING"] = (SipPolicy.NationalGuidance, async s =>
        {
            var c = await s.OpenAsync();
            await s.ConsentAsync(c.Id, ConsentScope.PlanEstablishment);
            await s.ExpectUnmetAsync(c.Id, "CONSENT-INFORMATION-SHARING", () => Start(s, c.Id));
            await s.ConsentAsync(c.Id, ConsentScope.InformationSharing);
            await Start(s, c.Id);
        }),
        ["CONSENT-PLAN"] = (SipPolicy.NationalGuidance, async s =>
        {
            var c = await s.OpenAsync();
            await s.ConsentAsync(c.Id, ConsentScope.InformationSharing);
            await Start(s, c.Id);
            await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
            await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
            await Schedule(s, c.Id, SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(3)));
            await Summon(s, c.Id);
            s.Time.Advance(TimeSpan.FromDays(3));
            var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2));
            await s.ExpectUnmetAsync(c.Id, "CONSENT-PLAN", () => s.Workflow.EstablishPlanAsync(plan));
            await s.ConsentAsync(c.Id, ConsentScope.PlanEstablishment);
            await s.Workflow.EstablishPlanAsync(plan);
        }),
        ["CONSENT-BOTH-GUARDIANS"] = (SipPolicy.NationalGuidance, async s =>
        {
            var c = await s.OpenAsync(SipTestData.ChildWithTwoGuardians());
            await s.ConsentAsync(c.Id, ConsentScope.All, ConsentGiver.LegalGuardian, "vh-1");
            var refused = await s.ExpectUnmetAsync(c.Id, "CONSENT-BOTH-GUARDIANS", () => Start(s, c.Id));
            refused.UnmetRequirements.Should().ContainSingle("one guardian's consent satisfies everything else");
            await s.ConsentAsync(c.Id, ConsentScope.All, ConsentGiver.LegalGuardian, "vh-2");
            await Start(s, c.Id);
        }),
        ["CONSENT-PARTY-COVERED"] = (SipPolicy.NationalGuidance, async s =>
        {
            var c = await s.OpenAsync();
            await s.Workflow.RecordConsentAsync(new RecordConsent
            {
                CaseId = c.Id, Actor = s.Actor,
                Consent = SipTestData.OwnConsent(s.Time.GetUtcNow()) with { Parties = new ConsentParties { ExceptKinds = [ParticipantKind.School] } },
            });
            await Start(s, c.Id);
            await s.ExpectUnmetAsync(c.Id, "CONSENT-PARTY-COVERED", () => s.AddAsync(c.Id, ParticipantKind.School, SipTestData.SchoolUnit));
            await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        }),
        ["KIN-ASKED-BEFORE-INVITATION"] = (SipPolicy.NationalGuidance, async s =>
        {
            var c = await s.ConsentedAsync();
            await Start(s, c.Id);
            var daughter = new Participant { Kind = ParticipantKind.NextOfKin, Organisation = new OrganisationReference { Name = "Dotter" } };
            var add = (Participant p) => s.Workflow.AddParticipantAsync(new AddParticipant { CaseId = c.Id, Actor = s.Actor, Participant = p });
            await s.ExpectUnmetAsync(c.Id, "KIN-ASKED-BEFORE-INVITATION", () => add(daughter));
            await s.ExpectUnmetAsync(c.Id, "KIN-ASKED-BEFORE-INVITATION",
                () => add(daughter with { KinAssessment = SipTestData.KinMayBeAsked(s.Time.GetUtcNow()) with { IndividualObjects = true } }));
            await add(daughter with { KinAssessment = SipTestData.KinMayBeAsked(s.Time.GetUtcNow()) });
        }),
        ["SUMMONS-BOTH-PRINCIPALS"] = (SipPolicy.NationalGuidance, async s =>
        {
            var c = await s.ConsentedAsync();
            await Start(s, c.Id);
            await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
            await s.AddAsync(c.Id, ParticipantKind.SocialInsuranceAgency, SipTestData.SocialInsuranceUnit);
            await Schedule(s, c.Id, SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(3)));
            await s.ExpectUnmetAsync(c.Id, "SUMMONS-BOTH-PRINCIPALS", () => Summon(s, c.Id));
            await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
            await Summon(s, c.Id);
        }),
        ["SUMMONS-MEETING"] = (SipPolicy.NationalGuidance, async s =>
        {
            var c = await s.ConsentedAsync();
            await Start(s, c.Id);
            await s.AddAsync(c.Id, ParticipantKind.MunicipalHealthCare, SipTestData.HomeCareUnit);
            await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
            await s.ExpectUnmetAsync(c.Id, "SUMMONS-MEETING", () => Summon(s, c.Id));
            await Schedule(s, c.Id, SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(3)));
            await Summon(s, c.Id);
        }),
        ["SUMMONS-MEETING-AHEAD"] = (SipPolicy.NationalMinimum, async s =>
        {
            var c = await s.ReadyToSummonAsync();
            s.Time.SetUtcNow(c.PlanMeeting!.StartsAt);
            await s.ExpectUnmetAsync(c.Id, "SUMMONS-MEETING-AHEAD", () => Summon(s, c.Id));
            await Schedule(s, c.Id, SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(2)));
            await Summon(s, c.Id);
        }),
        ["SUMMONS-PURPOSE"] = (SipPolicy.VastraGotaland, SummonsContent("SUMMONS-PURPOSE", m => m with { PurposeText = null })),
        ["SUMMONS-LONG-TERM-GOAL"] = (SipPolicy.VastraGotaland, SummonsContent("SUMMONS-LONG-TERM-GOAL", m => m with { LongTermGoal = null })),
        ["SUMMONS-QUESTIONS"] = (SipPolicy.VastraGotaland, SummonsContent("SUMMONS-QUESTIONS", m => m with { Questions = [] })),
        ["PLAN-MEETING-HELD"] = (SipPolicy.NationalMinimum, async s =>
        {
            var c = await s.ReadyToSummonAsync();
            await Summon(s, c.Id);
            var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2));
            var refused = await s.ExpectUnmetAsync(c.Id, "PLAN-MEETING-HELD", () => s.Workflow.EstablishPlanAsync(plan));
            refused.UnmetRequirements.Should().ContainSingle();
            s.Time.SetUtcNow(c.PlanMeeting!.StartsAt);
            (await s.Workflow.EstablishPlanAsync(plan)).Case.State.Should().Be(SipState.PlanEstablished);
        }),
        ["PLAN-INTERVENTIONS"] = (SipPolicy.NationalGuidance, PlanContent("PLAN-INTERVENTIONS",
            (p, _) => p with { Plan = p.Plan with { Interventions = [.. p.Plan.Interventions.Where(i => !i.IsByPrincipal)] } })),
        ["PLAN-PRINCIPAL-RESPONSIBILITY"] = (SipPolicy.NationalGuidance, PlanContent("PLAN-PRINCIPAL-RESPONSIBILITY",
            (p, _) => p with { Plan = p.Plan with { Interventions = [.. p.Plan.Interventions.Where(i => i.Responsible != ResponsibleKind.Region)] } },

            // "No intervention from the region at present" is a statement the plan can make.
            (p, _) => p with
            {
                Plan = p.Plan with { Interventions = [.. p.Plan.Interventions.Where(i => i.Responsible != ResponsibleKind.Region)], NoInterventionsFrom = [PrincipalKind.Region] },
            })),
        ["PLAN-ACTIONS-BY-OTHERS"] = (SipPolicy.NationalGuidance, async s =>
        {
            var c = await s.SummonedAsync();
            var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2));
            plan = plan with { Plan = plan.Plan with { Interventions = [.. plan.Plan.Interventions.Where(i => i.IsByPrincipal)] } };
            await s.ExpectUnmetAsync(c.Id, "PLAN-ACTIONS-BY-OTHERS", () => s.Workflow.EstablishPlanAsync(plan));
            await s.Workflow.EstablishPlanAsync(plan with { Plan = plan.Plan with { NoActionsByOthers = true } });
        }),
        ["PLAN-LEAD-PRINCIPAL"] = (SipPolicy.NationalGuidance, async s =>
        {
            var c = await s.SummonedAsync();
            var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2)) with { LeadPrincipal = null };
            await s.ExpectUnmetAsync(c.Id, "PLAN-LEAD-PRINCIPAL", () => s.Workflow.EstablishPlanAsync(plan));
            await s.Workflow.AssignLeadPrincipalAsync(new AssignLeadPrincipal { CaseId = c.Id, Actor = s.Actor, LeadPrincipal = SipTestData.MunicipalLead });
            await s.Workflow.EstablishPlanAsync(plan);
        }),
        ["PLAN-INDIVIDUAL-PARTICIPATION"] = (SipPolicy.NationalGuidance, PlanContent("PLAN-INDIVIDUAL-PARTICIPATION",
            (p, _) => p with { Plan = p.Plan with { IndividualParticipation = null } },
            (p, _) => p with
            {
                Plan = p.Plan with
                {
                    IndividualParticipation = new IndividualParticipation { Participated = false, ReasonNotParticipating = "Inlagd på sjukhus; önskemål inhämtade i förväg." },
                },
            })),
        ["PLAN-KIN-PARTICIPATION"] = (SipPolicy.NationalGuidance, PlanContent("PLAN-KIN-PARTICIPATION",
            (p, _) => p with { Plan = p.Plan with { KinParticipation = new KinParticipation { Participated = true, JudgedSuitable = true, IndividualObjected = true } } },
            (p, _) => p with { Plan = p.Plan with { KinParticipation = new KinParticipation { Participated = false, IndividualObjected = true } } })),
        ["PLAN-GOALS"] = (SipPolicy.NationalGuidance, PlanContent("PLAN-GOALS",
            (p, _) => p with { Plan = p.Plan with { Goals = [.. p.Plan.Goals.Where(g => g.Horizon == GoalHorizon.LongTerm)] } })),
        ["PLAN-INTERVENTION-DETAILS"] = (SipPolicy.VastraGotaland, PlanContent("PLAN-INTERVENTION-DETAILS",
            (p, _) => p with { Plan = p.Plan with { Interventions = [.. p.Plan.Interventions.Select((i, n) => n == 0 ? i with { Where = null } : i)] } })),
        ["PLAN-WHAT-MATTERS"] = (SipPolicy.NationalGuidance, PlanContent("PLAN-WHAT-MATTERS",
            (p, _) => p with { Plan = p.Plan with { WhatMattersToIndividual = null } })),
        ["PLAN-FOLLOW-UP-BOOKED"] = (SipPolicy.NationalGuidance, async s =>
        {
            var c = await s.SummonedAsync();
            var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2)) with { FollowUpBooking = null };
            await s.ExpectUnmetAsync(c.Id, "PLAN-FOLLOW-UP-BOOKED", () => s.Workflow.EstablishPlanAsync(plan));
            await s.Workflow.BookFollowUpAsync(new BookFollowUp
            {
                CaseId = c.Id, Actor = s.Actor, Booking = new FollowUpBooking { At = s.Time.GetUtcNow().AddMonths(3), Place = "Digitalt" },
            });
            await s.Workflow.EstablishPlanAsync(plan);
        }),
        ["PLAN-COORDINATOR"] = (SipPolicy.RegionHalland, PlanContent("PLAN-COORDINATOR",
            (p, _) => p with { LeadPrincipal = SipTestData.MunicipalLead with { Coordinator = null } })),
        ["DISCHARGE-OFFER"] = (SipPolicy.VastraGotaland, async s =>
        {
            var c = await s.OpenAsync(origin: CaseOrigin.InpatientDischarge(s.Time.GetUtcNow()));
            var close = () => s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = s.Actor, Reason = ClosureReason.CoordinationNoLongerNeeded });
            await s.ExpectUnmetAsync(c.Id, "DISCHARGE-OFFER", close);

            // Met when the need was not identified at a discharge: the same closing goes through.
            var outpatient = await s.OpenAsync();
            (await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = outpatient.Id, Actor = s.Actor, Reason = ClosureReason.CoordinationNoLongerNeeded }))
                .Case.State.Should().Be(SipState.Closed);

            // At a discharge, the individual's answer is what ends an unwanted SIP.
            (await s.Workflow.DeclineOfferAsync(new DeclineOffer { CaseId = c.Id, Actor = s.Actor })).Case.Closure!.Reason.Should().Be(ClosureReason.OfferDeclined);
        }),
    };

    public static TheoryData<string> GuardCodes() => [.. Scenarios.Keys];

    [Fact]
    public void Every_guard_requirement_in_the_catalogue_has_a_blocking_scenario()
        => Scenarios.Keys.Should().BeEquivalentTo(SipRequirements.All.Where(r => r.Kind == RequirementKind.Guard).Select(r => r.Code));

    [Theory]
    [MemberData(nameof(GuardCodes))]
    public async Task An_unmet_requirement_refuses_its_step_and_meeting_it_lets_the_step_through(string code)
    {
        var (policy, run) = Scenarios[code];
        policy.IsInForce(SipRequirements.Find(code)!).Should().BeTrue();

        await run(new SipScenario(policy));
    }

    [Theory]
    [MemberData(nameof(GuardCodes))]
    public async Task A_refusal_lists_the_requirement_in_swedish_and_english(string code)
    {
        var requirement = SipRequirements.Find(code)!;
        foreach (var language in Enum.GetValues<SipLanguage>())
        {
            var s = new SipScenario(Scenarios[code].Policy, language: language);
            var caught = await Record.ExceptionAsync(() => Scenarios[code].Run(s));
            caught.Should().BeNull();
        }

        requirement.SwedishText.Should().NotBe(requirement.EnglishText);
        requirement.CitationOn(SipLegalReferences.SwedishDateOf(SipTestData.Start)).Should().NotBeNullOrWhiteSpace();
    }

    private static Task Start(SipScenario s, SipCaseId id) => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = s.Actor });

    private static Task Summon(SipScenario s, SipCaseId id) => s.Workflow.SendSummonsAsync(new SendSummons { CaseId = id, Actor = s.Actor });

    private static Task Schedule(SipScenario s, SipCaseId id, Meeting meeting)
        => s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = s.Actor, Meeting = meeting });

    /// <summary>A summons refused because the plan meeting lacks something; a corrected meeting lets it through.</summary>
    private static Scenario SummonsContent(string code, Func<Meeting, Meeting> spoil) => async s =>
    {
        var c = await s.ConsentedAsync();
        await Start(s, c.Id);
        await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        await Schedule(s, c.Id, spoil(SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(3))));
        var refused = await s.ExpectUnmetAsync(c.Id, code, () => Summon(s, c.Id));
        refused.UnmetRequirements.Should().ContainSingle();
        await Schedule(s, c.Id, SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(4)));
        await Summon(s, c.Id);
    };

    /// <summary>A plan refused because it lacks exactly one thing; the complete plan (or <paramref name="fix"/>) goes through.</summary>
    private static Scenario PlanContent(string code, Func<EstablishPlan, SipCase, EstablishPlan> spoil, Func<EstablishPlan, SipCase, EstablishPlan>? fix = null) => async s =>
    {
        var c = await s.SummonedAsync();
        var complete = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2));
        await s.ExpectUnmetAsync(c.Id, code, () => s.Workflow.EstablishPlanAsync(spoil(complete, c)));
        var established = await s.Workflow.EstablishPlanAsync(fix is null ? complete : fix(complete, c));
        established.Case.State.Should().Be(SipState.PlanEstablished);
    };
}
