using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>
/// Schema version 9 makes the case and event tables rowid tables (a case row of a few kilobytes stays in its page, and events
/// are appended where the last were written). A file of version 8 is migrated with every row as it was.
/// </summary>
public sealed class SqliteRowidMigrationTests : IAsyncDisposable
{
    private readonly TempDatabase _db = new();
    private readonly List<SqliteSipCaseStore> _stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _db.Dispose();
    }

    private (SipScenario Scenario, SqliteSipCaseStore Store) Open()
    {
        var store = new SqliteSipCaseStore(_db.PathOf());
        _stores.Add(store);
        var time = new FakeTimeProvider(SipTestData.Start);
        return (new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, time), store, time), store);
    }

    private object? Scalar(string sql) => _db.Scalar(sql);

    private void Execute(string sql) => _db.Execute(sql);

    private string Table(string name) => (string)Scalar($"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{name}';")!;

    // Every row of the tables the migration copies or keys by them, as text, in a fixed order.
    private string Rows() => string.Join('\n',
        Scalar("SELECT group_concat(r, '|') FROM (SELECT id || ',' || version || ',' || state || ',' || subject_ref || ',' || ifnull(lead_principal, '') || ',' || ifnull(lead_org, '') || ',' || ifnull(next_deadline, '') || ',' || document_version || ',' || document || ',' || ifnull(item_count, '') || ',' || ifnull(history_head, '') AS r FROM sip_cases ORDER BY id);") as string,
        Scalar("SELECT group_concat(r, '|') FROM (SELECT case_id || ',' || sequence || ',' || ifnull(command_id, '') || ',' || event_type || ',' || occurred_at || ',' || hash || ',' || document AS r FROM sip_events ORDER BY case_id, sequence);") as string,
        Scalar("SELECT group_concat(r, '|') FROM (SELECT position || ',' || case_id || ',' || ifnull(sequence, '') AS r FROM sip_feed ORDER BY position);") as string,
        Scalar("SELECT group_concat(r, '|') FROM (SELECT case_id || ',' || key AS r FROM sip_case_access ORDER BY case_id, key);") as string,
        Scalar("SELECT group_concat(r, '|') FROM (SELECT case_id || ',' || list || ',' || position || ',' || document AS r FROM sip_case_items ORDER BY case_id, list, position);") as string);

    [Fact]
    public async Task A_file_of_version_8_keeps_every_case_event_feed_entry_key_and_item_and_its_cases_take_commands()
    {
        SipCase revised, consented;
        List<SipEvent> storeEvents;
        SipTombstone tombstone;
        var (s, store) = Open();
        var followedUp = await s.FollowedUpAsync(SipTestData.Adult("patient-rowid"));
        revised = (await s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(followedUp.Id, s.Time.GetUtcNow().AddMonths(3)), Ct)).Case;
        consented = await s.ConsentedAsync(SipTestData.Adult("patient-second"));
        (storeEvents, tombstone) = await StoreData.HistoryBeforeTheFeedAsync(store);
        var revisedHistory = await store.GetHistoryAsync(revised.Id, Ct);
        await store.DisposeAsync();
        _stores.Clear();

        await SqliteDowngrade.ToVersion8Async(_db.PathOf());
        SqliteConnection.ClearAllPools();
        Table("sip_cases").Should().Contain("WITHOUT ROWID", "the file is as version 8 left it");
        Table("sip_events").Should().Contain("WITHOUT ROWID");
        var before = Rows();

        var (migrated, migratedStore) = Open();
        (await migratedStore.GetAsync(revised.Id, Ct)).Should().BeEquivalentTo(revised);
        SqliteConnection.ClearAllPools();
        Scalar("PRAGMA user_version;").Should().Be((long)SqliteSchema.CurrentVersion);
        Table("sip_cases").Should().NotContain("WITHOUT ROWID");
        Table("sip_events").Should().NotContain("WITHOUT ROWID");
        Rows().Should().Be(before, "every row is copied as it was");

        (await migratedStore.GetHistoryAsync(revised.Id, Ct)).Should().BeEquivalentTo(revisedHistory, o => o.WithStrictOrdering());
        (await migrated.Workflow.VerifyHistoryAsync(revised.Id, Ct)).IsIntact.Should().BeTrue();
        (await migrated.Workflow.VerifyHistoryAsync(consented.Id, Ct)).IsIntact.Should().BeTrue();
        var feed = await migratedStore.ReadFeedAsync(0, 1000, Ct);
        feed.Where(e => e.Event is not null && storeEvents.Any(stored => stored.CaseId == e.CaseId)).Select(e => e.Event)
            .Should().BeEquivalentTo(storeEvents, o => o.WithStrictOrdering(), "the feed keeps its order");
        feed[^1].Tombstone.Should().Be(tombstone);

        // The migrated cases take commands, and their events reach the feed after everything before.
        var changed = await migrated.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = revised.Id, Actor = SipTestData.FixedCareContact, HasProtectedIdentity = true }, Ct);
        (await migratedStore.GetAsync(revised.Id, Ct)).Should().BeEquivalentTo(changed.Case);
        var after = await migratedStore.ReadFeedAsync(feed[^1].Position, 1000, Ct);
        after.Should().ContainSingle().Which.Event.Should().Be(changed.Event);
        (await migrated.Workflow.VerifyHistoryAsync(revised.Id, Ct)).IsIntact.Should().BeTrue();

        // And the database still refuses to change or remove history.
        var delete = () => Execute("DELETE FROM sip_events;");
        delete.Should().Throw<SqliteException>().WithMessage("*removed only by a purge*");
    }

    [Fact]
    public async Task An_event_with_two_feed_entries_or_none_is_copied_once()
    {
        // The feed's schema does not make an event's entry unique, so one added twice outside the library (or one missing)
        // must neither stop the upgrade nor copy an event twice or drop it.
        var (s, store) = Open();
        var first = await s.ConsentedAsync(SipTestData.Adult("patient-one"));
        var second = await s.ConsentedAsync(SipTestData.Adult("patient-two"));
        await store.DisposeAsync();
        _stores.Clear();
        await SqliteDowngrade.ToVersion8Async(_db.PathOf());
        // The feed's delete trigger is put back as it was, as someone editing the file by hand would.
        var guard = (string)Scalar("SELECT sql FROM sqlite_master WHERE name = 'sip_feed_no_delete';")!;
        Execute($"INSERT INTO sip_feed (case_id, sequence) VALUES ('{first.Id.Value:D}', 1); DROP TRIGGER sip_feed_no_delete; " +
            $"DELETE FROM sip_feed WHERE case_id = '{second.Id.Value:D}' AND sequence = 2; {guard};");
        SqliteConnection.ClearAllPools();
        var before = Rows();

        var (migrated, migratedStore) = Open();
        (await migratedStore.GetAsync(first.Id, Ct)).Should().BeEquivalentTo(first);
        SqliteConnection.ClearAllPools();

        Scalar("PRAGMA user_version;").Should().Be((long)SqliteSchema.CurrentVersion);
        Rows().Should().Be(before);
        (await migrated.Workflow.VerifyHistoryAsync(first.Id, Ct)).IsIntact.Should().BeTrue();
        (await migrated.Workflow.VerifyHistoryAsync(second.Id, Ct)).IsIntact.Should().BeTrue();
    }
}
