using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Sip.Workflow.Sqlite;

/// <summary>
/// The embedded default <see cref="ISipCaseStore"/>: one SQLite file in WAL mode holding each case as a versioned
/// JSON document with indexed columns (state, subject reference, lead principal, next deadline) and an append-only
/// events table the database itself protects.
/// </summary>
/// <remarks>
/// <para>Every write is one <c>BEGIN IMMEDIATE</c> transaction: the case row is updated only where its version is the
/// expected one, and its event is inserted in the same transaction, so several connections and several processes
/// writing one file never lose an update. A write waiting for another writer retries until
/// <see cref="SqliteStoreOptions.BusyTimeout"/>.</para>
/// <para>The schema is created and migrated on first use (or by <see cref="InitializeAsync"/>). A file written by a newer
/// schema, a SQLite file of another application, and a file that is not a SQLite database are refused with a
/// <see cref="SipStorageException"/> and left untouched.</para>
/// <para>All SQL is parameterised.</para>
/// </remarks>
/// <threadsafety>Safe to use from many threads at once; connections come from Microsoft.Data.Sqlite's pool.</threadsafety>
public sealed class SqliteSipCaseStore : ISipCaseStore
{
    private const int SqliteConstraint = 19;

    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly string _describe;
    private readonly Lock _initialization = new();
    private volatile bool _initialized;

    /// <summary>Creates a store over the database file at <paramref name="path"/>, with the default settings.</summary>
    /// <param name="path">The database file; created when missing.</param>
    public SqliteSipCaseStore(string path)
        : this(new SqliteStoreOptions { Path = path })
    {
    }

