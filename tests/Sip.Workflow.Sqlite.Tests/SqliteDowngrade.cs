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

        await ToVersion8Async(path);
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

    /// <summary>
    /// The file as schema version 8 left it: the case and event tables WITHOUT ROWID, with the triggers they had then; every
    /// row copied as it is.
    /// </summary>
    public static async Task ToVersion8Async(string path)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using (var downgrade = new SqliteCommand(Version8Tables, connection, transaction))
        {
            await downgrade.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private const string Version8Tables = """
        CREATE TABLE sip_cases_v8 (
            id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, state INTEGER NOT NULL, subject_ref TEXT NOT NULL,
            lead_principal INTEGER NULL, lead_org TEXT NULL, next_deadline INTEGER NULL, document_version INTEGER NOT NULL,
            document TEXT NOT NULL, item_count INTEGER NULL, history_head TEXT NULL
        ) WITHOUT ROWID;
        INSERT INTO sip_cases_v8 SELECT id, version, state, subject_ref, lead_principal, lead_org, next_deadline, document_version, document, item_count, history_head FROM sip_cases;
        DROP TABLE sip_cases;
        ALTER TABLE sip_cases_v8 RENAME TO sip_cases;
        CREATE INDEX ix_sip_cases_state ON sip_cases (state, id);
        CREATE INDEX ix_sip_cases_subject ON sip_cases (subject_ref, id);
        CREATE INDEX ix_sip_cases_lead ON sip_cases (lead_principal, lead_org, id);
        CREATE INDEX ix_sip_cases_due ON sip_cases (next_deadline, id) WHERE next_deadline IS NOT NULL;
        CREATE TRIGGER sip_cases_no_delete BEFORE DELETE ON sip_cases
        WHEN NOT EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'sip_cases: a case is removed only by a purge, which leaves a tombstone'); END;
        CREATE TRIGGER sip_cases_no_replace BEFORE INSERT ON sip_cases
        WHEN EXISTS (SELECT 1 FROM sip_cases WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'sip_cases: a case is never replaced, only updated'); END;
        CREATE TRIGGER sip_cases_no_purged_id BEFORE INSERT ON sip_cases
        WHEN EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'sip_cases: the id of a purged case is never used again'); END;

        CREATE TABLE sip_events_v8 (
            case_id TEXT NOT NULL, sequence INTEGER NOT NULL, command_id TEXT NULL, event_type TEXT NOT NULL,
            occurred_at INTEGER NOT NULL, hash TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (case_id, sequence)
        ) WITHOUT ROWID;
        INSERT INTO sip_events_v8 SELECT case_id, sequence, command_id, event_type, occurred_at, hash, document FROM sip_events;
        DROP TABLE sip_events;
        ALTER TABLE sip_events_v8 RENAME TO sip_events;
        CREATE UNIQUE INDEX ux_sip_events_command ON sip_events (command_id) WHERE command_id IS NOT NULL;
        CREATE TRIGGER sip_events_no_update BEFORE UPDATE ON sip_events
        BEGIN SELECT RAISE(ABORT, 'sip_events is append-only: events are never changed'); END;
        CREATE TRIGGER sip_events_no_delete BEFORE DELETE ON sip_events
        WHEN NOT EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = OLD.case_id)
        BEGIN SELECT RAISE(ABORT, 'sip_events is append-only: events are removed only by a purge, which leaves a tombstone'); END;
        CREATE TRIGGER sip_events_no_replace BEFORE INSERT ON sip_events
        WHEN EXISTS (SELECT 1 FROM sip_events WHERE case_id = NEW.case_id AND sequence = NEW.sequence)
        BEGIN SELECT RAISE(ABORT, 'sip_events is append-only: an event is never replaced'); END;
        CREATE TRIGGER sip_events_to_feed AFTER INSERT ON sip_events
        BEGIN INSERT INTO sip_feed (case_id, sequence) VALUES (NEW.case_id, NEW.sequence); END;
        DROP TRIGGER sip_feed_no_replace;
        DROP TRIGGER sip_feed_positive_position;
        PRAGMA user_version = 8;
        """;
}
