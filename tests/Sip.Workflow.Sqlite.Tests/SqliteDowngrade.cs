using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>Puts a file written by this release back as an earlier schema version left it, for the migration tests.</summary>
internal static class SqliteDowngrade
{
    /// <summary>
    /// The file as schema version 6 left it: every case's document whole (with its lists) and no items table nor item
    /// count. The cases are read through a store first, so each document is the whole one this release would write.
    /// </summary>
    public static async Task ToVersion6Async(string path)
    {
        var whole = new List<(string Id, string Document)>();
        await using (var store = new SqliteSipCaseStore(path))
        {
            foreach (var id in await store.ListCaseIdsAsync(null, 1000))
            {
                whole.Add((id.Value.ToString("D"), SipJson.SerializeCase((await store.GetAsync(id))!)));
            }
        }

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        foreach (var (id, document) in whole)
        {
            await using var update = new SqliteCommand("UPDATE sip_cases SET document = $document WHERE id = $id;", connection, transaction);
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$document", document);
            await update.ExecuteNonQueryAsync();
        }

        await using (var drop = new SqliteCommand("DROP TABLE sip_case_items; ALTER TABLE sip_cases DROP COLUMN history_head; ALTER TABLE sip_cases DROP COLUMN item_count; PRAGMA user_version = 6;", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
