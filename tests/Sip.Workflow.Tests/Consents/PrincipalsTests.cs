using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Consents;

/// <summary>
/// The parties as the statute says: a plan states what each principal answers for, "none at present" included; calling
/// both principals is a reading of the law a policy may switch off; a school is the kommun's only when the kommun runs it.
/// </summary>
public sealed class PrincipalsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Participant School(SchoolPrincipal? principal) => new()
    {
        Kind = ParticipantKind.School, Organisation = SipTestData.SchoolUnit, SchoolPrincipal = principal, HasMandateToDecide = true,
    };

    [Fact]
    public async Task A_plan_may_state_that_a_principal_has_no_intervention_at_present_but_not_while_listing_one_for_it()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2));

        var contradicting = plan with { Plan = plan.Plan with { NoInterventionsFrom = [PrincipalKind.Region] } };
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.EstablishPlanAsync(contradicting, Ct))).ParamName.Should().Be("NoInterventionsFrom");

        var withoutRegion = plan with
        {
            Plan = plan.Plan with { Interventions = [.. plan.Plan.Interventions.Where(i => i.Responsible != ResponsibleKind.Region)], NoInterventionsFrom = [PrincipalKind.Region] },
        };
        (await s.Workflow.EstablishPlanAsync(withoutRegion, Ct)).Case.Plan!.NoInterventionsFrom.Should().Equal(PrincipalKind.Region);
    }

    [Fact]
    public async Task Calling_both_principals_is_a_reading_of_the_law_that_a_policy_may_switch_off()
    {
        SipRequirements.SummonsBothPrincipals.Source.Should().Be(RequirementSource.DerivedFromLaw);
        SipPolicy.NationalMinimum.IsInForce(SipRequirements.SummonsBothPrincipals).Should().BeTrue();

        var withinOnePrincipal = SipPolicy.NationalGuidance with { Name = "Norrbotten (även inom samma huvudman)", RequireBothPrincipals = false };
        new SipProcess(withinOnePrincipal).RequirementsInForce.Should().NotContain(SipRequirements.SummonsBothPrincipals);

        var s = new SipScenario(withinOnePrincipal);
        var c = await s.ConsentedAsync();
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await s.AddAsync(c.Id, ParticipantKind.MunicipalHealthCare, SipTestData.HomeCareUnit);
        await s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(3)) }, Ct);

        (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct)).Case.State.Should().Be(SipState.Summoned);
    }

    [Fact]
    public async Task An_independent_school_is_invited_and_does_not_stand_for_the_kommun()
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var c = await s.ConsentedAsync();
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        var added = await s.Workflow.AddParticipantAsync(new AddParticipant { CaseId = c.Id, Actor = s.Actor, Participant = School(SchoolPrincipal.Independent) }, Ct);
        await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        await s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(3)) }, Ct);

        var school = added.Case.Participants.Single();
        school.Role.Should().Be(ParticipationRole.Invited);
        school.Principal.Should().BeNull();
        added.Event.Details.Should().Contain("schoolPrincipal", "Independent");
        await s.ExpectUnmetAsync(c.Id, "SUMMONS-BOTH-PRINCIPALS", () => s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(SchoolPrincipal.Municipality)]
    public async Task A_school_the_kommun_runs_is_a_called_unit_of_the_kommun_in_Vastra_Gotaland(SchoolPrincipal? principal)
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var c = await s.ConsentedAsync();
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);

        var school = (await s.Workflow.AddParticipantAsync(new AddParticipant { CaseId = c.Id, Actor = s.Actor, Participant = School(principal) }, Ct)).Case.Participants.Single();

        (school.Role, school.Principal).Should().Be((ParticipationRole.Called, PrincipalKind.Municipality));
    }

    [Fact]
    public async Task A_school_principal_on_another_kind_of_party_is_refused()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);

        var add = () => s.Workflow.AddParticipantAsync(new AddParticipant
        {
            CaseId = c.Id, Actor = s.Actor,
            Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = SipTestData.SocialServicesUnit, SchoolPrincipal = SchoolPrincipal.Independent },
        }, Ct);

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, add)).ParamName.Should().Be("Participant.SchoolPrincipal");
    }
}
