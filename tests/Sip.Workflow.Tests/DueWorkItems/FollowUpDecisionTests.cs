using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.DueWorkItems;

/// <summary>After a follow-up the plan is revised, continues unchanged, or closes; a changed situation brings the follow-up forward.</summary>
public sealed class FollowUpDecisionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // How a host that binds commands from JSON would read them: engine-owned fields can arrive this way.
    private static readonly System.Text.Json.JsonSerializerOptions HostJson = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static IReadOnlyList<SipDeadline> Due(SipCase c, SipPolicy? policy = null) => SipDeadlines.Open(c, policy ?? SipPolicy.NationalGuidance);

    [Fact]
    public async Task A_follow_up_leaves_its_decision_due_and_continuing_unchanged_returns_to_the_plan_with_the_next_follow_up_booked()
    {
        var s = new SipScenario();
        var followedUp = await s.FollowedUpAsync();
        var heldAt = followedUp.FollowUps[^1].HeldAt;

        Due(followedUp).Should().ContainSingle().Which.Should().Be(
            new SipDeadline(SipRequirements.DeadlineFollowUpDecision, heldAt + SipPolicy.NationalGuidance.FollowUpDecisionWithin));
        followedUp.NextDeadline.Should().Be(heldAt + TimeSpan.FromDays(7));

        var next = new FollowUpBooking { At = s.Time.GetUtcNow().AddMonths(6), Place = "Digitalt" };
        var result = await s.Workflow.ConfirmPlanUnchangedAsync(new ConfirmPlanUnchanged { CaseId = followedUp.Id, Actor = s.Actor, NextFollowUp = next }, Ct);

        result.Case.State.Should().Be(SipState.PlanEstablished);
        result.Case.PlanRevisions.Should().HaveCount(1, "the plan continues as it is");
        result.Case.FollowUps[^1].Outcome.Should().Be(FollowUpOutcome.ContinuedUnchanged);
        result.Case.FollowUpBooking.Should().Be(next);
        Due(result.Case).Should().ContainSingle().Which.Should().Be(new SipDeadline(SipRequirements.DeadlineFollowUp, next.At));
        result.Event.EventType.Should().Be(SipEventTypes.PlanConfirmedUnchanged);
    }

    [Fact]
    public async Task Continuing_unchanged_needs_a_next_follow_up_ahead_and_exists_only_after_a_follow_up()
    {
        var s = new SipScenario();
        var established = await s.PlanEstablishedAsync();
        var booking = new FollowUpBooking { At = s.Time.GetUtcNow().AddMonths(1), Place = "Digitalt" };
        var thrown = await s.ExpectRefusedAsync<SipInvalidStateException>(established.Id,
            () => s.Workflow.ConfirmPlanUnchangedAsync(new ConfirmPlanUnchanged { CaseId = established.Id, Actor = s.Actor, NextFollowUp = booking }, Ct));
        thrown.PermittedTriggers.Should().Contain(SipTrigger.RecordFollowUp);

        var s2 = new SipScenario();
        var followedUp = await s2.FollowedUpAsync();
        var past = new FollowUpBooking { At = s2.Time.GetUtcNow().AddDays(-1), Place = "Digitalt" };
        var refused = await s2.ExpectRefusedAsync<ArgumentOutOfRangeException>(followedUp.Id,
            () => s2.Workflow.ConfirmPlanUnchangedAsync(new ConfirmPlanUnchanged { CaseId = followedUp.Id, Actor = s2.Actor, NextFollowUp = past }, Ct));
        refused.ParamName.Should().Be("NextFollowUp.At");
    }

    [Fact]
    public async Task Revising_closing_and_closing_to_restart_each_record_the_decision_and_clear_it()
    {
        var revise = new SipScenario();
        var a = await revise.FollowedUpAsync();
        var revised = (await revise.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(a.Id, revise.Time.GetUtcNow().AddMonths(3)), Ct)).Case;
        revised.FollowUps[^1].Outcome.Should().Be(FollowUpOutcome.Revised);
        Due(revised).Should().NotContain(d => d.Requirement == SipRequirements.DeadlineFollowUpDecision);

        var close = new SipScenario();
        var b = await close.FollowedUpAsync();
        var closed = (await close.Workflow.CloseCaseAsync(new CloseCase { CaseId = b.Id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.CoordinationNoLongerNeeded }, Ct)).Case;
        closed.FollowUps[^1].Outcome.Should().Be(FollowUpOutcome.Closed);
        Due(closed).Should().BeEmpty();

        var restart = new SipScenario();
        var c = await restart.FollowedUpAsync();
        var restarted = (await restart.Workflow.CloseAndRestartAsync(new CloseAndRestart { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker }, Ct)).Case;
        restarted.FollowUps[^1].Outcome.Should().Be(FollowUpOutcome.ClosedForRestart);
    }

    [Fact]
    public async Task A_booked_follow_up_is_watched_while_the_decision_is_pending_too()
    {
        var s = new SipScenario();
        var c = await s.FollowedUpAsync();
        var booking = new FollowUpBooking { At = s.Time.GetUtcNow().AddDays(3), Place = "Vårdcentralen Söder" };

        var booked = (await s.Workflow.BookFollowUpAsync(new BookFollowUp { CaseId = c.Id, Actor = s.Actor, Booking = booking }, Ct)).Case;

        booked.State.Should().Be(SipState.FollowUp);
        Due(booked).Select(d => d.Requirement.Code).Should().Equal("DEADLINE-FOLLOW-UP", "DEADLINE-FOLLOW-UP-DECISION");
    }

    [Fact]
    public async Task A_substantial_change_makes_an_early_follow_up_due_until_a_follow_up_is_held()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        s.Time.Advance(TimeSpan.FromDays(20));
        var now = s.Time.GetUtcNow();

        var changed = (await s.Workflow.RecordSituationChangeAsync(new RecordSituationChange
        {
            CaseId = c.Id, Actor = s.Actor,
            Change = new SituationChange { OccurredAt = now.AddDays(-2), Description = "Har fallit och brutit höften; vårdas på sjukhus." },
        }, Ct)).Case;

        changed.SituationChanges.Should().ContainSingle().Which.RecordedAt.Should().Be(now);
        var early = Due(changed).Single(d => d.Requirement == SipRequirements.DeadlineEarlyFollowUp);
        early.DueAt.Should().Be(now + SipPolicy.NationalGuidance.EarlyFollowUpWithin);
        changed.NextDeadline.Should().Be(early.DueAt, "it falls before the booked follow-up three months out");

        s.Time.Advance(TimeSpan.FromDays(5));
        var followedUp = (await s.Workflow.RecordFollowUpAsync(new RecordFollowUp
        {
            CaseId = c.Id, Actor = s.Actor,
            FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Behöver mer stöd i hemmet efter fallet." },
        }, Ct)).Case;

        followedUp.FollowUps[^1].Early.Should().BeTrue();
        Due(followedUp).Should().NotContain(d => d.Requirement == SipRequirements.DeadlineEarlyFollowUp);
    }

    [Fact]
    public async Task A_situation_change_in_the_future_or_before_the_plan_is_in_force_is_refused()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var future = await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => s.Workflow.RecordSituationChangeAsync(new RecordSituationChange
        {
            CaseId = c.Id, Actor = s.Actor, Change = new SituationChange { OccurredAt = s.Time.GetUtcNow().AddDays(1), Description = "x" },
        }, Ct));
        future.ParamName.Should().Be("Change.OccurredAt");

        var s2 = new SipScenario();
        var preparing = await s2.InStateAsync(SipState.Preparing);
        await s2.ExpectRefusedAsync<SipInvalidStateException>(preparing.Id, () => s2.Workflow.RecordSituationChangeAsync(new RecordSituationChange
        {
            CaseId = preparing.Id, Actor = s2.Actor, Change = new SituationChange { OccurredAt = s2.Time.GetUtcNow(), Description = "x" },
        }, Ct));
    }

    [Fact]
    public async Task A_host_cannot_hand_in_the_decision_with_the_follow_up()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var preset = System.Text.Json.JsonSerializer.Deserialize<FollowUpRecord>(
            $$"""{"HeldAt":"{{s.Time.GetUtcNow():O}}","Progress":"Bra.","Outcome":"ContinuedUnchanged"}""", HostJson)!;
        preset.Outcome.Should().Be(FollowUpOutcome.ContinuedUnchanged, "the serializer can set it");

        var refused = await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.RecordFollowUpAsync(new RecordFollowUp { CaseId = c.Id, Actor = s.Actor, FollowUp = preset }, Ct));

        refused.ParamName.Should().Be("FollowUp.Outcome");
    }
}
