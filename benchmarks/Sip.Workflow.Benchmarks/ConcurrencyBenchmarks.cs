using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// Many callers at once on one engine over one durable SQLite store (WAL, <c>synchronous = FULL</c>): each of
/// <see cref="Callers"/> callers issues <see cref="CommandsPerCaller"/> commands on its own case, concurrently. The
/// baseline is raw SQLite doing the same writes (an update with a version check and an event insert each) with the same
/// number of commits per fsync that perfect group commit would reach: <see cref="Callers"/> writes per transaction, one
/// transaction after another. The p99 column is one command's latency (the engine) or one transaction's (the baseline); the
/// writes-per-commit column is how many writes the store's transactions held on average while the callers ran (the
/// baseline's is <see cref="Callers"/> by construction).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(P99Config))]
[WarmupCount(WarmupIterations)]
public class ConcurrencyBenchmarks
{
    private const int CommandsPerCaller = 16;

    // An iteration is one run of the callers (512 commands at 32): the three warm-up iterations of a short job leave the JIT
    // still moving the engine's code to its optimised tier (a probe of 40 runs shows a command's CPU on its caller falling from
    // about 60 µs to 15 µs over the first twenty). Every job warms up this many, so the rows measure a host that has been
    // running, whichever job is asked for.
    private const int WarmupIterations = 20;
    private string _path = null!;
    private SqliteSipCaseStore _store = null!;
    private SipWorkflow _engine = null!;
    private SqliteConnection _raw = null!;
    private SipCaseId[] _ids = [];
    private long[] _rawVersions = [];
    private string _document = null!;
    private string _eventDocument = null!;
    private int _round;
    private string _method = string.Empty;
    private readonly List<double> _latencies = [];
    private long _groups;
    private long _writes;

