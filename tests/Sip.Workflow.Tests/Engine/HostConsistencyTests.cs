using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>The small inconsistencies a host developer met: each query and message behaves like its siblings.</summary>
public sealed class HostConsistencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_history_of_an_unknown_case_is_not_found_like_every_other_query_on_a_case()
    {
        var s = new SipScenario();
        var unknown = SipCaseId.New();

        var history = () => s.Workflow.GetHistoryAsync(unknown, Ct);

        (await history.Should().ThrowAsync<SipCaseNotFoundException>()).Which.CaseId.Should().Be(unknown);
        var c = await s.OpenAsync();
        (await s.Workflow.GetHistoryAsync(c.Id, Ct)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_permitted_action_prints_its_step_and_the_codes_it_waits_for()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();

        var actions = await s.Workflow.GetPermittedActionsAsync(c.Id, cancellationToken: Ct);

        var blocked = actions.First(a => !a.IsPermitted);
        blocked.ToString().Should().StartWith($"{blocked.Trigger} (unmet: ").And.Contain(blocked.UnmetRequirements[0].Code).And.NotContain("List`1");
        actions.First(a => a.IsPermitted).ToString().Should().EndWith("(permitted)");
    }

    [Fact]
    public async Task A_lead_unit_refused_for_another_identifier_shows_the_identifiers_that_tell_the_units_apart()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var sameName = SipTestData.MunicipalLead with
        {
            Organisation = SipTestData.SocialServicesUnit with { Identifier = "SE2120000-0001-ANNAN" },
        };

        var refused = await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.AssignLeadPrincipalAsync(new AssignLeadPrincipal { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker, LeadPrincipal = sameName }, Ct));

        var called = c.CalledPrincipals.First(p => p.Principal == PrincipalKind.Municipality).Organisation;
        refused.Message.Should().Contain("(SE2120000-0001-ANNAN)")
            .And.Contain($"'{called.Name}' ({called.Identifier ?? "no identifier"})", "the units differ by identifier, so the message shows it");
    }
}
