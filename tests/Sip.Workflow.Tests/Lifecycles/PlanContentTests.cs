using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Lifecycles;

/// <summary>The plan as Socialstyrelsen's information structure has it: needs, goals, interventions with a status; each revision whole.</summary>
public sealed class PlanContentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Goals_and_interventions_name_the_need_they_answer_and_only_needs_of_the_plan()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var need = new Need { Id = NeedId.New(), Text = "Att känna mig trygg hemma om nätterna." };
        var complete = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3));
        var linked = complete with
        {
            Plan = complete.Plan with
            {
                Needs = [need],
                Goals = [.. complete.Plan.Goals.Select(g => g with { NeedId = need.Id })],
                Interventions = [complete.Plan.Interventions[0] with { NeedId = need.Id }, .. complete.Plan.Interventions.Skip(1)],
            },
        };

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.EstablishPlanAsync(linked with { Plan = linked.Plan with { Needs = [] } }, Ct)))
            .Message.Should().Contain("not among this plan's needs");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.EstablishPlanAsync(linked with { Plan = linked.Plan with { Needs = [need, need] } }, Ct)))
            .ParamName.Should().Be("Needs");

        var established = (await s.Workflow.EstablishPlanAsync(linked, Ct)).Case;
        established.Plan!.Needs.Should().ContainSingle();
        established.Plan.Goals.Should().OnlyContain(g => g.NeedId == need.Id);
        established.Plan.Interventions[0].NeedId.Should().Be(need.Id);
    }

    [Fact]
    public async Task Every_revision_holds_its_own_lead_principal_coordinator_and_follow_up_so_history_has_all_four_statutory_items()
    {
        var s = new SipScenario();
        var established = await s.PlanEstablishedAsync();
        var first = established.Plan!;
        first.LeadPrincipal.Should().Be(SipTestData.MunicipalLead);
        first.LeadPrincipal!.Coordinator.Should().NotBeNull();
        first.FollowUpBooking.Should().Be(established.FollowUpBooking);

        s.Time.Advance(TimeSpan.FromDays(90));
        await s.Workflow.RecordFollowUpAsync(new RecordFollowUp
        {
            CaseId = established.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Regionen tar över." },
        }, Ct);
        var regionLead = new LeadPrincipal
        {
            Principal = PrincipalKind.Region, Organisation = SipTestData.PrimaryCareUnit, Coordinator = new ContactPerson { Name = "Eva Berg" },
        };
        var revision = SipTestData.CompleteRevision(established.Id, s.Time.GetUtcNow().AddMonths(6)) with { LeadPrincipal = regionLead };
        var revised = (await s.Workflow.RevisePlanAsync(revision, Ct)).Case;

        revised.PlanRevisions[0].LeadPrincipal.Should().Be(SipTestData.MunicipalLead, "history is not rewritten");
        revised.PlanRevisions[0].FollowUpBooking.Should().Be(first.FollowUpBooking);
        revised.PlanRevisions[1].LeadPrincipal.Should().Be(regionLead);
        revised.PlanRevisions[1].FollowUpBooking!.At.Should().Be(revision.FollowUpBooking!.At);
        revised.LeadPrincipal.Should().Be(regionLead);
    }

    [Fact]
    public async Task An_intervention_moves_from_planned_to_ongoing_to_done_between_follow_ups_and_done_is_final_for_the_revision()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var homeCare = c.Plan!.Interventions[0];
        c.StatusOf(homeCare.Id).Should().Be(InterventionStatus.Planned);
        Task<SipCommandResult> Update(InterventionId id, InterventionStatus status, string? note = null) => s.Workflow.UpdateInterventionStatusAsync(
            new UpdateInterventionStatus { CaseId = c.Id, Actor = s.Actor, Change = new InterventionStatusChange { InterventionId = id, Status = status, Note = note } }, Ct);

        s.Time.Advance(TimeSpan.FromDays(3));
        var ongoing = await Update(homeCare.Id, InterventionStatus.Ongoing);
        ongoing.Case.StatusOf(homeCare.Id).Should().Be(InterventionStatus.Ongoing);
        ongoing.Case.InterventionStatusChanges.Single().Should().Match<InterventionStatusChange>(x => x.ChangedAt == s.Time.GetUtcNow() && x.PlanRevision == 1);
        ongoing.Case.Plan!.Interventions[0].Status.Should().Be(InterventionStatus.Planned, "the plan as established is not rewritten");
        ongoing.Event.Details["to"].Should().Be("Ongoing");

        var done = await Update(homeCare.Id, InterventionStatus.Done);
        done.Case.StatusOf(homeCare.Id).Should().Be(InterventionStatus.Done);

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Update(homeCare.Id, InterventionStatus.Ongoing))).Message.Should().Contain("final");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Update(c.Plan.Interventions[1].Id, InterventionStatus.Planned))).Message.Should().Contain("already");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Update(InterventionId.New(), InterventionStatus.Ongoing)))
            .ParamName.Should().Be("Change.InterventionId");
    }

    [Fact]
    public async Task A_revision_starts_its_interventions_from_the_status_it_gives_them()
    {
        var s = new SipScenario();
        var c = await s.FollowedUpAsync();
        var revision = SipTestData.CompleteRevision(c.Id, s.Time.GetUtcNow().AddMonths(3));
        var carried = revision.Plan.Interventions[0] with { Status = InterventionStatus.Ongoing };

        var revised = (await s.Workflow.RevisePlanAsync(revision with { Plan = revision.Plan with { Interventions = [carried, .. revision.Plan.Interventions.Skip(1)] } }, Ct)).Case;

        revised.StatusOf(carried.Id).Should().Be(InterventionStatus.Ongoing);
        revised.StatusOf(c.Plan!.Interventions[0].Id).Should().BeNull("it belongs to the earlier revision only");
    }
}
