using Npgsql;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.PostgreSql.Tests;

/// <summary>Rows changed behind the PostgreSQL store's back by someone with write access to the tables.</summary>
public sealed class PostgreSqlTamperingTests(PostgresFixture pg) : TamperingSuite, IDisposable
{
    private readonly string _schema = "tamper_" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<PostgreSqlSipCaseStore> _stores = [];

    protected override ISipCaseStore Store()
    {
        var store = pg.NewStore(_schema);
        _stores.Add(store);
        return store;
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(pg.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    protected override string Table(string name) => $"{_schema}.{name}";

    protected override Task RebuildAccessKeysAsync(ISipCaseStore store) => ((PostgreSqlSipCaseStore)store).RebuildAccessKeysAsync(TestContext.Current.CancellationToken);

    protected override string EditDocumentSql(SipCaseId caseId)
        => $"UPDATE {_schema}.sip_cases SET document = jsonb_set(document, '{{case,meetings,0,place}}', '\"Någon annanstans\"') WHERE id = '{caseId.Value:D}'";

    protected override string DropGuardsSql()
        => $"DROP TRIGGER IF EXISTS sip_events_no_update ON {_schema}.sip_events; DROP TRIGGER IF EXISTS sip_events_no_delete ON {_schema}.sip_events; " +
            $"DROP TRIGGER IF EXISTS sip_cases_purge_only ON {_schema}.sip_cases; DROP TRIGGER IF EXISTS sip_cases_keys_written ON {_schema}.sip_cases;";

    protected override string SetJsonSql(string table, string column, string[] path, string value, string where)
        => $"UPDATE {table} SET {column} = jsonb_set({column}, '{{{string.Join(',', path)}}}', '\"{value}\"') WHERE {where}";

    protected override string TombstoneTimeSql(DateTimeOffset at) => $"'{at.UtcDateTime:O}'";

    public void Dispose() => _stores.ForEach(s => s.Dispose());
}
