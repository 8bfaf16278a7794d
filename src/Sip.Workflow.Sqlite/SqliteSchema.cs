using Microsoft.Data.Sqlite;

namespace Sip.Workflow.Sqlite;

/// <summary>
/// The database schema and its forward-only migrations. The file is marked with an application id so that a
/// SQLite file of another application is never mistaken for an empty SIP database, and its schema version is kept in
/// <c>PRAGMA user_version</c>.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>"SIPW": marks a file as a Sip.Workflow database.</summary>
    public const int ApplicationId = 0x53495057;

    /// <summary>Migrations[i] takes the schema from version i to i + 1; only ever append.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE sip_cases (
            id TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            state INTEGER NOT NULL,
            subject_ref TEXT NOT NULL,
            lead_principal INTEGER NULL,
            lead_org TEXT NULL,
            next_deadline INTEGER NULL,
            document_version INTEGER NOT NULL,
            document TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_sip_cases_state ON sip_cases (state, id);
        CREATE INDEX ix_sip_cases_subject ON sip_cases (subject_ref, id);
        CREATE INDEX ix_sip_cases_lead ON sip_cases (lead_principal, lead_org, id);
        CREATE INDEX ix_sip_cases_due ON sip_cases (next_deadline, id) WHERE next_deadline IS NOT NULL;

        CREATE TABLE sip_events (
            case_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            command_id TEXT NULL,
            event_type TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            hash TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (case_id, sequence)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX ux_sip_events_command ON sip_events (command_id) WHERE command_id IS NOT NULL;

        -- The history is append-only: the database itself refuses to change or remove an event.
        CREATE TRIGGER sip_events_no_update BEFORE UPDATE ON sip_events
        BEGIN SELECT RAISE(ABORT, 'sip_events is append-only: events are never changed'); END;
        CREATE TRIGGER sip_events_no_delete BEFORE DELETE ON sip_events
        BEGIN SELECT RAISE(ABORT, 'sip_events is append-only: events are never removed'); END;
        """,
        """
        -- Gallring: a purge removes a case and its events and leaves a tombstone, in one transaction; nothing else may
        -- remove either, and a tombstone itself is never changed or removed, nor its case id used again.
        CREATE TABLE sip_tombstones (
            case_id TEXT NOT NULL PRIMARY KEY,
            purged_at INTEGER NOT NULL,
            last_version INTEGER NOT NULL,
            hash TEXT NOT NULL,
            document TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TRIGGER sip_tombstones_no_update BEFORE UPDATE ON sip_tombstones
        BEGIN SELECT RAISE(ABORT, 'sip_tombstones is append-only: tombstones are never changed'); END;
        CREATE TRIGGER sip_tombstones_no_delete BEFORE DELETE ON sip_tombstones
        BEGIN SELECT RAISE(ABORT, 'sip_tombstones is append-only: tombstones are never removed'); END;

        DROP TRIGGER sip_events_no_delete;
        CREATE TRIGGER sip_events_no_delete BEFORE DELETE ON sip_events
        WHEN NOT EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = OLD.case_id)
        BEGIN SELECT RAISE(ABORT, 'sip_events is append-only: events are removed only by a purge, which leaves a tombstone'); END;
        CREATE TRIGGER sip_cases_no_delete BEFORE DELETE ON sip_cases
        WHEN NOT EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'sip_cases: a case is removed only by a purge, which leaves a tombstone'); END;
        -- INSERT OR REPLACE deletes the row it replaces without firing the delete triggers (recursive_triggers is off in
        -- any connection an intruder opens), so an insert onto an existing key is refused before it gets that far.
        CREATE TRIGGER sip_events_no_replace BEFORE INSERT ON sip_events
        WHEN EXISTS (SELECT 1 FROM sip_events WHERE case_id = NEW.case_id AND sequence = NEW.sequence)
        BEGIN SELECT RAISE(ABORT, 'sip_events is append-only: an event is never replaced'); END;
        CREATE TRIGGER sip_tombstones_no_replace BEFORE INSERT ON sip_tombstones
        WHEN EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = NEW.case_id)
        BEGIN SELECT RAISE(ABORT, 'sip_tombstones is append-only: a tombstone is never replaced'); END;
        CREATE TRIGGER sip_cases_no_replace BEFORE INSERT ON sip_cases
        WHEN EXISTS (SELECT 1 FROM sip_cases WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'sip_cases: a case is never replaced, only updated'); END;
        CREATE TRIGGER sip_cases_no_purged_id BEFORE INSERT ON sip_cases
        WHEN EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'sip_cases: the id of a purged case is never used again'); END;
        """,
        """
        -- The event feed: one entry per event, written by the event's own insert (so in the command's transaction), and
        -- one per tombstone in place of its case's entries. SQLite has one writer at a time, so positions (AUTOINCREMENT:
        -- never reused, even after a purge removes the highest) are handed out in commit order.
        CREATE TABLE sip_feed (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL,
            sequence INTEGER NULL
        );
        CREATE INDEX ix_sip_feed_case ON sip_feed (case_id);

        -- What the file held before the feed existed: each case's events in sequence order, cases interleaved by time
        -- (the latest time so far in the case, so that a clock set back never puts an event before its predecessor).
        INSERT INTO sip_feed (case_id, sequence)
        SELECT case_id, sequence FROM (
            SELECT case_id, sequence, max(occurred_at) OVER (PARTITION BY case_id ORDER BY sequence ROWS UNBOUNDED PRECEDING) AS at
            FROM sip_events)
        ORDER BY at, case_id, sequence;
        INSERT INTO sip_feed (case_id, sequence) SELECT case_id, NULL FROM sip_tombstones ORDER BY purged_at, case_id;

        CREATE TRIGGER sip_events_to_feed AFTER INSERT ON sip_events
        BEGIN INSERT INTO sip_feed (case_id, sequence) VALUES (NEW.case_id, NEW.sequence); END;
        CREATE TRIGGER sip_tombstones_to_feed AFTER INSERT ON sip_tombstones
        BEGIN
            DELETE FROM sip_feed WHERE case_id = NEW.case_id;
            INSERT INTO sip_feed (case_id, sequence) VALUES (NEW.case_id, NULL);
        END;
        CREATE TRIGGER sip_feed_no_update BEFORE UPDATE ON sip_feed
        BEGIN SELECT RAISE(ABORT, 'sip_feed is append-only: entries are never changed'); END;
        CREATE TRIGGER sip_feed_no_delete BEFORE DELETE ON sip_feed
        WHEN OLD.sequence IS NULL OR NOT EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = OLD.case_id)
        BEGIN SELECT RAISE(ABORT, 'sip_feed is append-only: a case''s entries are removed only by its purge'); END;

        -- Feed subscribers: the last position each handled, and which reader holds it until when (julianday, SQLite's
        -- own clock, the same for every process on the machine).
        CREATE TABLE sip_subscriptions (
            name TEXT NOT NULL PRIMARY KEY,
            position INTEGER NOT NULL,
            owner TEXT NULL,
            lease_until REAL NULL
        ) WITHOUT ROWID;
        """,
        """
        -- The access log: every read of a case that named its reader, allowed or refused. Append-only; a case's records are
        -- removed only by its purge. AUTOINCREMENT, so that a sequence is never given twice, not even after a purge.
        CREATE TABLE sip_access_log (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            document TEXT NOT NULL
        );
        CREATE INDEX sip_access_log_by_case ON sip_access_log (case_id, sequence);
        CREATE INDEX sip_access_log_by_user ON sip_access_log (user_id, sequence);
        CREATE TRIGGER sip_access_log_no_update BEFORE UPDATE ON sip_access_log
        BEGIN SELECT RAISE(ABORT, 'sip_access_log is append-only: records are never changed'); END;
        CREATE TRIGGER sip_access_log_no_delete BEFORE DELETE ON sip_access_log
        WHEN NOT EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = OLD.case_id)
        BEGIN SELECT RAISE(ABORT, 'sip_access_log is append-only: a case''s records are removed only by its purge'); END;
        CREATE TRIGGER sip_access_log_no_replace BEFORE INSERT ON sip_access_log
        WHEN EXISTS (SELECT 1 FROM sip_access_log WHERE sequence = NEW.sequence)
        BEGIN SELECT RAISE(ABORT, 'sip_access_log is append-only: a record is never replaced'); END;
        """,
        """
        -- The indicator projection (SipIndicators): per case, its dimensions and what it adds to the sums (a compact text),
        -- and its open deadlines; the sums by month, metric, value and dimension; and the feed position read to. Ids, codes,
        -- months and numbers only. A purged case's rows go; the sums stay.
        CREATE TABLE sip_indicator_cases (
            case_id TEXT NOT NULL PRIMARY KEY,
            principal TEXT NOT NULL,
            unit TEXT NOT NULL,
            policy TEXT NOT NULL,
            origin TEXT NOT NULL,
            body TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE sip_indicator_deadlines (
            case_id TEXT NOT NULL,
            code TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            PRIMARY KEY (case_id, code)
        ) WITHOUT ROWID;
        CREATE INDEX ix_sip_indicator_deadlines_due ON sip_indicator_deadlines (due_at);
        CREATE TABLE sip_indicator_cells (
            month TEXT NOT NULL,
            metric TEXT NOT NULL,
            value INTEGER NOT NULL,
            principal TEXT NOT NULL,
            unit TEXT NOT NULL,
            policy TEXT NOT NULL,
            origin TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (month, metric, value, principal, unit, policy, origin)
        ) WITHOUT ROWID;
        CREATE TABLE sip_indicator_position (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            position INTEGER NOT NULL
        );
        INSERT INTO sip_indicator_position (id, position) VALUES (1, 0);
        """,
        """
        -- The access keys of each case (SipCaseAccessKeys), so that a list or due-work query selects only the cases its reader
        -- may see without loading the others. Derived from the case document, rewritten with it and removed by its purge; the
        -- keys already stored are written by BackfillAccessKeys in the same transaction.
        CREATE TABLE sip_case_access (
            case_id TEXT NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (case_id, key)
        ) WITHOUT ROWID;
        CREATE INDEX ix_sip_case_access_key ON sip_case_access (key, case_id);
        """,
        """
        -- The lists of a case that grow over its life (SipCaseItems.Lists: plan revisions, follow-ups, evaluations, …), one
        -- row per element, beside a head document without them: a command writes the head and the elements it added or
        -- changed, not every revision the case has had. item_count is how many items the case has, NULL for a document written
        -- whole (before this version): that is read as it is and written in parts by its next command. A rowid table: an
        -- element (a plan revision is a few kilobytes) then stays in its page instead of spilling into overflow pages.
        CREATE TABLE sip_case_items (
            case_id TEXT NOT NULL,
            list TEXT NOT NULL,
            position INTEGER NOT NULL,
            document TEXT NOT NULL,
            UNIQUE (case_id, list, position)
        );
        ALTER TABLE sip_cases ADD COLUMN item_count INTEGER NULL;
        """,
        """
        -- The hash of the case's newest event as the row's writer sealed it (the case's history head), in the row's own page:
        -- the read a command runs on compares it with the case the store remembers, so a row written again at the same
        -- version (a failover that lost a commit, a file restored under a running node) is read afresh. NULL until the
        -- case's next write, which a NULL never matches.
        ALTER TABLE sip_cases ADD COLUMN history_head TEXT NULL;
        """,
        """
        -- The case and event tables become rowid tables. As WITHOUT ROWID tables a row's payload past about 1,000 bytes spilled
        -- into an overflow page, so every command on a case whose head is a kilobyte or more rewrote two pages for its row; and
        -- each event went into the middle of the history's B-tree, beside its case's earlier events, where the leaf was often
        -- full and split. A rowid table keeps a row of up to about 4,000 bytes in its leaf, and appends events where the last
        -- ones were written: a group of commits writes the same few pages. (case_id, sequence) and id stay unique by their
        -- index. The rows are copied as they are: documents, hashes and every column unchanged.
        CREATE TABLE sip_cases_v9 (
            id TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            state INTEGER NOT NULL,
            subject_ref TEXT NOT NULL,
            lead_principal INTEGER NULL,
            lead_org TEXT NULL,
            next_deadline INTEGER NULL,
            document_version INTEGER NOT NULL,
            document TEXT NOT NULL,
            item_count INTEGER NULL,
            history_head TEXT NULL
        );
        INSERT INTO sip_cases_v9 (id, version, state, subject_ref, lead_principal, lead_org, next_deadline, document_version, document, item_count, history_head)
        SELECT id, version, state, subject_ref, lead_principal, lead_org, next_deadline, document_version, document, item_count, history_head
        FROM sip_cases ORDER BY id;
        DROP TABLE sip_cases;
        ALTER TABLE sip_cases_v9 RENAME TO sip_cases;
        CREATE INDEX ix_sip_cases_state ON sip_cases (state, id);
        CREATE INDEX ix_sip_cases_subject ON sip_cases (subject_ref, id);
        CREATE INDEX ix_sip_cases_lead ON sip_cases (lead_principal, lead_org, id);
        CREATE INDEX ix_sip_cases_due ON sip_cases (next_deadline, id) WHERE next_deadline IS NOT NULL;
        CREATE TRIGGER sip_cases_no_delete BEFORE DELETE ON sip_cases
        WHEN NOT EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'sip_cases: a case is removed only by a purge, which leaves a tombstone'); END;
        -- A rowid table can also be replaced onto a row's rowid (INSERT OR REPLACE naming one, UPDATE OR REPLACE moving a row),
        -- which deletes the row it lands on without the delete trigger: a new row never takes a rowid in use, and a row keeps
        -- its id and rowid (under each of the rowid's names). SQLite gives NEW.rowid as -1 in a BEFORE INSERT trigger when it
        -- is to choose the rowid itself; no row may have a rowid below 1 (checked after the insert, where NEW.rowid is the
        -- row's), so that -1 never matches a row.
        CREATE TRIGGER sip_cases_no_replace BEFORE INSERT ON sip_cases
        WHEN EXISTS (SELECT 1 FROM sip_cases WHERE id = NEW.id) OR EXISTS (SELECT 1 FROM sip_cases WHERE rowid = NEW.rowid)
        BEGIN SELECT RAISE(ABORT, 'sip_cases: a case is never replaced, only updated'); END;
        CREATE TRIGGER sip_cases_positive_rowid AFTER INSERT ON sip_cases WHEN NEW.rowid < 1
        BEGIN SELECT RAISE(ABORT, 'sip_cases: a case row''s rowid is chosen by SQLite'); END;
        CREATE TRIGGER sip_cases_keep_row BEFORE UPDATE OF id, rowid, oid, _rowid_ ON sip_cases
        BEGIN SELECT RAISE(ABORT, 'sip_cases: a case row keeps its id; a case is never moved onto another'); END;
        CREATE TRIGGER sip_cases_no_purged_id BEFORE INSERT ON sip_cases
        WHEN EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'sip_cases: the id of a purged case is never used again'); END;

        -- The events in the order they were committed, so that the table's pages hold what was written together: read in the
        -- feed's order (its primary key, so no sort), each event found by its key; then any event without a feed entry.
        CREATE TABLE sip_events_v9 (
            case_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            command_id TEXT NULL,
            event_type TEXT NOT NULL,
            occurred_at INTEGER NOT NULL,
            hash TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (case_id, sequence)
        );
        -- (OR IGNORE: the feed's own schema does not make an event's entry unique, and an entry added twice outside the library
        -- must not stop the upgrade; the event is copied once.)
        INSERT OR IGNORE INTO sip_events_v9 (case_id, sequence, command_id, event_type, occurred_at, hash, document)
        SELECT e.case_id, e.sequence, e.command_id, e.event_type, e.occurred_at, e.hash, e.document
        FROM sip_feed f CROSS JOIN sip_events e ON e.case_id = f.case_id AND e.sequence = f.sequence
        ORDER BY f.position;
        INSERT OR IGNORE INTO sip_events_v9 (case_id, sequence, command_id, event_type, occurred_at, hash, document)
        SELECT case_id, sequence, command_id, event_type, occurred_at, hash, document FROM sip_events ORDER BY case_id, sequence;
        DROP TABLE sip_events;
        ALTER TABLE sip_events_v9 RENAME TO sip_events;
        CREATE UNIQUE INDEX ux_sip_events_command ON sip_events (command_id) WHERE command_id IS NOT NULL;
        CREATE TRIGGER sip_events_no_update BEFORE UPDATE ON sip_events
        BEGIN SELECT RAISE(ABORT, 'sip_events is append-only: events are never changed'); END;
        CREATE TRIGGER sip_events_no_delete BEFORE DELETE ON sip_events
        WHEN NOT EXISTS (SELECT 1 FROM sip_tombstones WHERE case_id = OLD.case_id)
        BEGIN SELECT RAISE(ABORT, 'sip_events is append-only: events are removed only by a purge, which leaves a tombstone'); END;
        -- Nor replaced through its command id's unique index (a hole of the tables before).
        CREATE TRIGGER sip_events_no_replace BEFORE INSERT ON sip_events
        WHEN EXISTS (SELECT 1 FROM sip_events WHERE case_id = NEW.case_id AND sequence = NEW.sequence)
            OR EXISTS (SELECT 1 FROM sip_events WHERE rowid = NEW.rowid)
            OR (NEW.command_id IS NOT NULL AND EXISTS (SELECT 1 FROM sip_events WHERE command_id = NEW.command_id))
        BEGIN SELECT RAISE(ABORT, 'sip_events is append-only: an event is never replaced'); END;
        CREATE TRIGGER sip_events_positive_rowid AFTER INSERT ON sip_events WHEN NEW.rowid < 1
        BEGIN SELECT RAISE(ABORT, 'sip_events: an event''s rowid is chosen by SQLite'); END;
        CREATE TRIGGER sip_events_to_feed AFTER INSERT ON sip_events
        BEGIN INSERT INTO sip_feed (case_id, sequence) VALUES (NEW.case_id, NEW.sequence); END;

        -- The feed's entries, likewise: never replaced onto a position in use (a hole of the tables before).
        CREATE TRIGGER sip_feed_no_replace BEFORE INSERT ON sip_feed WHEN EXISTS (SELECT 1 FROM sip_feed WHERE position = NEW.position)
        BEGIN SELECT RAISE(ABORT, 'sip_feed is append-only: an entry is never replaced'); END;
        CREATE TRIGGER sip_feed_positive_position AFTER INSERT ON sip_feed WHEN NEW.position < 1
        BEGIN SELECT RAISE(ABORT, 'sip_feed: a position is chosen by SQLite'); END;
        """,
    ];

    /// <summary>The steps a migration needs beyond SQL, run after Migrations[i] in its transaction.</summary>
    private static readonly Dictionary<int, Action<SqliteConnection, SqliteTransaction>> AfterMigrations = new()
    {
        [5] = BackfillAccessKeys,
    };

    // The keys of the cases stored before there were keys: derived from each document as the writes derive them. Before
    // migration 7 every document is whole; after it (a rebuild of the keys) a case is its head and its items.
    internal static void BackfillAccessKeys(SqliteConnection connection, SqliteTransaction transaction) => BackfillAccessKeys(connection, transaction, withItems: false);

    internal static void BackfillAccessKeys(SqliteConnection connection, SqliteTransaction transaction, bool withItems)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = withItems
            ? $"SELECT id, {Storage.SipCaseIndex.Columns}, item_count, document FROM sip_cases;"
            : "SELECT id, document FROM sip_cases;";
        using var items = connection.CreateCommand();
        items.Transaction = transaction;
        items.CommandText = "SELECT list, position, document FROM sip_case_items WHERE case_id = $id ORDER BY list, position;";
        var itemsOf = items.Parameters.Add("$id", SqliteType.Text);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO sip_case_access (case_id, key) VALUES ($id, $key);";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        using var rows = select.ExecuteReader();
        while (rows.Read())
        {
            id.Value = rows.GetString(0);
            SipCase sipCase;
            if (!withItems)
            {
                sipCase = Storage.SipJson.DeserializeCase(rows.GetString(1));
            }
            else
            {
                // Read as the store reads a case: the row's columns and item count checked against its head and items.
                var caseId = Guid.TryParse(rows.GetString(0), out var guid) ? new SipCaseId(guid)
                    : throw new SipStorageException("A stored SIP case row has an id that is not a Guid: it was changed outside Sip.Workflow. Nothing was changed.");
                var parts = new List<Storage.SipCaseItem>();
                itemsOf.Value = rows.GetString(0);
                using (var found = items.ExecuteReader())
                {
                    while (found.Read())
                    {
                        parts.Add(SqliteSipCaseStore.ReadItem(found, 0));
                    }
                }

                var countColumn = 1 + Storage.SipCaseIndex.ColumnCount;
                sipCase = SqliteSipCaseStore.CaseOf(
                    Storage.SipCaseIndex.FromColumns(caseId, rows, 1), rows.IsDBNull(countColumn) ? null : rows.GetInt64(countColumn),
                    rows.GetFieldValue<byte[]>(countColumn + 1), parts);
            }

            foreach (var accessKey in Storage.SipCaseAccessKeys.Of(sipCase))
            {
                key.Value = accessKey;
                insert.ExecuteNonQuery();
            }
        }
    }

    /// <summary>The schema version this library writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>
    /// Checks what the file is and brings its schema up to date: creates it in an empty file, migrates an older one,
    /// refuses a newer one, a foreign one and a non-database, leaving those untouched.
    /// </summary>
    public static void EnsureReady(SqliteConnection connection, string describe)
    {
        var (applicationId, userVersion, tables) = Inspect(connection);
        if (applicationId == ApplicationId && userVersion == CurrentVersion)
        {
            RefuseUtf16(connection, describe);
            return;
        }

        Refuse(applicationId, userVersion, tables, describe);
        RefuseUtf16(connection, describe);

        // BEGIN IMMEDIATE takes the write lock, so two processes starting at once migrate one after the other;
        // the second sees the first one's work when it looks again inside the transaction.
        using var transaction = connection.BeginTransaction(deferred: false);
        (applicationId, userVersion, tables) = Inspect(connection, transaction);
        Refuse(applicationId, userVersion, tables, describe);
        RefuseCutShort(connection, describe);
        for (var version = userVersion; version < CurrentVersion; version++)
        {
            Execute(connection, Migrations[version], transaction);
            if (AfterMigrations.TryGetValue((int)version, out var after))
            {
                after(connection, transaction);
            }
        }

        Execute(connection, $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {CurrentVersion};", transaction);
        transaction.Commit();
    }

    /// <summary>
    /// Refuses a file whose text encoding is UTF-16 (another tool can create one so): the store binds documents as UTF-8
    /// bytes stored as text, which SQLite would read as UTF-16 there. A new file is UTF-8, SQLite's default.
    /// </summary>
    private static void RefuseUtf16(SqliteConnection connection, string describe)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA encoding;";
        if (command.ExecuteScalar() is string encoding && !string.Equals(encoding, "UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new SipStorageException(
                $"{describe} stores its text as {encoding}; Sip.Workflow writes its documents as UTF-8 and needs a database created " +
                "with SQLite's default encoding, UTF-8. It was left untouched; point the store at a new file (SQLite cannot change " +
                "the encoding of an existing database).");
        }
    }

    private static void Refuse(long applicationId, long userVersion, long tables, string describe)
    {
        if (applicationId != ApplicationId && (applicationId != 0 || tables > 0))
        {
            throw new SipStorageException(
                $"{describe} is a SQLite database of another application (application_id {applicationId}, {tables} table(s)), not a Sip.Workflow " +
                "database. It was left untouched; point the store at a Sip.Workflow database or a new file.");
        }

        if (userVersion > CurrentVersion)
        {
            throw new SipStorageException(
                $"{describe} has schema version {userVersion}, written by a newer Sip.Workflow; this library knows schema versions up to " +
                $"{CurrentVersion}. It was left untouched; upgrade Sip.Workflow.Sqlite to open it.");
        }
    }

    /// <summary>
    /// The file's application id, schema version and table count. A file that is not a SQLite database or is corrupt
    /// fails here with SQLite's error, which the store turns into its own.
    /// </summary>
    private static (long ApplicationId, long UserVersion, long Tables) Inspect(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), " +
            "(SELECT count(*) FROM sqlite_master WHERE type = 'table');";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>
    /// Refuses, before a schema is written into it, a file too short to be a SQLite database yet not empty: SQLite takes a
    /// file of one byte for an empty database, so a database cut down to its first byte would otherwise be replaced by a
    /// new, empty one. (Longer scraps SQLite refuses itself.) A file of no bytes at all is taken for a new database, as
    /// SQLite takes it: that is what a host gets when it creates the file before the store, and there is nothing in it to
    /// lose. Runs inside the write transaction, where no other process can be half-way through writing the file.
    /// </summary>
    private static void RefuseCutShort(SqliteConnection connection, string describe)
    {
        // SQLite's smallest page is 512 bytes, and a database file holds at least its first page.
        const int SmallestDatabase = 512;
        if (string.IsNullOrEmpty(connection.DataSource))
        {
            return;
        }

        var file = new FileInfo(connection.DataSource);
        if (file.Exists && file.Length is > 0 and < SmallestDatabase)
        {
            throw new SipStorageException(
                $"{describe} holds {file.Length} byte(s): too few for a SQLite database, so it was cut short (an interrupted copy, " +
                "a full disk, a damaged file). It was left untouched; restore it from a backup. Only if it never held cases, " +
                "delete it to start a new database.");
        }
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
