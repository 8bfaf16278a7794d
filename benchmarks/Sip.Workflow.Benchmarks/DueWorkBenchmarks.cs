using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// Whether due work reads only what it returns: a reader's page of due work (<see cref="Cases"/> cases, all due) on SQLite
/// over fresh cases (opened and consented), over cases whose plan was established once, and over large ones (the same,
/// revised to 50 revisions with 49 follow-ups). Issue 20's goal: a case's plan revisions and follow-ups cost a due-work
/// page nothing, so the large page costs about what the page of once-established cases (the same head, one revision)
/// does. The baseline is the floor on the large file: the same page's rows and head documents selected raw (what due work
/// must read). <c>WholeCases_LargeCases</c> is the page read as due work read it before the open deadlines were sealed:
/// every case whole, its deadlines worked out from it.
/// </summary>
[MemoryDiagnoser]
public class DueWorkBenchmarks
{
    /// <summary>Cases in each file, and the page size: one page holds them all.</summary>
    public const int Cases = 50;

    private static readonly DateTimeOffset Horizon = BenchData.Now.AddYears(50);
    private SqliteSipCaseStore _freshStore = null!;
    private SqliteSipCaseStore _establishedStore = null!;
    private SqliteSipCaseStore _largeStore = null!;
    private SipWorkflow _fresh = null!;
    private SipWorkflow _established = null!;
    private SipWorkflow _large = null!;
    private SqliteConnection _raw = null!;
    private SqliteCommand _rawPage = null!;
    private string _freshPath = string.Empty;
    private string _establishedPath = string.Empty;
    private string _largePath = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _freshPath = BenchData.TempDatabase("due-work-fresh.db");
        _establishedPath = BenchData.TempDatabase("due-work-established.db");
        _largePath = BenchData.TempDatabase("due-work-large.db");

        // Built with NORMAL durability (thousands of commands), then opened as hosts run it.
        var clock = new MutableClock(BenchData.Now);
        using (var building = new SqliteSipCaseStore(new SqliteStoreOptions { Path = _freshPath, Durability = SqliteDurability.Normal }))
        {
            BenchData.OpenConsented(new SipWorkflow(building, new SipWorkflowOptions(), clock), new SipCaseId[Cases]);
        }

        foreach (var (path, revisions) in new[] { (_establishedPath, 1), (_largePath, CaseSizeBenchmarks.Revisions) })
        {
            using var building = new SqliteSipCaseStore(new SqliteStoreOptions { Path = path, Durability = SqliteDurability.Normal });
            var engine = new SipWorkflow(building, new SipWorkflowOptions(), clock);
            for (var i = 0; i < Cases; i++)
            {
                // Only the revisions and follow-ups: the history is never read by due work.
                CaseSizeBenchmarks.LargeCaseAsync(engine, clock, 2_000 + i, events: 0, revisions).GetAwaiter().GetResult();
            }
        }

        var now = new FixedClock(BenchData.Now);
        _freshStore = new SqliteSipCaseStore(new SqliteStoreOptions { Path = _freshPath, Durability = SqliteDurability.Full });
        _establishedStore = new SqliteSipCaseStore(new SqliteStoreOptions { Path = _establishedPath, Durability = SqliteDurability.Full });
        _largeStore = new SqliteSipCaseStore(new SqliteStoreOptions { Path = _largePath, Durability = SqliteDurability.Full });
        _fresh = new SipWorkflow(_freshStore, new SipWorkflowOptions(), now);
        _established = new SipWorkflow(_establishedStore, new SipWorkflowOptions(), now);
        _large = new SipWorkflow(_largeStore, new SipWorkflowOptions(), now);

        _raw = BenchData.OpenRaw(_largePath);
        _rawPage = _raw.CreateCommand();
        _rawPage.CommandText =
            "SELECT id, state, lead_principal, next_deadline, document FROM sip_cases WHERE next_deadline IS NOT NULL AND next_deadline <= $h " +
            "ORDER BY next_deadline IS NULL, next_deadline, id LIMIT $n;";
        _rawPage.Parameters.AddWithValue("$h", Horizon.UtcTicks);
        _rawPage.Parameters.AddWithValue("$n", Cases + 1);
        _rawPage.Prepare();
        if (DueWork_LargeCases().GetAwaiter().GetResult() != Cases || DueWork_EstablishedCases().GetAwaiter().GetResult() != Cases
            || DueWork_FreshCases().GetAwaiter().GetResult() != Cases || RawSqlite_HeadRows() != Cases)
        {
            throw new InvalidOperationException("A due-work page does not hold every case.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rawPage.Dispose();
        _raw.Dispose();
        _freshStore.Dispose();
        _establishedStore.Dispose();
        _largeStore.Dispose();
        BenchData.Delete(_freshPath);
        BenchData.Delete(_establishedPath);
        BenchData.Delete(_largePath);
    }

    /// <summary>The floor: the page's rows and head documents on the large file, read raw.</summary>
    [Benchmark(Baseline = true)]
    public int RawSqlite_HeadRows()
    {
        var rows = 0;
        using var reader = _rawPage.ExecuteReader();
        while (reader.Read())
        {
            _ = reader.GetString(0);
            _ = reader.GetString(4);
            rows++;
        }

        return Math.Min(rows, Cases);
    }

    /// <summary>A reader's page of due work over fresh cases.</summary>
    [Benchmark]
    public async Task<int> DueWork_FreshCases() => (await _fresh.ReadDueWorkAsync(BenchData.Actor, Horizon, pageSize: Cases)).Items.Count;

    /// <summary>The same page over cases whose plan was established once (the plan meeting held, one revision).</summary>
    [Benchmark]
    public async Task<int> DueWork_EstablishedCases() => (await _established.ReadDueWorkAsync(BenchData.Actor, Horizon, pageSize: Cases)).Items.Count;

    /// <summary>The same page over cases established and revised to 50 plan revisions, with 49 follow-ups each.</summary>
    [Benchmark]
    public async Task<int> DueWork_LargeCases() => (await _large.ReadDueWorkAsync(BenchData.Actor, Horizon, pageSize: Cases)).Items.Count;

    /// <summary>The large page read whole, as due work did before: every case with its items, its deadlines worked out.</summary>
    [Benchmark]
    public async Task<int> WholeCases_LargeCases()
    {
        var page = await _largeStore.QueryAsync(new SipCaseQuery { DeadlineAtOrBefore = Horizon, PageSize = Cases });
        return page.Cases.Count(c => SipDeadlines.Open(c, SipPolicy.NationalGuidance).Count > 0);
    }
}

