using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>A file written before the event feed existed gets a feed holding its whole history when the store opens it.</summary>
public sealed class SqliteFeedMigrationTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_file_from_before_the_feed_is_migrated_with_its_history_in_the_feed()
    {
        var path = _db.PathOf();
        List<SipEvent> events;
        SipTombstone tombstone;
        await using (var before = new SqliteSipCaseStore(path))
        {
            (events, tombstone) = await StoreData.HistoryBeforeTheFeedAsync(before);
        }

        await SqliteDowngrade.ToVersion6Async(path);

        // Back to schema version 2, as a file of the previous release is: no feed table, no triggers writing it, and none
        // of the later tables (the indicator projection).
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var downgrade = new SqliteCommand(
                "DROP TRIGGER sip_events_to_feed; DROP TRIGGER sip_tombstones_to_feed; DROP TABLE sip_feed; DROP TABLE sip_subscriptions; DROP TABLE sip_access_log; " +
                "DROP TABLE sip_indicator_cases; DROP TABLE sip_indicator_deadlines; DROP TABLE sip_indicator_cells; DROP TABLE sip_indicator_position; DROP TABLE sip_case_access; " +
                "PRAGMA user_version = 2;", connection);
            await downgrade.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var store = new SqliteSipCaseStore(path);

        await StoreData.FeedHoldsTheHistoryBeforeItAsync(store, events, tombstone);
    }
}
