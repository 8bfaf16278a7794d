using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Sip.Workflow.Sqlite;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// One SIP from need identified to closed on SQLite, every step a durable command: what a region's throughput is
/// bounded by. The "Cases/s" column is one case's full lifecycle per second on one thread.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class LifecycleBenchmarks
{
    private string _path = null!;
    private SipWorkflow _engine = null!;
    private MutableClock _clock = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchData.TempDatabase("lifecycle.db");
        _clock = new MutableClock(BenchData.Now);
        _engine = new SipWorkflow(new SqliteSipCaseStore(_path), new SipWorkflowOptions { Policy = SipPolicy.RegionHalland }, _clock);
    }

    [GlobalCleanup]
    public void Cleanup() => BenchData.Delete(_path);

    /// <summary>Baseline: opening a case alone, one durable command.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> Open_Only() => (await _engine.OpenCaseAsync(BenchData.Open(_next++))).Case.Version;

    /// <summary>Open, consent, prepare, two principals, meeting, summons, attendance, plan, follow-up, close: 11 commands.</summary>
    [Benchmark]
    public async Task<long> Case_OpenToClose() => (await BenchData.OpenToCloseAsync(_engine, _clock, _next++)).Version;

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new CasesPerSecondColumn());
    }

    /// <summary>Whole lifecycles per second: the inverse of the mean.</summary>
    private sealed class CasesPerSecondColumn : IColumn
    {
        public string Id => nameof(CasesPerSecondColumn);

        public string ColumnName => "Cases/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Whole case lifecycles per second on one thread (1 / Mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
            => summary[benchmarkCase]?.ResultStatistics is { } stats && stats.Mean > 0
                ? (1e9 / stats.Mean).ToString("N1", System.Globalization.CultureInfo.InvariantCulture)
                : "-";

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
