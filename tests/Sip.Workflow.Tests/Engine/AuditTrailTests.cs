using Sip.Workflow.TestUtilities;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Tests.Engine;

public sealed class AuditTrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(SipCase Case, IReadOnlyList<SipEvent> History)> HistoryAsync()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        return (c, await s.Workflow.GetHistoryAsync(c.Id, Ct));
    }

    [Fact]
    public async Task Every_accepted_command_is_one_event_with_actor_time_and_states()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        s.Time.Advance(TimeSpan.FromHours(2));

        var result = await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = SipTestData.OpeningUnitColleague }, Ct);

        result.Event.Sequence.Should().Be(3);
        result.Event.EventType.Should().Be(SipEventTypes.PreparationStarted);
        result.Event.FromState.Should().Be(SipState.NeedIdentified);
        result.Event.ToState.Should().Be(SipState.Preparing);
        result.Event.Actor.Should().Be(SipTestData.OpeningUnitColleague);
        result.Event.OccurredAt.Should().Be(SipTestData.Start.AddHours(2));
        result.Event.PreviousHash.Should().Be((await s.Workflow.GetHistoryAsync(c.Id, Ct))[1].Hash);
        result.Case.HistoryHead.Should().Be(result.Event.Hash);
    }

    [Fact]
    public async Task An_intact_history_verifies()
    {
        var (c, history) = await HistoryAsync();

        SipAuditChain.Verify(history, c).Should().Be(SipAuditVerification.Intact);
    }

    [Fact]
    public async Task An_edited_event_is_found()
    {
        var (c, history) = await HistoryAsync();
        var edited = history.ToList();
        edited[3] = edited[3] with { Actor = SipTestData.SocialWorker };

        var result = SipAuditChain.Verify(edited, c);

        result.IsIntact.Should().BeFalse();
        result.FirstBrokenSequence.Should().Be(4);
        result.Problem.Should().Contain("changed");
    }

    [Fact]
    public async Task An_edited_event_whose_hash_was_recomputed_breaks_the_link_to_the_next()
    {
        var (c, history) = await HistoryAsync();
        var edited = history.ToList();
        var forged = edited[3] with { OccurredAt = edited[3].OccurredAt.AddDays(-1) };
        edited[3] = forged with { Hash = SipAuditChain.ComputeHash(forged) };

        SipAuditChain.Verify(edited, c).FirstBrokenSequence.Should().Be(5);
    }

    [Fact]
    public async Task A_deleted_event_is_found()
    {
        var (c, history) = await HistoryAsync();
        var deleted = history.Where(e => e.Sequence != 3).ToList();

        SipAuditChain.Verify(deleted, c).FirstBrokenSequence.Should().Be(3);
    }

    [Fact]
    public async Task Reordered_events_are_found()
    {
        var (c, history) = await HistoryAsync();
        var reordered = history.ToList();
        (reordered[4], reordered[5]) = (reordered[5], reordered[4]);

        SipAuditChain.Verify(reordered, c).FirstBrokenSequence.Should().Be(5);
    }

    [Fact]
    public async Task A_cut_off_newest_event_is_found_against_the_case()
    {
        var (c, history) = await HistoryAsync();
        var truncated = history.Take(history.Count - 1).ToList();

        SipAuditChain.Verify(truncated).IsIntact.Should().BeTrue("the remaining chain is consistent in itself");
        var result = SipAuditChain.Verify(truncated, c);
        result.IsIntact.Should().BeFalse();
        result.Problem.Should().Contain("missing");
    }

    [Fact]
    public async Task Event_details_hold_codes_and_ids_never_the_plans_free_text()
    {
        var (c, history) = await HistoryAsync();
        var freeText = c.Plan!.Goals.Select(g => g.Text)
            .Concat(c.Plan.Interventions.Select(i => i.What))
            .Append(c.Plan.WhatMattersToIndividual!)
            .Append(c.Individual.Reference.Value);

        var values = history.SelectMany(e => e.Details.Values).ToList();

        values.Should().NotContain(v => freeText.Any(t => v.Contains(t, StringComparison.Ordinal)));
    }
}

