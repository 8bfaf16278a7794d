using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Sqlite;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// The event feed on SQLite (durability Full). <b>Outbox</b>: what writing the feed entry adds to a command — the same
/// engine command on a file whose feed triggers were dropped (the baseline) and on a normal file. <b>Read</b>: reading a
/// page of 1,000 entries through the store against a raw query of the same 1,000 event documents in the same file.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FeedBenchmarks
{
    private const int Cases = 64;
    private const int Page = 1000;
    private readonly SipCaseId[] _withFeedIds = new SipCaseId[Cases];
    private readonly SipCaseId[] _withoutFeedIds = new SipCaseId[Cases];
    private string _withFeedPath = null!;
    private string _withoutFeedPath = null!;
    private SqliteSipCaseStore _withFeedStore = null!;
    private SipWorkflow _withFeed = null!;
    private SipWorkflow _withoutFeed = null!;
    private SqliteConnection _raw = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _withFeedPath = BenchData.TempDatabase("feed.db");
        _withoutFeedPath = BenchData.TempDatabase("no-feed.db");
        _withFeedStore = new SqliteSipCaseStore(_withFeedPath);
        _withFeed = new SipWorkflow(_withFeedStore, new SipWorkflowOptions(), new FixedClock(BenchData.Now));
        _withoutFeed = new SipWorkflow(new SqliteSipCaseStore(_withoutFeedPath), new SipWorkflowOptions(), new FixedClock(BenchData.Now));
        BenchData.OpenConsented(_withFeed, _withFeedIds);
        BenchData.OpenConsented(_withoutFeed, _withoutFeedIds);

        // The baseline file: the same schema without the triggers that write the feed, so its commands write no entry.
        using (var connection = new SqliteConnection($"Data Source={_withoutFeedPath};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TRIGGER sip_events_to_feed; DROP TRIGGER sip_tombstones_to_feed;";
            drop.ExecuteNonQuery();
        }

        // Enough history for full pages to read.
        for (var n = 0; n < 2 * Page; n++)
        {
            _withFeed.ChangeIndividualAsync(BenchData.Toggle(_withFeedIds[n % Cases], (n / Cases) % 2 == 0)).GetAwaiter().GetResult();
        }

        _raw = new SqliteConnection($"Data Source={_withFeedPath};Pooling=True");
        _raw.Open();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _withFeedStore.Dispose();
        BenchData.Delete(_withFeedPath);
        BenchData.Delete(_withoutFeedPath);
    }

    /// <summary>One accepted command on a file without the feed.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Outbox")]
    public async Task<long> Command_WithoutFeed()
    {
        var n = _next++;
        return (await _withoutFeed.ChangeIndividualAsync(BenchData.Toggle(_withoutFeedIds[n % Cases], (n / Cases) % 2 == 0))).Case.Version;
    }

    /// <summary>The same command writing its feed entry in the same transaction.</summary>
    [Benchmark]
    [BenchmarkCategory("Outbox")]
    public async Task<long> Command_WithFeed()
    {
        var n = _next++;
        return (await _withFeed.ChangeIndividualAsync(BenchData.Toggle(_withFeedIds[n % Cases], (n / Cases) % 2 == 0))).Case.Version;
    }

    /// <summary>The raw baseline: 1,000 event documents by row order, read and kept as strings.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Read")]
    public int RawSqlite_ReadEvents()
    {
        using var select = _raw.CreateCommand();
        select.CommandText = "SELECT document FROM sip_events LIMIT $max;";
        select.Parameters.AddWithValue("$max", Page);
        using var reader = select.ExecuteReader();
        var count = 0;
        while (reader.Read())
        {
            count += reader.GetString(0).Length > 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>A page of 1,000 feed entries from the start, events deserialised.</summary>
    [Benchmark]
    [BenchmarkCategory("Read")]
    public async Task<int> ReadEvents_Page() => (await _withFeed.ReadEventsAsync(0, Page)).Count;
}
