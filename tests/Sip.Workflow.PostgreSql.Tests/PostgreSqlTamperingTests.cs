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

    protected override string EditDocumentSql(SipCaseId caseId)
        => $"UPDATE {_schema}.sip_cases SET document = jsonb_set(document, '{{case,meetings,0,place}}', '\"Någon annanstans\"') WHERE id = '{caseId.Value:D}'";

    public void Dispose() => _stores.ForEach(s => s.Dispose());
}
