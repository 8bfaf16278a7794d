using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>Gallring: a closed SIP past its retention is purged to a sealed tombstone, and only then.</summary>
public sealed class GallringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static SipScenario Scenario(byte[]? key = null, ISipAccessPolicy? access = null)
    {
        var store = new InMemorySipCaseStore();
        var time = new FakeTimeProvider(SipTestData.Start);
        return new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { AuditKey = key, Access = access ?? SipTestAccess.DefaultWithUnattributedReads }, time), store, time);
    }

    [Fact]
    public async Task Where_the_rules_name_a_gallring_role_only_its_actors_purge_and_a_refusal_removes_nothing()
    {
        var s = Scenario(access: SipTestAccess.WithUnattributedReads(SipAccessRules.Default with { GallringRole = "Arkivansvarig" }));
        var c = await ClosedAsync(s);
        var lastEntry = Today(s);
        s.Time.Advance(TimeSpan.FromDays(5 * 366));

        var refused = await s.ExpectRefusedAsync<SipAccessRefusedException>(c.Id, () => s.Workflow.PurgeCaseAsync(Purge(s, c, lastEntry), Ct));

        refused.Rule.Should().Be(SipAccessRuleNames.Gallring);
        refused.Action.Should().Be(SipAccessAction.Purge);
        var archivist = new SipActor { UserId = "arkiv-1", Organisation = "Kommunarkivet", Role = "arkivansvarig" };
        (await s.Workflow.PurgeCaseAsync(Purge(s, c, lastEntry) with { Actor = archivist }, Ct)).Actor.Should().Be(archivist);
    }

    private static async Task<SipCase> ClosedAsync(SipScenario s)
    {
        var c = await s.ConsentedAsync();
        return (await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = s.Actor, Reason = ClosureReason.NoNewNeedsExpected }, Ct)).Case;
    }

    private static PurgeCase Purge(SipScenario s, SipCase c, DateOnly lastEntry, SipRetentionRule? rule = null) => new()
    {
        CaseId = c.Id, Actor = s.Actor, Rule = rule ?? SipRetentionRule.SocialServices, LastEntryInRecord = lastEntry, NoRetentionExceptionApplies = true,
    };

    private static DateOnly Today(SipScenario s) => SipLegalReferences.SwedishDateOf(s.Time.GetUtcNow());

    [Fact]
    public async Task A_closed_case_five_years_after_the_last_entry_is_purged_to_a_sealed_tombstone_that_accounts_for_it()
    {
        var s = Scenario(Key);
        var c = await ClosedAsync(s);
        var lastEntry = Today(s);
        var checkpoint = await s.Workflow.GetCheckpointAsync(c.Id, Ct);
        var before = await s.Workflow.VerifyStoreAsync(cancellationToken: Ct);
        s.Time.Advance(TimeSpan.FromDays(5 * 366));

        var tombstone = await s.Workflow.PurgeCaseAsync(Purge(s, c, lastEntry), Ct);

        tombstone.LastVersion.Should().Be(c.Version);
        tombstone.LastHeadHash.Should().Be(c.HistoryHead);
        tombstone.LegalBasis.Should().Be("16 kap. 1 § socialtjänstlagen (2025:400)");
        tombstone.AuditKeyId.Should().Be("1");
        (await s.Workflow.GetCaseAsync(c.Id, Ct)).Should().BeNull();
        (await s.Store.GetHistoryAsync(c.Id, Ct)).Should().BeEmpty();
        var history = () => s.Workflow.GetHistoryAsync(c.Id, Ct);
        await history.Should().ThrowAsync<SipCaseNotFoundException>("a purged case is gone for every query");
        var against = await s.Workflow.VerifyAgainstCheckpointAsync(c.Id, checkpoint, Ct);
        against.IsIntact.Should().BeTrue(against.Problem);
        against.Purged.Should().BeTrue();
        var store = await s.Workflow.VerifyStoreAsync(before.Checkpoint, Ct);
        store.IsIntact.Should().BeTrue(string.Join("; ", store.Problems));
        store.CasesVerified.Should().Be(0);
        store.TombstonesVerified.Should().Be(1);
    }

    [Fact]
    public async Task The_same_day_one_year_short_of_the_retention_is_refused_and_the_day_it_ends_is_allowed()
    {
        var s = Scenario();
        var c = await ClosedAsync(s);
        var lastEntry = Today(s);
        s.Time.SetUtcNow(SipLegalReferences.SwedishStartOf(lastEntry.AddYears(5)).AddMinutes(-1));

        var early = await s.ExpectRefusedAsync<SipPurgeRefusedException>(c.Id, () => s.Workflow.PurgeCaseAsync(Purge(s, c, lastEntry), Ct));
        early.Reason.Should().Be(SipPurgeRefusal.RetentionNotPassed);
        early.Message.Should().Contain(lastEntry.AddYears(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).And.Contain("16 kap. 1 § socialtjänstlagen (2025:400)");

        s.Time.Advance(TimeSpan.FromMinutes(1));
        (await s.Workflow.PurgeCaseAsync(Purge(s, c, lastEntry), Ct)).CaseId.Should().Be(c.Id);
    }

    [Fact]
    public async Task A_patient_record_is_kept_ten_years_and_a_host_may_keep_longer_but_never_shorter()
    {
        var s = Scenario();
        var c = await ClosedAsync(s);
        var lastEntry = Today(s);
        s.Time.Advance(TimeSpan.FromDays(7 * 366));

        var refused = await s.ExpectRefusedAsync<SipPurgeRefusedException>(c.Id, () => s.Workflow.PurgeCaseAsync(Purge(s, c, lastEntry, SipRetentionRule.HealthCare), Ct));
        refused.Message.Should().Contain("3 kap. 17 § patientdatalagen (2008:355)").And.Contain("10 år");
        SipRetentionRule.HealthCare.PurgeDueBy(lastEntry).Should().BeNull("patientdatalagen sets a minimum, not a duty to cull");
        SipRetentionRule.SocialServices.PurgeDueBy(new DateOnly(2026, 3, 2)).Should().Be(new DateOnly(2032, 12, 31), "finished by the end of the calendar year after the duty arose");
        var shorter = () => SipRetentionRule.HealthCare.KeptFor(3);
        shorter.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("years").WithMessage("*at least 10 years*");
        SipRetentionRule.HealthCare.KeptFor(12).Years.Should().Be(12);
        var longer = () => SipRetentionRule.SocialServices.KeptFor(10);
        longer.Should().Throw<InvalidOperationException>("a personakt must be culled after five years, not kept longer").WithMessage("*must be culled 5 years*");
        SipRetentionRule.HealthCare.PurgeableFrom(new DateOnly(2026, 3, 2)).Should().Be(new DateOnly(2036, 3, 3), "at least ten full years");
        SipRetentionRule.SocialServices.PurgeableFrom(new DateOnly(2026, 3, 2)).Should().Be(new DateOnly(2031, 3, 2), "the duty arises five years after");
        var tooLong = () => SipRetentionRule.HealthCare.KeptFor(201);
        tooLong.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("years").WithMessage("*at most 200*");
        var unknownKind = () => SipRetentionRule.For((SipRecordKind)99);
        unknownKind.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("kind").WithMessage("*allowed: SocialServices, Lss, HealthCare*");
    }

    [Fact]
    public async Task An_open_case_a_case_whose_record_had_later_entries_and_an_unconfirmed_exception_are_refused()
    {
        var s = Scenario();
        var open = await s.ConsentedAsync(SipTestData.Adult("patient-other"));
        var closed = await ClosedAsync(s);
        var lastEntry = Today(s);
        s.Time.Advance(TimeSpan.FromDays(6 * 366));

        (await s.ExpectRefusedAsync<SipPurgeRefusedException>(open.Id, () => s.Workflow.PurgeCaseAsync(Purge(s, open, lastEntry), Ct)))
            .Reason.Should().Be(SipPurgeRefusal.NotClosed);
        (await s.ExpectRefusedAsync<ArgumentException>(closed.Id, () => s.Workflow.PurgeCaseAsync(Purge(s, closed, lastEntry.AddDays(-1)), Ct)))
            .Message.Should().Contain("LastEntryInRecord").And.Contain("before the SIP's own last entry");
        (await s.ExpectRefusedAsync<SipPurgeRefusedException>(closed.Id, () => s.Workflow.PurgeCaseAsync(Purge(s, closed, Today(s).AddYears(-2)), Ct)))
            .Reason.Should().Be(SipPurgeRefusal.RetentionNotPassed, "the record's later entry restarts the five years");
        (await s.ExpectRefusedAsync<ArgumentException>(closed.Id, () => s.Workflow.PurgeCaseAsync(Purge(s, closed, lastEntry) with { NoRetentionExceptionApplies = false }, Ct)))
            .Message.Should().Contain("NoRetentionExceptionApplies").And.Contain("16 kap. 2 och 2 a §§ SoL");
        (await s.Workflow.GetCaseAsync(closed.Id, Ct)).Should().NotBeNull();
    }

    [Fact]
    public async Task Cases_due_for_gallring_are_the_closed_ones_past_the_retention_counted_from_the_last_entry()
    {
        var s = Scenario();
        var old = await ClosedAsync(s);
        var lastEntry = Today(s);
        s.Time.Advance(TimeSpan.FromDays(400));
        var recent = await ClosedAsync(s);
        var open = await s.ConsentedAsync();
        var asOf = lastEntry.AddYears(5);

        var page = await s.Workflow.GetDueForGallringAsync(SipRetentionRule.SocialServices, asOf, cancellationToken: Ct);

        page.Items.Should().ContainSingle().Which.Should().Be(new SipGallringItem(old.Id, lastEntry, asOf, new DateOnly(asOf.Year + 1, 12, 31)));
        page.Items.Select(i => i.CaseId).Should().NotContain([recent.Id, open.Id]);
        (await s.Workflow.GetDueForGallringAsync(SipRetentionRule.SocialServices, asOf.AddDays(-1), cancellationToken: Ct)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_checkpoint_changed_after_it_was_taken_or_a_case_set_back_is_reported_not_trusted()
    {
        var s = Scenario(Key);
        var c = await ClosedAsync(s);
        var checkpoint = await s.Workflow.GetCheckpointAsync(c.Id, Ct);

        (await s.Workflow.VerifyAgainstCheckpointAsync(c.Id, checkpoint, Ct)).IsIntact.Should().BeTrue();
        var forged = await s.Workflow.VerifyAgainstCheckpointAsync(c.Id, checkpoint with { Version = checkpoint.Version - 1 }, Ct);
        forged.IsIntact.Should().BeFalse();
        forged.Finding.Should().Be(SipAuditFinding.CheckpointNotValid);
        var ahead = checkpoint with { Version = checkpoint.Version + 1, Hash = string.Empty };
        ahead = ahead with { Hash = SipAuditChain.ComputeCheckpointHash(ahead, Key) };
        var rolledBack = await s.Workflow.VerifyAgainstCheckpointAsync(c.Id, ahead, Ct);
        rolledBack.Finding.Should().Be(SipAuditFinding.RolledBack, "the case is at an earlier version than the checkpoint saw");
        var other = () => s.Workflow.VerifyAgainstCheckpointAsync(SipCaseId.New(), checkpoint, Ct);
        (await other.Should().ThrowAsync<ArgumentException>()).WithParameterName("checkpoint");
        SipJson.DeserializeCheckpoint(SipJson.SerializeCheckpoint(checkpoint)).Should().Be(checkpoint);
    }

    [Fact]
    public async Task A_tombstone_sealed_with_the_key_but_recording_a_purge_before_the_retention_ended_is_reported()
    {
        var s = Scenario(Key);
        var c = await ClosedAsync(s);
        var early = new SipTombstone
        {
            CaseId = c.Id, PurgedAt = s.Time.GetUtcNow(), Actor = s.Actor, RecordKind = SipRecordKind.SocialServices, RetentionYears = 5,
            LegalBasis = SipLegalReferences.SocialServicesCulling.Citation, LastEntry = Today(s), LastVersion = c.Version,
            LastHeadHash = c.HistoryHead!, AuditKeyId = "1", Hash = string.Empty,
        };

        // Straight to the store, as a host holding the key but bypassing the engine's checks would.
        await s.Store.PurgeAsync(early with { Hash = SipAuditChain.ComputeTombstoneHash(early, Key) }, Ct);

        var found = await s.Workflow.VerifyStoreAsync(cancellationToken: Ct);
        found.Problems.Should().ContainSingle().Which.Should().Match<SipStoreProblem>(p => p.CaseId == c.Id && p.Finding == SipAuditFinding.TombstoneNotValid);
        found.Problems[0].Description.Should().Contain("before its retention ended");
    }

    [Fact]
    public async Task A_record_with_another_open_SIP_or_a_later_entry_in_another_SIP_is_not_purged()
    {
        var s = Scenario();
        var first = await ClosedAsync(s);
        var lastEntry = Today(s);
        s.Time.Advance(TimeSpan.FromDays(30));
        var second = await s.ConsentedAsync();
        s.Time.Advance(TimeSpan.FromDays(6 * 366));

        (await s.ExpectRefusedAsync<SipPurgeRefusedException>(first.Id, () => s.Workflow.PurgeCaseAsync(Purge(s, first, lastEntry), Ct)))
            .Reason.Should().Be(SipPurgeRefusal.RecordStillInUse);
        await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = second.Id, Actor = s.Actor, Reason = ClosureReason.NoNewNeedsExpected }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(first.Id, () => s.Workflow.PurgeCaseAsync(Purge(s, first, lastEntry), Ct)))
            .Message.Should().Contain("another SIP of the same record").And.NotContain(first.Individual.Reference.Value);
    }

    [Fact]
    public async Task A_purged_case_put_back_from_a_backup_is_found_with_or_without_its_tombstone()
    {
        var s = Scenario(Key);
        var c = await ClosedAsync(s);
        var lastEntry = Today(s);
        var history = await s.Workflow.GetHistoryAsync(c.Id, Ct);
        var checkpoint = await s.Workflow.GetCheckpointAsync(c.Id, Ct);
        s.Time.Advance(TimeSpan.FromDays(6 * 366));
        await s.Workflow.PurgeCaseAsync(Purge(s, c, lastEntry), Ct);
        var afterPurge = (await s.Workflow.VerifyStoreAsync(cancellationToken: Ct)).Checkpoint;

        // A fresh store restored from a backup taken before the purge: the case is back and its tombstone is gone.
        var restored = new InMemorySipCaseStore();
        await restored.CreateAsync(c with { Version = 1, HistoryHead = history[0].Hash }, history[0], Ct);
        var engine = new SipWorkflow(restored, new SipWorkflowOptions { AuditKey = Key, Access = SipTestAccess.DefaultWithUnattributedReads }, s.Time);
        foreach (var e in history.Skip(1))
        {
            var stored = e.Sequence == history.Count ? c : (await restored.GetAsync(c.Id, Ct))! with { Version = e.Sequence, HistoryHead = e.Hash };
            await restored.UpdateAsync(stored, e.Sequence - 1, e, Ct);
        }

        var found = await engine.VerifyStoreAsync(afterPurge, Ct);
        found.Problems.Should().Contain(p => p.CaseId == c.Id && p.Finding == SipAuditFinding.TombstoneNotValid && p.Description.Contains("put back", StringComparison.Ordinal));
        (await s.Workflow.VerifyAgainstCheckpointAsync(c.Id, checkpoint, Ct)).Purged.Should().BeTrue("in the store that purged it, the tombstone accounts for it");
    }

    [Fact]
    public async Task Paging_due_gallring_checks_its_arguments_like_due_work()
    {
        var s = Scenario();
        var zero = () => s.Workflow.GetDueForGallringAsync(SipRetentionRule.SocialServices, Today(s), 0, cancellationToken: Ct);
        (await zero.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithParameterName("pageSize");
        var token = () => s.Workflow.GetDueForGallringAsync(SipRetentionRule.SocialServices, Today(s), 10, "not-a-token", Ct);
        (await token.Should().ThrowAsync<ArgumentException>()).WithParameterName("continuationToken");
        var rule = () => s.Workflow.GetDueForGallringAsync(null!, Today(s), cancellationToken: Ct);
        (await rule.Should().ThrowAsync<ArgumentNullException>()).WithParameterName("rule");
    }
}
