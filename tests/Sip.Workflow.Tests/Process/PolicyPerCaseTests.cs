using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Process;

/// <summary>
/// One engine, several regional agreements: a municipality that borders two regions opens each case under the agreement
/// that applies to it, and every answer about the case — checklist, deadlines, due work, the diagram — follows that policy.
/// </summary>
public sealed class PolicyPerCaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SipScenario NationalGuidanceKnowingHalland()
    {
        var store = new InMemorySipCaseStore();
        var time = new FakeTimeProvider(SipTestData.Start);
        var options = new SipWorkflowOptions { Policy = SipPolicy.NationalGuidance, KnownPolicies = { SipPolicy.RegionHalland }, Access = SipTestAccess.DefaultWithUnattributedReads };
        return new SipScenario(new SipWorkflow(store, options, time), store, time);
    }

    private static Task<SipCommandResult> OpenUnder(SipScenario s, string? policy) => s.Workflow.OpenCaseAsync(new OpenCase
    {
        Actor = s.Actor,
        Individual = SipTestData.Adult(),
        Origin = CaseOrigin.Outpatient(),
        IdentifiedBy = PrincipalKind.Region,
        Policy = policy,
    }, Ct);

    [Fact]
    public void The_engine_lists_its_policies_default_first_each_once()
    {
        var workflow = new SipWorkflow(new InMemorySipCaseStore(), new SipWorkflowOptions { Policy = SipPolicy.RegionHalland, KnownPolicies = { SipPolicy.VastraGotaland, SipPolicy.RegionHalland }, Access = SipTestAccess.DefaultWithUnattributedReads });

        workflow.Policies.Select(p => p.Name).Should().Equal(SipPolicy.RegionHalland.Name, SipPolicy.VastraGotaland.Name);
    }

    [Fact]
    public async Task A_case_opens_under_the_policy_named_and_otherwise_under_the_engines()
    {
        var s = NationalGuidanceKnowingHalland();

        (await OpenUnder(s, SipPolicy.RegionHalland.Name)).Case.PolicyName.Should().Be(SipPolicy.RegionHalland.Name);
        (await OpenUnder(s, null)).Case.PolicyName.Should().Be(SipPolicy.NationalGuidance.Name);
    }

    [Fact]
    public async Task Opening_under_a_policy_the_engine_does_not_know_is_refused_naming_the_allowed_ones_and_creates_nothing()
    {
        var s = NationalGuidanceKnowingHalland();

        var refused = (await FluentActions.Awaiting(() => OpenUnder(s, "Region Gävleborg")).Should().ThrowAsync<ArgumentException>()).Which;

        refused.ParamName.Should().Be(nameof(OpenCase.Policy));
        refused.Message.Should().Contain("'Region Gävleborg'").And.Contain($"'{SipPolicy.NationalGuidance.Name}'").And.Contain($"'{SipPolicy.RegionHalland.Name}'");
        (await s.Workflow.QueryCasesAsync(new SipCaseQuery(), Ct)).Cases.Should().BeEmpty();
    }

    [Fact]
    public async Task Due_work_follows_each_cases_policy()
    {
        // Halland's first meeting within 30 days of consent is watched on the Halland case only.
        var s = NationalGuidanceKnowingHalland();
        var halland = (await OpenUnder(s, SipPolicy.RegionHalland.Name)).Case;
        var national = (await OpenUnder(s, null)).Case;
        await s.ConsentAsync(halland.Id);
        await s.ConsentAsync(national.Id);

        var due = await s.Workflow.GetDueWorkAsync(SipTestData.Start.AddDays(60), cancellationToken: Ct);

        due.Items.Single(i => i.CaseId == halland.Id).OpenDeadlines.Select(d => d.Requirement.Code).Should().Contain(SipRequirements.DeadlineFirstMeeting.Code);
        due.Items.Where(i => i.CaseId == national.Id).SelectMany(i => i.OpenDeadlines).Select(d => d.Requirement.Code)
            .Should().NotContain(SipRequirements.DeadlineFirstMeeting.Code);
    }

    [Fact]
    public async Task The_checklist_follows_each_cases_policy()
    {
        // Halland requires a named coordinator in the plan; national guidance does not. Both cases stand summoned,
        // so any difference in what establishing the plan lacks is the policy's.
        var s = NationalGuidanceKnowingHalland();
        s.OpenUnder = SipPolicy.RegionHalland.Name;
        var halland = await s.SummonedAsync();
        s.OpenUnder = null;
        var national = await s.SummonedAsync();

        async Task<IEnumerable<string>> UnmetForPlan(SipCaseId id)
            => (await s.Workflow.GetPermittedActionsAsync(id, cancellationToken: Ct)).Single(a => a.Trigger == SipTrigger.EstablishPlan).UnmetRequirements.Select(u => u.Code);

        (await UnmetForPlan(halland.Id)).Should().Contain(SipRequirements.PlanCoordinator.Code);
        (await UnmetForPlan(national.Id)).Should().NotContain(SipRequirements.PlanCoordinator.Code);
    }

    [Fact]
    public void The_diagram_is_drawn_for_any_known_policy_and_refuses_an_unknown_one()
    {
        var s = NationalGuidanceKnowingHalland();

        s.Workflow.GetProcessDiagram(language: SipLanguage.English, policyName: SipPolicy.RegionHalland.Name)
            .Should().Contain(SipRequirements.PlanCoordinator.EnglishText);
        s.Workflow.GetProcessDiagram(language: SipLanguage.English).Should().NotContain(SipRequirements.PlanCoordinator.EnglishText);
        var unknown = () => s.Workflow.GetProcessDiagram(policyName: "Region Gävleborg");
        unknown.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("policyName");
    }
}
