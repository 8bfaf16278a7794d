using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Process;

public sealed class ProcessQueriesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task What_may_happen_next_lists_each_step_with_its_unmet_requirements_as_a_checklist()
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var c = await s.SummonedAsync();

        var actions = await s.Workflow.GetPermittedActionsAsync(c.Id, cancellationToken: Ct);

        actions.Select(a => a.Trigger).Should().BeEquivalentTo(s.Workflow.Process.TriggersIn(SipState.Summoned));
        actions.Single(a => a.Trigger == SipTrigger.RecordAttendance).IsPermitted.Should().BeTrue();
        var establish = actions.Single(a => a.Trigger == SipTrigger.EstablishPlan);
        establish.IsPermitted.Should().BeFalse();
        establish.UnmetRequirements.Select(u => u.Code).Should().BeEquivalentTo(
            "PLAN-INTERVENTIONS", "PLAN-PRINCIPAL-RESPONSIBILITY", "PLAN-ACTIONS-BY-OTHERS", "PLAN-LEAD-PRINCIPAL",
            "PLAN-INDIVIDUAL-PARTICIPATION", "PLAN-KIN-PARTICIPATION", "PLAN-GOALS", "PLAN-INTERVENTION-DETAILS", "PLAN-WHAT-MATTERS",
            "PLAN-FOLLOW-UP-BOOKED");
        establish.UnmetRequirements.Should().OnlyContain(u => u.Text == u.Requirement.SwedishText);
    }

    [Fact]
    public async Task The_checklist_speaks_the_language_asked_for()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();

        var english = await s.Workflow.GetPermittedActionsAsync(c.Id, SipLanguage.English, Ct);

        english.Single(a => a.Trigger == SipTrigger.StartPreparation).UnmetRequirements.Should().ContainSingle()
            .Which.Text.Should().Be(SipRequirements.ConsentInformationSharing.EnglishText);
    }

    [Fact]
    public async Task A_closed_case_has_nothing_that_may_happen_next_but_documenting_the_closing()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        await s.Workflow.DeclineOfferAsync(new DeclineOffer { CaseId = c.Id, Actor = s.Actor }, Ct);

        (await s.Workflow.GetPermittedActionsAsync(c.Id, cancellationToken: Ct)).Should().ContainSingle()
            .Which.Trigger.Should().Be(SipTrigger.DocumentClosing);
    }

    public static TheoryData<DiagramFormat, SipLanguage> Formats() => new()
    {
        { DiagramFormat.Mermaid, SipLanguage.Swedish },
        { DiagramFormat.Mermaid, SipLanguage.English },
        { DiagramFormat.Dot, SipLanguage.Swedish },
        { DiagramFormat.Dot, SipLanguage.English },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_diagram_shows_every_state_step_and_requirement_in_force(DiagramFormat format, SipLanguage language)
    {
        var everything = SipPolicy.VastraGotaland with { Name = "Alla krav", RequireCoordinator = true, FirstMeetingWithin = TimeSpan.FromDays(30), PlanDistributedWithin = TimeSpan.FromDays(7) };
        var workflow = new SipWorkflow(new Sip.Workflow.InMemory.InMemorySipCaseStore(), new SipWorkflowOptions { Policy = everything });

        var diagram = workflow.GetProcessDiagram(format, language);

        diagram.Should().StartWith(format == DiagramFormat.Mermaid ? "stateDiagram-v2" : "digraph");
        foreach (var state in Enum.GetNames<SipState>())
        {
            diagram.Should().Contain(state);
        }

        foreach (var trigger in Enum.GetNames<SipTrigger>())
        {
            diagram.Should().Contain(trigger);
        }

        foreach (var requirement in SipRequirements.All)
        {
            everything.IsInForce(requirement).Should().BeTrue();
            var text = requirement.Text(language);
            diagram.Should().Contain(format == DiagramFormat.Mermaid && requirement.Kind == RequirementKind.Deadline ? text.Replace(":", " -", StringComparison.Ordinal) : text);
        }

        diagram.Should().NotContain("[Function]");
    }

    [Fact]
    public void The_diagram_leaves_out_requirements_the_policy_does_not_put_in_force()
    {
        var diagram = new SipProcess(SipPolicy.NationalMinimum).ToMermaid();

        diagram.Should().Contain(SipRequirements.PlanLeadPrincipal.SwedishText);
        diagram.Should().NotContain(SipRequirements.PlanGoals.SwedishText).And.NotContain(SipRequirements.PlanCoordinator.SwedishText);
    }

    [Fact]
    public void Requirement_texts_and_codes_are_unique_and_every_requirement_has_a_source_and_reference()
    {
        SipRequirements.All.Select(r => r.Code).Should().OnlyHaveUniqueItems();
        SipRequirements.All.Select(r => r.SwedishText).Should().OnlyHaveUniqueItems();
        SipRequirements.All.Select(r => r.EnglishText).Should().OnlyHaveUniqueItems();
        SipRequirements.All.Should().OnlyContain(r => Enum.IsDefined(r.Source) && r.References.Count > 0);
        SipRequirements.All.Where(r => r.Source == RequirementSource.Law).Select(r => r.Code).Should().Contain(
            ["CONSENT-INFORMATION-SHARING", "CONSENT-PLAN", "CONSENT-BOTH-GUARDIANS", "PLAN-INTERVENTIONS", "PLAN-PRINCIPAL-RESPONSIBILITY",
             "PLAN-ACTIONS-BY-OTHERS", "PLAN-LEAD-PRINCIPAL", "DEADLINE-DISCHARGE-SUMMONS"]);
        SipRequirements.Find("consent-plan").Should().BeSameAs(SipRequirements.ConsentPlanEstablishment);
        SipRequirements.Find("NO-SUCH-CODE").Should().BeNull();
    }
}
