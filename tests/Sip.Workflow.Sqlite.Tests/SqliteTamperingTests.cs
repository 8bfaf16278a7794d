using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>Rows changed behind a running SQLite store's back by someone who can write to the file.</summary>
public sealed class SqliteTamperingTests : TamperingSuite, IAsyncDisposable
{
    private readonly TempDatabase _db = new();
    private readonly List<SqliteSipCaseStore> _stores = [];

    protected override ISipCaseStore Store()
    {
        var store = new SqliteSipCaseStore(_db.PathOf());
        _stores.Add(store);
        return store;
    }

    protected override Task ExecuteAsync(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_db.PathOf()};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    protected override string Table(string name) => name;

    protected override string EditDocumentSql(SipCaseId caseId)
        => $"UPDATE sip_cases SET document = json_set(document, '$.case.meetings[0].place', 'Någon annanstans') WHERE id = '{caseId.Value:D}'";

    protected override string DropGuardsSql()
        => "DROP TRIGGER IF EXISTS sip_events_no_update; DROP TRIGGER IF EXISTS sip_events_no_delete; DROP TRIGGER IF EXISTS sip_cases_no_delete;";

    protected override string SetJsonSql(string table, string column, string[] path, string value, string where)
        => $"UPDATE {table} SET {column} = json_set({column}, '${string.Concat(path.Select(p => p.All(char.IsAsciiDigit) ? $"[{p}]" : $".{p}"))}', '{value}') WHERE {where}";

    protected override string TombstoneTimeSql(DateTimeOffset at) => at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _db.Dispose();
    }
}