    /// <summary>Creates a store.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    public SqliteSipCaseStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The SQLite store options are not valid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}", nameof(options));
        }

        var builder = options.ConnectionString is { } cs
            ? new SqliteConnectionStringBuilder(cs)
            : new SqliteConnectionStringBuilder { DataSource = options.Path, Mode = SqliteOpenMode.ReadWriteCreate };
        builder.Pooling = true;
        builder.DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        _connectionString = builder.ToString();
        _describe = $"The SQLite database '{builder.DataSource}'";
        var synchronous = options.Durability == SqliteDurability.Full ? "FULL" : "NORMAL";
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");
    }

    /// <summary>
    /// Opens the database and creates or migrates its schema now, rather than on first use, so that a host fails at
    /// start-up on a wrong file.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SipStorageException">The file is not a Sip.Workflow database, is corrupt, or has a newer schema.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CreateAsync(SipCase newCase, SipEvent openingEvent, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateCreate(newCase, openingEvent);
        var document = SipJson.SerializeCase(newCase);
        var eventDocument = SipJson.SerializeEvent(openingEvent);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        try
        {
            using (var insert = Command(connection, transaction,
                "INSERT INTO sip_cases (id, version, state, subject_ref, lead_principal, lead_org, next_deadline, document_version, document) " +
                "VALUES ($id, $version, $state, $subject, $lead, $leadOrg, $deadline, $documentVersion, $document);"))
            {
                BindCase(insert, newCase, document);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await InsertEventAsync(connection, transaction, openingEvent, eventDocument, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            var actual = await VersionOfAsync(connection, newCase.Id, CancellationToken.None).ConfigureAwait(false);
            throw new SipConcurrencyException(newCase.Id, expectedVersion: 0, actual, e);
        }
    }

    /// <inheritdoc />
    public async Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var select = Command(connection, null, "SELECT document FROM sip_cases WHERE id = $id;");
        select.Parameters.AddWithValue("$id", Key(caseId));
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? SipJson.DeserializeCase(json) : null;
    }

    /// <inheritdoc />
    public async Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateUpdate(updatedCase, expectedVersion, sipEvent);
        var document = SipJson.SerializeCase(updatedCase);
        var eventDocument = SipJson.SerializeEvent(sipEvent);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        try
        {
            int changed;
            using (var update = Command(connection, transaction,
                "UPDATE sip_cases SET version = $version, state = $state, subject_ref = $subject, lead_principal = $lead, lead_org = $leadOrg, " +
                "next_deadline = $deadline, document_version = $documentVersion, document = $document WHERE id = $id AND version = $expected;"))
            {
                BindCase(update, updatedCase, document);
                update.Parameters.AddWithValue("$expected", expectedVersion);
                changed = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (changed == 0)
            {
                var actual = await VersionOfAsync(connection, updatedCase.Id, cancellationToken, transaction).ConfigureAwait(false);
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                throw actual is null
                    ? new SipCaseNotFoundException(updatedCase.Id)
                    : new SipConcurrencyException(updatedCase.Id, expectedVersion, actual);
            }

            await InsertEventAsync(connection, transaction, sipEvent, eventDocument, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            // The only constraint an aligned update can break is the command id's uniqueness.
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            var actual = await VersionOfAsync(connection, updatedCase.Id, CancellationToken.None).ConfigureAwait(false);
            throw new SipConcurrencyException(updatedCase.Id, expectedVersion, actual, e);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var select = Command(connection, null, "SELECT document FROM sip_events WHERE case_id = $id ORDER BY sequence;");
        select.Parameters.AddWithValue("$id", Key(caseId));
        var events = new List<SipEvent>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(SipJson.DeserializeEvent(reader.GetString(0)));
        }

        return events.AsReadOnly();
    }

    /// <inheritdoc />
    public async Task<SipEvent?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var select = Command(connection, null, "SELECT document FROM sip_events WHERE command_id = $command;");
        select.Parameters.AddWithValue("$command", commandId.ToString());
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? SipJson.DeserializeEvent(json) : null;
    }

    /// <inheritdoc />
    public async Task<SipCasePage> QueryAsync(SipCaseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var select = BuildQuery(connection, query);
        var cases = new List<SipCase>(Math.Min(query.PageSize + 1, 128));
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cases.Add(SipJson.DeserializeCase(reader.GetString(0)));
            }
        }

        string? next = null;
        if (cases.Count > query.PageSize)
        {
            cases.RemoveAt(cases.Count - 1);
            next = SipCaseCursor.After(cases[^1]).ToString();
        }

        return new SipCasePage(cases, next);
    }

    /// <summary>Builds the query's SQL: filters as parameters, keyset paging on (next deadline, id), nulls last.</summary>
    internal static SqliteCommand BuildQuery(SqliteConnection connection, SipCaseQuery query)
    {
        var sql = new StringBuilder("SELECT document FROM sip_cases WHERE 1 = 1");
        var command = connection.CreateCommand();
        if (query.State is { } state)
        {
            sql.Append(" AND state = $state");
            command.Parameters.AddWithValue("$state", (int)state);
        }

        if (query.Subject is { } subject)
        {
            sql.Append(" AND subject_ref = $subject");
            command.Parameters.AddWithValue("$subject", subject.Value);
        }

        if (query.LeadPrincipal is { } lead)
        {
            sql.Append(" AND lead_principal = $lead");
            command.Parameters.AddWithValue("$lead", (int)lead);
        }

        if (query.LeadOrganisation is { } organisation)
        {
            sql.Append(" AND lead_org = $leadOrg");
            command.Parameters.AddWithValue("$leadOrg", organisation);
        }

        if (query.DeadlineAtOrBefore is { } before)
        {
            sql.Append(" AND next_deadline IS NOT NULL AND next_deadline <= $before");
            command.Parameters.AddWithValue("$before", before.UtcTicks);
        }

        if (query.ContinuationToken is { } token)
        {
            var cursor = SipCaseCursor.Parse(token);
            command.Parameters.AddWithValue("$afterId", Key(cursor.CaseId));
            if (cursor.NextDeadlineUtcTicks is { } ticks)
            {
                sql.Append(" AND (next_deadline > $afterDeadline OR (next_deadline = $afterDeadline AND id > $afterId) OR next_deadline IS NULL)");
                command.Parameters.AddWithValue("$afterDeadline", ticks);
            }
            else
            {
                sql.Append(" AND next_deadline IS NULL AND id > $afterId");
            }
        }

        // Due work never has a null deadline, so it can walk the partial (next_deadline, id) index in order.
        sql.Append(query.DeadlineAtOrBefore is null
            ? " ORDER BY next_deadline IS NULL, next_deadline, id"
            : " ORDER BY next_deadline, id");
        sql.Append(" LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);
        command.CommandText = sql.ToString();
        return command;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_initialized)
            {
                InitializeOnce(connection);
            }

            SqliteSchema.Execute(connection, _pragmas);
            return connection;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 14 or 26 or 11)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new SipStorageException(
                $"{_describe} could not be opened (SQLite error {e.SqliteErrorCode}: {e.Message}). Check that the folder exists and is writable, " +
                "and that the file is a Sip.Workflow database.", e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void InitializeOnce(SqliteConnection connection)
    {
        lock (_initialization)
        {
            if (_initialized)
            {
                return;
            }

            SqliteSchema.EnsureReady(connection, _describe);

            // WAL lets readers go on while one writer commits; the mode is stored in the file.
            SqliteSchema.Execute(connection, "PRAGMA journal_mode = WAL;");
            _initialized = true;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void BindCase(SqliteCommand command, SipCase sipCase, string document)
    {
        command.Parameters.AddWithValue("$id", Key(sipCase.Id));
        command.Parameters.AddWithValue("$version", sipCase.Version);
        command.Parameters.AddWithValue("$state", (int)sipCase.State);
        command.Parameters.AddWithValue("$subject", sipCase.Individual.Reference.Value);
        command.Parameters.AddWithValue("$lead", sipCase.LeadPrincipal is { } lead ? (int)lead.Principal : DBNull.Value);
        command.Parameters.AddWithValue("$leadOrg", (object?)SipCaseQuery.LeadOrganisationKey(sipCase.LeadPrincipal) ?? DBNull.Value);
        command.Parameters.AddWithValue("$deadline", sipCase.NextDeadline is { } d ? d.UtcTicks : DBNull.Value);
        command.Parameters.AddWithValue("$documentVersion", SipJson.CaseDocumentVersion);
        command.Parameters.AddWithValue("$document", document);
    }

    private static async Task InsertEventAsync(SqliteConnection connection, SqliteTransaction transaction, SipEvent sipEvent, string document, CancellationToken cancellationToken)
    {
        using var insert = Command(connection, transaction,
            "INSERT INTO sip_events (case_id, sequence, command_id, event_type, occurred_at, hash, document) " +
            "VALUES ($case, $sequence, $command, $type, $at, $hash, $document);");
        insert.Parameters.AddWithValue("$case", Key(sipEvent.CaseId));
        insert.Parameters.AddWithValue("$sequence", sipEvent.Sequence);
        insert.Parameters.AddWithValue("$command", sipEvent.CommandId is { } id ? id.ToString() : DBNull.Value);
        insert.Parameters.AddWithValue("$type", sipEvent.EventType);
        insert.Parameters.AddWithValue("$at", sipEvent.OccurredAt.UtcTicks);
        insert.Parameters.AddWithValue("$hash", sipEvent.Hash);
        insert.Parameters.AddWithValue("$document", document);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long?> VersionOfAsync(SqliteConnection connection, SipCaseId caseId, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        using var select = Command(connection, transaction, "SELECT version FROM sip_cases WHERE id = $id;");
        select.Parameters.AddWithValue("$id", Key(caseId));
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    // Lower-case "D" text sorts like Guid.CompareTo under SQLite's binary collation, which keyset paging relies on.
    private static string Key(SipCaseId caseId) => caseId.Value.ToString("D");
}