    // The store's count of transactions and the writes they held is internal (its tests read it); the benchmark reads it
    // only before and after each run of the callers.
    private static readonly Func<SqliteSipCaseStore, (long Groups, long Writes)> Committed =
        typeof(SqliteSipCaseStore).GetProperty("Committed", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
            .GetMethod!.CreateDelegate<Func<SqliteSipCaseStore, (long Groups, long Writes)>>();

    [Params(1, 8, 32)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchData.TempDatabase($"concurrency-{Callers}.db");
        _store = new SqliteSipCaseStore(_path);
        _engine = new SipWorkflow(_store, new SipWorkflowOptions(), new FixedClock(BenchData.Now));
        var sample = new SipCaseId[1];
        BenchData.OpenConsented(_engine, sample);
        _document = SipJson.SerializeCase(_engine.ReadCaseAsync(sample[0], BenchData.Actor).GetAwaiter().GetResult()!);
        _eventDocument = SipJson.SerializeEvent(_engine.ReadHistoryAsync(sample[0], BenchData.Actor).GetAwaiter().GetResult()[^1]);

        _raw = BenchData.OpenRaw(_path);
        _rawVersions = new long[Callers];
        for (var i = 0; i < Callers; i++)
        {
            BenchData.InsertRawCase(_raw, RawId(i), 1_000_000, $"raw-{Callers}-{i}", _document);
            _rawVersions[i] = 1_000_000;
        }
    }

    // Fresh cases each iteration, so no case outgrows its event limit however long the run; for both methods, so that they
    // run under the same job (one invocation per iteration) and BenchmarkDotNet compares them.
    [IterationSetup]
    public void OpenCases()
    {
        _ids = new SipCaseId[Callers];
        BenchData.OpenConsented(_engine, _ids);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        P99Config.Write(this, _latencies, _method == nameof(RawSqlite_GroupedCommits) ? Callers : _groups == 0 ? 0 : (double)_writes / _groups);
        _raw.Dispose();
        _store.Dispose();
        BenchData.Delete(_path);
    }

    /// <summary>Perfect group commit by hand: <see cref="Callers"/> writes per transaction, <see cref="CommandsPerCaller"/> transactions.</summary>
    [Benchmark(Baseline = true)]
    public void RawSqlite_GroupedCommits()
    {
        _method = nameof(RawSqlite_GroupedCommits);
        for (var round = 0; round < CommandsPerCaller; round++)
        {
            var started = Stopwatch.GetTimestamp();
            using var transaction = _raw.BeginTransaction(deferred: false);
            for (var i = 0; i < Callers; i++)
            {
                var version = _rawVersions[i];
                BenchData.RawWrite(_raw, transaction, RawId(i), version, _document, _eventDocument);
                _rawVersions[i] = version + 1;
            }

            transaction.Commit();
            _latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary><see cref="Callers"/> concurrent callers, each issuing <see cref="CommandsPerCaller"/> engine commands on its own case.</summary>
    [Benchmark]
    public async Task Engine_ConcurrentCommands()
    {
        _method = nameof(Engine_ConcurrentCommands);
        var round = _round++;
        var latencies = new double[Callers][];
        var before = Committed(_store);
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var mine = latencies[caller] = new double[CommandsPerCaller];
            for (var n = 0; n < CommandsPerCaller; n++)
            {
                var started = Stopwatch.GetTimestamp();
                await _engine.ChangeIndividualAsync(BenchData.Toggle(_ids[caller], (n + round) % 2 == 0)).ConfigureAwait(false);
                mine[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        var after = Committed(_store);
        _groups += after.Groups - before.Groups;
        _writes += after.Writes - before.Writes;
        foreach (var mine in latencies)
        {
            _latencies.AddRange(mine);
        }
    }

    private string RawId(int i) => $"eeeeeeee-0000-{Callers:D4}-0000-{i:D12}";

    /// <summary>
    /// Adds the p99 and writes-per-commit columns: each benchmark process writes its latencies' 99th percentile and its
    /// writes per transaction, the host reads them.
    /// </summary>
    private sealed class P99Config : ManualConfig
    {
        public P99Config()
        {
            AddColumn(new FileColumn("P99", "P99 (ms)", "99th percentile of one command's latency (engine) or one grouped transaction's (raw), in ms"));
            AddColumn(new FileColumn("WritesPerCommit", "Writes/commit", "Writes per transaction while the callers ran: the store's average (engine), Callers by construction (raw)"));
        }

        private static string FileOf(string column, string method, int callers) => Path.Combine(Path.GetTempPath(), "sip-bench-p99", $"{column}-{method}-{callers}.txt");

        public static void Write(ConcurrencyBenchmarks run, List<double> latencies, double writesPerCommit)
        {
            if (latencies.Count == 0)
            {
                return;
            }

            latencies.Sort();
            var p99 = latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(latencies.Count * 0.99) - 1)];
            Directory.CreateDirectory(Path.GetDirectoryName(FileOf("x", "x", 0))!);

            // One file per column, method and caller count: each benchmark process runs one method.
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            File.WriteAllText(FileOf("P99", run._method, run.Callers), p99.ToString("F2", invariant));
            File.WriteAllText(FileOf("WritesPerCommit", run._method, run.Callers), writesPerCommit.ToString("F1", invariant));
        }

        private sealed class FileColumn(string id, string name, string legend) : IColumn
        {
            public string Id => id;

            public string ColumnName => name;

            public bool AlwaysShow => true;

            public ColumnCategory Category => ColumnCategory.Custom;

            public int PriorityInCategory => 0;

            public bool IsNumeric => true;

            public UnitType UnitType => UnitType.Dimensionless;

            public string Legend => legend;

            public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
            {
                var callers = (int)benchmarkCase.Parameters["Callers"]!;
                var file = FileOf(id, benchmarkCase.Descriptor.WorkloadMethod.Name, callers);
                return File.Exists(file) ? File.ReadAllText(file) : "-";
            }

            public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

            public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

            public bool IsAvailable(Summary summary) => true;
        }
    }
}
