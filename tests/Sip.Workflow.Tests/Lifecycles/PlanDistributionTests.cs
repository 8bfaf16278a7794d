using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Lifecycles;

/// <summary>"Alla på mötet får ett exemplar av SIP": who received which revision, and what the individual may see.</summary>
public sealed class PlanDistributionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PlanDistribution ToIndividual(DateTimeOffset at, int revision = 1)
        => new() { Revision = revision, Recipient = PlanRecipientKind.Individual, Channel = PlanDistributionChannel.HandedOver, DistributedAt = at };

    private static RecordPlanDistributed Copy(SipScenario s, SipCase c, PlanDistribution d) => new() { CaseId = c.Id, Actor = s.Actor, Distribution = d };

    [Fact]
    public async Task Everyone_taking_part_is_owed_a_copy_until_one_is_recorded_and_a_revision_owes_new_copies()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        c.IndividualAwaitsPlanCopy.Should().BeTrue();
        c.ParticipantsAwaitingPlanCopy.Should().BeEquivalentTo(c.ActiveParticipants);

        var result = await s.Workflow.RecordPlanDistributedAsync(Copy(s, c, ToIndividual(s.Time.GetUtcNow())), Ct);
        result.Event.EventType.Should().Be(SipEventTypes.PlanDistributed);
        result.Event.Details.Should().Contain("recipient", "Individual").And.Contain("revision", "1");
        c = result.Case;
        foreach (var party in c.ActiveParticipants)
        {
            c = (await s.Workflow.RecordPlanDistributedAsync(Copy(s, c, ToIndividual(s.Time.GetUtcNow()) with
            {
                Recipient = PlanRecipientKind.Participant, ParticipantId = party.Id, Channel = PlanDistributionChannel.SecureMessage,
            }), Ct)).Case;
        }

        c.IndividualAwaitsPlanCopy.Should().BeFalse();
        c.ParticipantsAwaitingPlanCopy.Should().BeEmpty();
        c.State.Should().Be(SipState.PlanEstablished, "recording a copy does not move the case");

        s.Time.Advance(TimeSpan.FromDays(90));
        await s.Workflow.RecordFollowUpAsync(new RecordFollowUp { CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Bra." } }, Ct);
        c = (await s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(c.Id, s.Time.GetUtcNow().AddMonths(3)), Ct)).Case;
        c.IndividualAwaitsPlanCopy.Should().BeTrue("the revision in force is new");
        c.ParticipantsAwaitingPlanCopy.Should().HaveCount(c.ActiveParticipants.Count());
    }

    [Fact]
    public async Task A_copy_of_a_revision_that_does_not_exist_or_to_no_one_or_before_the_meeting_is_refused_and_changes_nothing()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var now = s.Time.GetUtcNow();

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordPlanDistributedAsync(Copy(s, c, ToIndividual(now, revision: 2)), Ct)))
            .ParamName.Should().Be("Distribution.Revision");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordPlanDistributedAsync(
            Copy(s, c, ToIndividual(now) with { Recipient = PlanRecipientKind.Participant }), Ct))).ParamName.Should().Be("Distribution.ParticipantId");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordPlanDistributedAsync(
            Copy(s, c, ToIndividual(now) with { ParticipantId = c.Participants[0].Id }), Ct))).ParamName.Should().Be("Distribution.ParticipantId");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordPlanDistributedAsync(
            Copy(s, c, ToIndividual(now) with { Recipient = PlanRecipientKind.Participant, ParticipantId = ParticipantId.New() }), Ct))).ParamName.Should().Be("Distribution.ParticipantId");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordPlanDistributedAsync(Copy(s, c, ToIndividual(now.AddDays(-3))), Ct)))
            .ParamName.Should().Be("Distribution.DistributedAt");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordPlanDistributedAsync(Copy(s, c, ToIndividual(now.AddDays(1))), Ct)))
            .ParamName.Should().Be("Distribution.DistributedAt");
    }

    [Fact]
    public async Task No_copy_is_recorded_before_a_plan_is_established()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();

        (await s.ExpectRefusedAsync<SipInvalidStateException>(c.Id, () => s.Workflow.RecordPlanDistributedAsync(Copy(s, c, ToIndividual(s.Time.GetUtcNow())), Ct)))
            .Message.Should().Contain(nameof(SipTrigger.RecordPlanDistributed));
    }

    [Fact]
    public async Task A_copy_to_a_party_the_consent_no_longer_covers_is_refused()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var party = c.ActiveParticipants.Last();
        c = (await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual, Party = party.Organisation }, Ct)).Case;
        c.ParticipantsAwaitingPlanCopy.Should().NotContain(p => p.Id == party.Id, "a party towards whom consent was withdrawn must not get the plan");

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordPlanDistributedAsync(
            Copy(s, c, ToIndividual(s.Time.GetUtcNow()) with { Recipient = PlanRecipientKind.Participant, ParticipantId = party.Id }), Ct)))
            .Message.Should().Contain("no longer takes part");
    }

    [Fact]
    public async Task Approval_for_the_individual_is_a_recorded_decision_made_once_per_revision()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        c.IsApprovedForIndividual(1).Should().BeFalse("nothing reaches the individual's direct access without a decision");

        var approved = await s.Workflow.ApprovePlanForIndividualAsync(new ApprovePlanForIndividual { CaseId = c.Id, Actor = s.Actor, Revision = 1 }, Ct);

        approved.Event.EventType.Should().Be(SipEventTypes.PlanApprovedForIndividual);
        approved.Case.IsApprovedForIndividual(1).Should().BeTrue();
        approved.Case.PlanApprovals.Single().ApprovedAt.Should().Be(s.Time.GetUtcNow());
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.ApprovePlanForIndividualAsync(new ApprovePlanForIndividual { CaseId = c.Id, Actor = s.Actor, Revision = 1 }, Ct)))
            .Message.Should().Contain("already approved");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.ApprovePlanForIndividualAsync(new ApprovePlanForIndividual { CaseId = c.Id, Actor = s.Actor, Revision = 3 }, Ct)))
            .ParamName.Should().Be("Revision");
        ((Action)(() => _ = new ApprovePlanForIndividual { CaseId = c.Id, Actor = s.Actor, Revision = 0 })).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Revision");
    }

    [Fact]
    public async Task The_copies_are_due_work_where_the_policy_watches_them()
    {
        var policy = SipPolicy.RegionHalland with { Name = "Halland, exemplar", PlanDistributedWithin = TimeSpan.FromDays(7) };
        var s = new SipScenario(policy);
        var c = await s.PlanEstablishedAsync();

        SipDeadlines.Open(c, policy).Should().Contain(d => d.Requirement == SipRequirements.DeadlinePlanDistributed && d.DueAt == c.Plan!.EstablishedAt + TimeSpan.FromDays(7));
        SipDeadlines.Open(c, SipPolicy.RegionHalland).Should().NotContain(d => d.Requirement == SipRequirements.DeadlinePlanDistributed, "off unless a policy sets it");
        (policy with { PlanDistributedWithin = TimeSpan.Zero }).Validate().Should().ContainSingle(p => p.Contains("PlanDistributedWithin"));
    }
}