public sealed class CaseTamperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_case_changed_outside_the_engine_is_found_even_with_an_intact_event_chain()
    {
        var s = new Sip.Workflow.TestUtilities.SipScenario();
        var c = await s.PlanEstablishedAsync();
        var history = await s.Workflow.GetHistoryAsync(c.Id, Ct);

        var editedPlan = c with { PlanRevisions = [c.Plan! with { WhatMattersToIndividual = "Något helt annat" }] };
        var reopened = c with { State = SipState.Summoned };

        SipAuditChain.Verify(history, c).IsIntact.Should().BeTrue();
        SipAuditChain.Verify(history, editedPlan).Problem.Should().Contain("changed outside the engine");
        SipAuditChain.Verify(history, reopened).Problem.Should().Contain("changed outside the engine");
    }

    [Fact]
    public async Task Events_that_do_not_follow_on_from_each_other_are_found()
    {
        var s = new Sip.Workflow.TestUtilities.SipScenario();
        var c = await s.PlanEstablishedAsync();
        var history = (await s.Workflow.GetHistoryAsync(c.Id, Ct)).ToList();
        var forged = history[4] with { FromState = SipState.FollowUp };
        history[4] = forged with { Hash = SipAuditChain.ComputeHash(forged) };

        SipAuditChain.Verify(history).FirstBrokenSequence.Should().Be(5);
    }

    [Fact]
    public async Task Event_details_never_hold_free_text_from_any_command()
    {
        var s = new Sip.Workflow.TestUtilities.SipScenario();
        var c = await s.FollowedUpAsync();
        const string Marker = "HEMLIG-FRITEXT";
        await s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = Marker } }, Ct);
        await s.Workflow.RevisePlanAsync(Sip.Workflow.TestUtilities.SipTestData.CompleteRevision(c.Id, s.Time.GetUtcNow().AddDays(30)) is var revision ? revision with { Plan = revision.Plan with { WhatMattersToIndividual = Marker } } : null!, Ct);
        s.Time.Advance(TimeSpan.FromDays(1));
        await s.Workflow.RecordFollowUpAsync(new RecordFollowUp { CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = Marker, NewInformation = Marker } }, Ct);
        await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.CoordinationNoLongerNeeded, Note = Marker }, Ct);

        var history = await s.Workflow.GetHistoryAsync(c.Id, Ct);

        history.SelectMany(e => e.Details.Values).Should().NotContain(v => v.Contains(Marker, StringComparison.Ordinal) || v.Contains("patient-7f3a", StringComparison.Ordinal));
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();
    }
}

public sealed class AuditKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    [Fact]
    public async Task With_an_audit_key_a_history_rewritten_and_rehashed_without_the_key_no_longer_verifies()
    {
        var store = new Sip.Workflow.InMemory.InMemorySipCaseStore();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Sip.Workflow.TestUtilities.SipTestData.Start);
        var engine = new SipWorkflow(store, new SipWorkflowOptions { AuditKey = Key, Access = SipTestAccess.DefaultWithUnattributedReads }, time);
        var s = new Sip.Workflow.TestUtilities.SipScenario(engine, store, time);
        var c = await s.PlanEstablishedAsync();
        var history = await engine.GetHistoryAsync(c.Id, Ct);

        (await engine.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();
        SipAuditChain.Verify(history, c).IsIntact.Should().BeFalse("without the key the hashes do not match");

        // Someone with write access but no key rewrites the second event and rehashes the whole chain with plain SHA-256.
        var forged = new List<SipEvent>();
        var previous = string.Empty;
        foreach (var e in history)
        {
            var changed = (e.Sequence == 2 ? e with { Actor = Sip.Workflow.TestUtilities.SipTestData.SocialWorker } : e) with { PreviousHash = previous };
            var rehashed = changed with { Hash = SipAuditChain.ComputeHash(changed) };
            forged.Add(rehashed);
            previous = rehashed.Hash;
        }

        SipAuditChain.Verify(forged, c with { HistoryHead = previous }, SipAuditKeyRing.Create("1", Key)).FirstBrokenSequence.Should().Be(1);
        SipAuditChain.Verify(history, c, SipAuditKeyRing.Create("1", [.. Key.Reverse()])).IsIntact.Should().BeFalse("another key does not verify");
    }

    [Fact]
    public void A_short_audit_key_is_refused()
    {
        var act = () => new SipWorkflow(new Sip.Workflow.InMemory.InMemorySipCaseStore(), new SipWorkflowOptions { AuditKey = new byte[16] });

        act.Should().Throw<ArgumentException>().WithMessage("*AuditKey is 16 bytes*at least 32*");
    }
}
