using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// What the engine adds to one durable SQLite commit: an accepted command on the SQLite store against a raw
/// transaction that updates one case row with a version check and inserts one event row, with the same durability
/// (WAL, <c>synchronous = FULL</c>) on the same schema.
/// </summary>
[MemoryDiagnoser]
public class PersistenceBenchmarks
{
    private const int Cases = 64;
    private readonly SipCaseId[] _ids = new SipCaseId[Cases];
    private readonly long[] _rawVersions = new long[Cases];
    private string _path = null!;
    private SipWorkflow _engine = null!;
    private SqliteConnection _raw = null!;
    private string _document = null!;
    private string _eventDocument = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchData.TempDatabase("persistence.db");
        _engine = new SipWorkflow(new SqliteSipCaseStore(_path), new SipWorkflowOptions(), new FixedClock(BenchData.Now));
        BenchData.OpenConsented(_engine, _ids);
        Array.Fill(_rawVersions, 1_000_000);

        var sample = _engine.ReadCaseAsync(_ids[0], BenchData.Actor).GetAwaiter().GetResult()!;
        _document = SipJson.SerializeCase(sample);
        _eventDocument = SipJson.SerializeEvent(_engine.ReadHistoryAsync(_ids[0], BenchData.Actor).GetAwaiter().GetResult()[^1]);

        // The raw baseline writes rows of its own (ids the engine never touches) in the same file and table.
        _raw = BenchData.OpenRaw(_path);
        for (var i = 0; i < Cases; i++)
        {
            BenchData.InsertRawCase(_raw, RawId(i), _rawVersions[i], $"raw-{i}", _document);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        BenchData.Delete(_path);
    }

    /// <summary>One transaction: update one case row where its version matches, insert one event row.</summary>
    [Benchmark(Baseline = true)]
    public long RawSqlite_Commit()
    {
        var i = _next++ % Cases;
        var version = _rawVersions[i];
        using var transaction = _raw.BeginTransaction(deferred: false);
        BenchData.RawWrite(_raw, transaction, RawId(i), version, _document, _eventDocument);

        transaction.Commit();
        _rawVersions[i] = version + 1;
        return version + 1;
    }

    /// <summary>One accepted engine command end to end on the SQLite store.</summary>
    [Benchmark]
    public async Task<long> Engine_Sqlite_Command()
    {
        var n = _next++;
        var result = await _engine.ChangeIndividualAsync(BenchData.Toggle(_ids[n % Cases], (n / Cases) % 2 == 0));
        return result.Case.Version;
    }

    /// <summary>
    /// The same, with a command that leaves the access keys as they are (the interpreter language set and cleared): the
    /// benchmarked toggle of protected identity changes who may list the case, so the store rewrites the case's keys on
    /// every run of it, which most steps of a SIP do not.
    /// </summary>
    [Benchmark]
    public async Task<long> Engine_Sqlite_Command_KeysUnchanged()
    {
        var n = _next++;
        var result = await _engine.ChangeIndividualAsync(new ChangeIndividual
        {
            CaseId = _ids[n % Cases], Actor = BenchData.Actor, HasProtectedIdentity = false, InterpreterLanguage = (n / Cases) % 2 == 0 ? "arabiska" : null,
        });
        return result.Case.Version;
    }

    private static string RawId(int i) => $"ffffffff-0000-0000-0000-{i:D12}";
}
