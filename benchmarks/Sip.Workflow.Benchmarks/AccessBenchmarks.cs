using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Sip.Workflow.Sqlite;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// What the authorisation port and the access log cost, on SQLite (durability Full), against the same engine with the
/// checks turned off by name (<see cref="SipAccessPolicies.AllowAll"/>, the baseline rows). <b>Command</b>: one accepted
/// command — the port decides on the loaded case (commands are not in the access log; the history is their log).
/// <b>Read</b>: one read of a case — without a reader and without checks, against a read that names its reader under the
/// default rules: the rules decide and the read is appended to the access log, durably, before it is answered.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AccessBenchmarks
{
    private const int Cases = 64;
    private readonly SipCaseId[] _ids = new SipCaseId[Cases];
    private string _path = null!;
    private SqliteSipCaseStore _store = null!;
    private SipWorkflow _unchecked = null!;
    private SipWorkflow _checked = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchData.TempDatabase("access.db");
        _store = new SqliteSipCaseStore(_path);
        _unchecked = new SipWorkflow(_store, new SipWorkflowOptions { Access = SipAccessPolicies.AllowAll }, new FixedClock(BenchData.Now));
        _checked = new SipWorkflow(_store, new SipWorkflowOptions { Access = SipAccessRules.Default }, new FixedClock(BenchData.Now));
        BenchData.OpenConsented(_checked, _ids);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        BenchData.Delete(_path);
    }

    /// <summary>One accepted command with no checks.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Command")]
    public async Task<long> Command_NoChecks()
    {
        var n = _next++;
        return (await _unchecked.ChangeIndividualAsync(BenchData.Toggle(_ids[n % Cases], (n / Cases) % 2 == 0))).Case.Version;
    }

    /// <summary>The same command decided by the default rules first.</summary>
    [Benchmark]
    [BenchmarkCategory("Command")]
    public async Task<long> Command_DefaultRules()
    {
        var n = _next++;
        return (await _checked.ChangeIndividualAsync(BenchData.Toggle(_ids[n % Cases], (n / Cases) % 2 == 0))).Case.Version;
    }

    /// <summary>One read of a case with no reader and no checks: the store's read alone.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Read")]
    public async Task<long> Read_NoChecksNoLog() => (await _unchecked.GetCaseAsync(_ids[_next++ % Cases]))!.Version;

    /// <summary>The same read naming its reader: decided by the default rules and logged durably before it is answered.</summary>
    [Benchmark]
    [BenchmarkCategory("Read")]
    public async Task<long> Read_DefaultRulesAndLog() => (await _checked.ReadCaseAsync(_ids[_next++ % Cases], BenchData.Actor))!.Version;
}
