using Npgsql;

namespace Sip.Workflow.PostgreSql;

/// <summary>
/// The schema and its forward-only migrations. Migrating runs in one transaction holding a transaction-level advisory
/// lock, so several nodes starting at once migrate one after the other and the later ones find the work done.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>Migrations[i] takes the schema from version i to i + 1; only ever append. "{s}" is the schema name.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE {s}.sip_cases (
            id uuid PRIMARY KEY,
            version bigint NOT NULL,
            state integer NOT NULL,
            subject_ref text NOT NULL,
            lead_principal integer NULL,
            lead_org text NULL,
            next_deadline bigint NULL,
            document_version integer NOT NULL,
            document jsonb NOT NULL
        );
        CREATE INDEX ix_sip_cases_state ON {s}.sip_cases (state, id);
        CREATE INDEX ix_sip_cases_subject ON {s}.sip_cases (subject_ref, id);
        CREATE INDEX ix_sip_cases_lead ON {s}.sip_cases (lead_principal, lead_org, id);
        CREATE INDEX ix_sip_cases_due ON {s}.sip_cases (next_deadline, id) WHERE next_deadline IS NOT NULL;

        CREATE TABLE {s}.sip_events (
            case_id uuid NOT NULL,
            sequence bigint NOT NULL,
            command_id uuid NULL,
            event_type text NOT NULL,
            occurred_at timestamptz NOT NULL,
            hash text NOT NULL,
            document jsonb NOT NULL,
            PRIMARY KEY (case_id, sequence)
        );
        CREATE UNIQUE INDEX ux_sip_events_command ON {s}.sip_events (command_id) WHERE command_id IS NOT NULL;

        -- The history is append-only: the database itself refuses to change, remove or truncate events.
        CREATE FUNCTION {s}.sip_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'sip_events is append-only: events are never changed or removed';
        END $$;
        CREATE TRIGGER sip_events_no_change BEFORE UPDATE OR DELETE ON {s}.sip_events
            FOR EACH ROW EXECUTE FUNCTION {s}.sip_events_append_only();
        CREATE TRIGGER sip_events_no_truncate BEFORE TRUNCATE ON {s}.sip_events
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.sip_events_append_only();
        """,
        """
        -- Gallring: a purge removes a case and its events and leaves a tombstone, in one transaction; nothing else may
        -- remove either, and a tombstone itself is never changed or removed, nor its case id used again.
        CREATE TABLE {s}.sip_tombstones (
            case_id uuid PRIMARY KEY,
            purged_at timestamptz NOT NULL,
            last_version bigint NOT NULL,
            hash text NOT NULL,
            document jsonb NOT NULL
        );
        CREATE FUNCTION {s}.sip_tombstones_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'sip_tombstones is append-only: tombstones are never changed or removed';
        END $$;
        CREATE TRIGGER sip_tombstones_no_change BEFORE UPDATE OR DELETE ON {s}.sip_tombstones
            FOR EACH ROW EXECUTE FUNCTION {s}.sip_tombstones_append_only();
        CREATE TRIGGER sip_tombstones_no_truncate BEFORE TRUNCATE ON {s}.sip_tombstones
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.sip_tombstones_append_only();

        DROP TRIGGER sip_events_no_change ON {s}.sip_events;
        CREATE TRIGGER sip_events_no_update BEFORE UPDATE ON {s}.sip_events
            FOR EACH ROW EXECUTE FUNCTION {s}.sip_events_append_only();
        CREATE FUNCTION {s}.sip_events_removed_by_purge_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM {s}.sip_tombstones WHERE case_id = OLD.case_id) THEN
                RAISE EXCEPTION 'sip_events is append-only: events are removed only by a purge, which leaves a tombstone';
            END IF;
            RETURN OLD;
        END $$;
        CREATE TRIGGER sip_events_no_delete BEFORE DELETE ON {s}.sip_events
            FOR EACH ROW EXECUTE FUNCTION {s}.sip_events_removed_by_purge_only();

        CREATE FUNCTION {s}.sip_cases_removed_by_purge_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                RAISE EXCEPTION 'sip_cases: cases are removed only one by one by a purge, which leaves a tombstone';
            ELSIF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM {s}.sip_tombstones WHERE case_id = OLD.id) THEN
                RAISE EXCEPTION 'sip_cases: a case is removed only by a purge, which leaves a tombstone';
            ELSIF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM {s}.sip_tombstones WHERE case_id = NEW.id) THEN
                RAISE EXCEPTION 'sip_cases: the id of a purged case is never used again';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$;
        CREATE TRIGGER sip_cases_purge_only BEFORE INSERT OR DELETE ON {s}.sip_cases
            FOR EACH ROW EXECUTE FUNCTION {s}.sip_cases_removed_by_purge_only();
        CREATE TRIGGER sip_cases_no_truncate BEFORE TRUNCATE ON {s}.sip_cases
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.sip_cases_removed_by_purge_only();
        """,
        """
        -- The event feed: one entry per event, written by the event's own insert (so in the command's transaction), and
        -- one per tombstone in place of its case's entries. A position is the writing transaction's id shifted left by
        -- 15 bits plus the entry's place in that transaction. Readers take only entries of transactions below the
        -- oldest one still running (pg_current_snapshot's xmin): those are all finished, so no entry can later appear
        -- below a position a reader has passed, without making writers wait for each other (a sequence would not
        -- promise this: transactions commit out of sequence order).
        -- Nodes of the previous release keep writing while this runs: hold their event and tombstone writes until it has
        -- committed, or one written between the backfill and the triggers would never reach the feed.
        LOCK TABLE {s}.sip_events, {s}.sip_tombstones IN SHARE ROW EXCLUSIVE MODE;
        CREATE TABLE {s}.sip_feed (
            position bigint PRIMARY KEY,
            case_id uuid NOT NULL,
            sequence bigint NULL
        );
        CREATE INDEX ix_sip_feed_case ON {s}.sip_feed (case_id);

        -- What the schema held before the feed existed, below any position a later transaction can take (each of those
        -- events took a transaction of its own, so there are fewer of them than transaction ids so far): each case's
        -- events in sequence order, cases interleaved by time, then the tombstones.
        INSERT INTO {s}.sip_feed (position, case_id, sequence)
        SELECT row_number() OVER (ORDER BY kind, at, case_id, sequence), case_id, sequence FROM (
            SELECT 0 AS kind, case_id, sequence,
                   max(occurred_at) OVER (PARTITION BY case_id ORDER BY sequence ROWS UNBOUNDED PRECEDING) AS at
            FROM {s}.sip_events
            UNION ALL
            SELECT 1, case_id, NULL, purged_at FROM {s}.sip_tombstones) AS existing;

        CREATE FUNCTION {s}.sip_feed_position() RETURNS bigint LANGUAGE plpgsql AS $$
        DECLARE
            transaction_id bigint := pg_current_xact_id()::text::bigint;
            base bigint;
            candidate bigint;
        BEGIN
            IF transaction_id >= (1::bigint << 48) THEN
                RAISE EXCEPTION 'sip_feed: transaction id % is beyond the feed''s positions', transaction_id;
            END IF;
            base := transaction_id << 15;
            SELECT coalesce(max(position) + 1, base) INTO candidate FROM {s}.sip_feed WHERE position >= base AND position < base + 32768;
            IF candidate >= base + 32768 THEN
                RAISE EXCEPTION 'sip_feed: more than 32768 entries in one transaction';
            END IF;
            RETURN candidate;
        END $$;

        CREATE FUNCTION {s}.sip_events_to_feed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {s}.sip_feed (position, case_id, sequence) VALUES ({s}.sip_feed_position(), NEW.case_id, NEW.sequence);
            RETURN NULL;
        END $$;
        CREATE TRIGGER sip_events_to_feed AFTER INSERT ON {s}.sip_events
            FOR EACH ROW EXECUTE FUNCTION {s}.sip_events_to_feed();

        CREATE FUNCTION {s}.sip_tombstones_to_feed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM {s}.sip_feed WHERE case_id = NEW.case_id;
            INSERT INTO {s}.sip_feed (position, case_id, sequence) VALUES ({s}.sip_feed_position(), NEW.case_id, NULL);
            RETURN NULL;
        END $$;
        CREATE TRIGGER sip_tombstones_to_feed AFTER INSERT ON {s}.sip_tombstones
            FOR EACH ROW EXECUTE FUNCTION {s}.sip_tombstones_to_feed();

        CREATE FUNCTION {s}.sip_feed_removed_by_purge_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND OLD.sequence IS NOT NULL
               AND EXISTS (SELECT 1 FROM {s}.sip_tombstones WHERE case_id = OLD.case_id) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'sip_feed is append-only: a case''s entries are removed only by its purge';
        END $$;
        CREATE TRIGGER sip_feed_no_change BEFORE UPDATE OR DELETE ON {s}.sip_feed
            FOR EACH ROW EXECUTE FUNCTION {s}.sip_feed_removed_by_purge_only();
        CREATE TRIGGER sip_feed_no_truncate BEFORE TRUNCATE ON {s}.sip_feed
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.sip_feed_removed_by_purge_only();

        -- Feed subscribers' checkpoints. Which node reads for a subscriber is a session advisory lock, held on the
        -- reading node's connection: it ends when the node or its connection does, with no lease to run out.
        CREATE TABLE {s}.sip_subscriptions (
            name text PRIMARY KEY,
            position bigint NOT NULL
        );
        """,
        """
        -- The access log: every read of a case that named its reader, allowed or refused. Append-only; a case's records are
        -- removed only by its purge, once its tombstone is there.
        CREATE TABLE {s}.sip_access_log (
            sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            case_id uuid NOT NULL,
            user_id text NOT NULL,
            document jsonb NOT NULL
        );
        CREATE INDEX sip_access_log_by_case ON {s}.sip_access_log (case_id, sequence);
        CREATE INDEX sip_access_log_by_user ON {s}.sip_access_log (user_id, sequence);
        CREATE FUNCTION {s}.sip_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM {s}.sip_tombstones WHERE case_id = OLD.case_id) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'sip_access_log is append-only: records are never changed, and removed only by their case''s purge';
        END $$;
        CREATE TRIGGER sip_access_log_no_change BEFORE UPDATE OR DELETE ON {s}.sip_access_log
            FOR EACH ROW EXECUTE FUNCTION {s}.sip_access_log_append_only();
        CREATE TRIGGER sip_access_log_no_truncate BEFORE TRUNCATE ON {s}.sip_access_log
            FOR EACH STATEMENT EXECUTE FUNCTION {s}.sip_access_log_append_only();
        """,
        """
        -- The indicator projection (SipIndicators): per case, its dimensions and what it adds to the sums (a compact text),
        -- and its open deadlines (due as UTC ticks); the sums by month, metric, value and dimension; and the feed position
        -- read to. Ids, codes, months and numbers only. A purged case's rows go; the sums stay.
        CREATE TABLE {s}.sip_indicator_cases (
            case_id uuid PRIMARY KEY,
            principal text NOT NULL,
            unit text NOT NULL,
            policy text NOT NULL,
            origin text NOT NULL,
            body text NOT NULL
        );
        CREATE TABLE {s}.sip_indicator_deadlines (
            case_id uuid NOT NULL,
            code text NOT NULL,
            due_at bigint NOT NULL,
            PRIMARY KEY (case_id, code)
        );
        CREATE INDEX ix_sip_indicator_deadlines_due ON {s}.sip_indicator_deadlines (due_at);
        CREATE TABLE {s}.sip_indicator_cells (
            month text NOT NULL,
            metric text NOT NULL,
            value bigint NOT NULL,
            principal text NOT NULL,
            unit text NOT NULL,
            policy text NOT NULL,
            origin text NOT NULL,
            count bigint NOT NULL,
            PRIMARY KEY (month, metric, value, principal, unit, policy, origin)
        );
        CREATE TABLE {s}.sip_indicator_position (
            id integer PRIMARY KEY CHECK (id = 1),
            position bigint NOT NULL
        );
        INSERT INTO {s}.sip_indicator_position (id, position) VALUES (1, 0);
        """,
        """
        -- The access keys of each case (SipCaseAccessKeys), so that a list or due-work query selects only the cases its reader
        -- may see without loading the others. Derived from the case document, rewritten with it and removed by its purge; the
        -- keys of the cases already stored are written by BackfillAccessKeysAsync in the same transaction.
        CREATE TABLE {s}.sip_case_access (
            case_id uuid NOT NULL,
            key text NOT NULL,
            PRIMARY KEY (case_id, key)
        );
        CREATE INDEX ix_sip_case_access_key ON {s}.sip_case_access (key, case_id);

        -- A node of an older release, still running while another migrates, would write cases without their keys, and those
        -- cases would drop out of every caseworker's due work. Every write of this release writes the case's keys first in
        -- its transaction and marks it (sip.access_keys = the case id); a write of a case's version without that mark is
        -- refused, so an older node fails loudly until it is upgraded instead of hiding work.
        CREATE FUNCTION {s}.sip_cases_keys_written() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_setting('sip.access_keys', true) IS DISTINCT FROM NEW.id::text THEN
                RAISE EXCEPTION 'sip_cases: this node writes no access keys; upgrade Sip.Workflow.PostgreSql on every node of this schema (schema version 6 or later)';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER sip_cases_keys_written BEFORE INSERT OR UPDATE OF version ON {s}.sip_cases
            FOR EACH ROW EXECUTE FUNCTION {s}.sip_cases_keys_written();
        """,
    ];

    /// <summary>The steps a migration needs beyond SQL, run after Migrations[i] in its transaction; "{s}" is the quoted schema.</summary>
    private static readonly Dictionary<int, Func<NpgsqlConnection, NpgsqlTransaction, string, CancellationToken, Task>> AfterMigrations = new()
    {
        [5] = BackfillAccessKeysAsync,
    };

    // The keys of the cases stored before there were keys, derived from each document as the writes derive them; a page of
    // cases at a time, so that a large store is not read into memory at once.
    internal static async Task BackfillAccessKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string quoted, CancellationToken cancellationToken)
    {
        const int Page = 500;
        Guid? after = null;
        while (true)
        {
            var ids = new List<Guid>();
            var keys = new List<string>();
            var caseIds = new List<Guid>();
            await using (var select = new NpgsqlCommand($"SELECT id, document::text FROM {quoted}.sip_cases WHERE $1::uuid IS NULL OR id > $1 ORDER BY id LIMIT {Page}", connection, transaction))
            {
                select.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
                await using var rows = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var id = rows.GetGuid(0);
                    ids.Add(id);
                    foreach (var key in Storage.SipCaseAccessKeys.Of(Storage.SipJson.DeserializeCase(rows.GetString(1))))
                    {
                        caseIds.Add(id);
                        keys.Add(key);
                    }
                }
            }

            if (ids.Count == 0)
            {
                return;
            }

            await using (var insert = new NpgsqlCommand($"INSERT INTO {quoted}.sip_case_access (case_id, key) SELECT * FROM unnest($1::uuid[], $2::text[])", connection, transaction))
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = caseIds.ToArray() });
                insert.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            after = ids[^1];
        }
    }

    /// <summary>The schema version this library writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Creates or migrates the schema; refuses a newer one and a schema that holds other tables, untouched.</summary>
    public static async Task EnsureReadyAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (await VersionAsync(connection, null, schema, cancellationToken).ConfigureAwait(false) == CurrentVersion)
        {
            await RefuseFeedFromAnotherClusterAsync(connection, schema, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext($1));", cancellationToken, "sip-workflow-schema:" + schema).ConfigureAwait(false);
        var quoted = $"\"{schema}\"";

        // Only a missing schema is created: CREATE SCHEMA checks the right to create schemas even when it exists, and a
        // least-privileged role that owns its schema should still be able to migrate it.
        if (!await ScalarAsync<bool>(connection, transaction, "SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = $1);", cancellationToken, schema).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, transaction, $"CREATE SCHEMA {quoted};", cancellationToken).ConfigureAwait(false);
        }

        var version = await VersionAsync(connection, transaction, schema, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            var tables = await ScalarAsync<long>(connection, transaction,
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1;", cancellationToken, schema).ConfigureAwait(false);
            if (tables > 0)
            {
                throw new SipStorageException(
                    $"The PostgreSQL schema '{schema}' holds {tables} table(s) but is not a Sip.Workflow schema. It was left untouched; " +
                    "give the store a schema of its own (PostgreSqlStoreOptions.Schema).");
            }

            await ExecuteAsync(connection, transaction, $"CREATE TABLE {quoted}.sip_schema_version (version integer NOT NULL); INSERT INTO {quoted}.sip_schema_version VALUES (0);", cancellationToken).ConfigureAwait(false);
            version = 0;
        }

        if (version > CurrentVersion)
        {
            throw new SipStorageException(
                $"The PostgreSQL schema '{schema}' has schema version {version}, written by a newer Sip.Workflow; this library knows schema versions up to " +
                $"{CurrentVersion}. It was left untouched; upgrade Sip.Workflow.PostgreSql on this node.");
        }

        for (var v = version.Value; v < CurrentVersion; v++)
        {
            await ExecuteAsync(connection, transaction, Migrations[v].Replace("{s}", quoted, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            if (AfterMigrations.TryGetValue(v, out var after))
            {
                await after(connection, transaction, quoted, cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(connection, transaction, $"UPDATE {quoted}.sip_schema_version SET version = {CurrentVersion};", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await RefuseFeedFromAnotherClusterAsync(connection, schema, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses a feed whose positions are ahead of this cluster's transaction ids. Positions come from the cluster's own
    /// transaction counter: after a dump and restore (or a logical-replication move) into another cluster, new entries
    /// would get positions below those readers have passed, and they would miss them without a word.
    /// </summary>
    private static async Task RefuseFeedFromAnotherClusterAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var ahead = await ScalarAsync<bool>(connection, null,
            $"SELECT coalesce(max(position), 0) >> 15 >= pg_snapshot_xmax(pg_current_snapshot())::text::bigint FROM \"{schema}\".sip_feed;",
            cancellationToken).ConfigureAwait(false);
        if (ahead)
        {
            throw new SipStorageException(
                $"The event feed in the PostgreSQL schema '{schema}' has positions ahead of this cluster's transaction ids: the schema was copied " +
                "from another cluster (a dump and restore, a logical-replication move). New entries would get positions below those readers have " +
                "passed, and they would miss them. It was left untouched; see the Sip.Workflow.PostgreSql README (moving a database) for what to do.");
        }
    }

    private static async Task<int?> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellationToken)
    {
        var exists = await ScalarAsync<bool>(connection, transaction,
            "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'sip_schema_version');",
            cancellationToken, schema).ConfigureAwait(false);
        if (!exists)
        {
            return null;
        }

        await using var command = new NpgsqlCommand($"SELECT max(version) FROM \"{schema}\".sip_schema_version;", connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version
            ? version
            : throw new SipStorageException(
                $"The PostgreSQL schema '{schema}' has an empty sip_schema_version table, so its schema version is unknown. It was left untouched; restore the row or the schema.");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
