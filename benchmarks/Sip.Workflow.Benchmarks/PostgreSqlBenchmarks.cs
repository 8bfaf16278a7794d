using BenchmarkDotNet.Attributes;
using Npgsql;
using NpgsqlTypes;
using Sip.Workflow.PostgreSql;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// What the engine adds to one PostgreSQL commit: an accepted command on the PostgreSQL store against a raw Npgsql
/// transaction that updates one case row with a version check and inserts one event row, on the same throwaway cluster
/// (durable settings, loopback), schema and tables.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlBenchmarks
{
    private const int Cases = 64;
    private readonly SipCaseId[] _ids = new SipCaseId[Cases];
    private readonly long[] _rawVersions = new long[Cases];
    private PostgresCluster _cluster = null!;
    private PostgreSqlSipCaseStore _store = null!;
    private SipWorkflow _engine = null!;
    private NpgsqlDataSource _raw = null!;
    private string _document = null!;
    private string _eventDocument = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _cluster = PostgresCluster.StartAsync(durable: true).GetAwaiter().GetResult();
        _store = new PostgreSqlSipCaseStore(new PostgreSqlStoreOptions { ConnectionString = _cluster.ConnectionString, Schema = "bench" });
        _engine = new SipWorkflow(_store, new SipWorkflowOptions(), new FixedClock(BenchData.Now));
        BenchData.OpenConsented(_engine, _ids);
        Array.Fill(_rawVersions, 1_000_000);

        var sample = _engine.ReadCaseAsync(_ids[0], BenchData.Actor).GetAwaiter().GetResult()!;
        _document = SipJson.SerializeCase(sample);
        _eventDocument = SipJson.SerializeEvent(_engine.ReadHistoryAsync(_ids[0], BenchData.Actor).GetAwaiter().GetResult()[^1]);
        _raw = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { MaxAutoPrepare = 16 });
        using var connection = _raw.OpenConnection();
        for (var i = 0; i < Cases; i++)
        {
            using var insert = new NpgsqlCommand(
                "INSERT INTO bench.sip_cases (id, version, state, subject_ref, document_version, document) " +
                $"SELECT $1, $2, 1, $3, 1, $4 FROM ({MarkKeysWritten("$1")}) mark", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = RawId(i) });
            insert.Parameters.Add(new NpgsqlParameter { Value = _rawVersions[i] });
            insert.Parameters.Add(new NpgsqlParameter { Value = $"raw-{i}" });
            insert.Parameters.Add(new NpgsqlParameter { Value = _document, NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.ExecuteNonQuery();
        }
    }

    // The store's table refuses a case row written in a transaction that wrote no access keys (a guard against nodes of an
    // older release); the raw rows are not the store's cases, so the baseline only marks its transaction, in the same
    // statement, and writes no keys: it stays one row and one event.
    private static string MarkKeysWritten(string id) => $"SELECT set_config('sip.access_keys', {id}::text, true)";

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _store.Dispose();
        _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One transaction: update one case row where its version matches, insert one event row.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> RawNpgsql_Commit()
    {
        var i = _next++ % Cases;
        var version = _rawVersions[i];
        await using var connection = await _raw.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand($"UPDATE bench.sip_cases SET version = $1, document = $2 FROM ({MarkKeysWritten("$3")}) mark WHERE id = $3 AND version = $4", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = version + 1 });
            update.Parameters.Add(new NpgsqlParameter { Value = _document, NpgsqlDbType = NpgsqlDbType.Jsonb });
            update.Parameters.Add(new NpgsqlParameter { Value = RawId(i) });
            update.Parameters.Add(new NpgsqlParameter { Value = version });
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("The raw baseline lost its own row.");
            }
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO bench.sip_events (case_id, sequence, command_id, event_type, occurred_at, hash, document) VALUES ($1, $2, NULL, 'Raw', now(), 'h', $3)",
            connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = RawId(i) });
            insert.Parameters.Add(new NpgsqlParameter { Value = version + 1 });
            insert.Parameters.Add(new NpgsqlParameter { Value = _eventDocument, NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        _rawVersions[i] = version + 1;
        return version + 1;
    }

    /// <summary>One accepted engine command end to end on the PostgreSQL store.</summary>
    [Benchmark]
    public async Task<long> Engine_PostgreSql_Command()
    {
        var n = _next++;
        var result = await _engine.ChangeIndividualAsync(BenchData.Toggle(_ids[n % Cases], (n / Cases) % 2 == 0));
        return result.Case.Version;
    }

    private static Guid RawId(int i) => new(i, 0x7a77, 0x0001, 0, 0, 0, 0, 0, 0, 0, 1);
}
