using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;

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
/// <para>All SQL is parameterised. Writes go through one connection the store keeps open (its pragmas set once, its
/// statements prepared once), one at a time within the process; reads use Microsoft.Data.Sqlite's pool.</para>
/// </remarks>
/// <threadsafety>Safe to use from many threads at once; connections come from Microsoft.Data.Sqlite's pool.</threadsafety>
public sealed class SqliteSipCaseStore : ISipCaseStore, ISipStoreInitializer, IAsyncDisposable, IDisposable
{
    private const int SqliteConstraint = 19;
    private const int RecentCapacity = 4096;

    // SQLite's default page cache (2 MiB) holds little of a large file's B-tree interior; a bigger cache and memory-mapped
    // reads keep a command's cost flat as the case count grows into the millions.
    private const string CachePragmas = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456;";

    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly string _describe;
    private readonly Lock _initialization = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile bool _initialized;
    private readonly ConcurrentBag<Reader> _readers = [];

    // Cases this store wrote or read lately, by id. A hit is used only when the stored version is the same, so a case
    // another process changed is always read afresh; cases are immutable, so sharing one is safe.
    private readonly ConcurrentDictionary<SipCaseId, SipCase> _recent = new();
    private Writer? _writer;
    private volatile bool _disposed;

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
                SipProblems.ToMessage("The SQLite store options are not valid", problems), nameof(options));
        }

        var builder = options.ConnectionString is { } cs
            ? new SqliteConnectionStringBuilder(cs)
            : new SqliteConnectionStringBuilder { DataSource = options.Path, Mode = SqliteOpenMode.ReadWriteCreate };
        builder.Pooling = true;

        // Microsoft.Data.Sqlite retries a busy database until the command time-out; busy_timeout covers SQLite's own waits.
        builder.DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        _connectionString = builder.ToString();
        _describe = $"The SQLite database '{builder.DataSource}'";
        var synchronous = options.Durability == SqliteDurability.Full ? "FULL" : "NORMAL";
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; {CachePragmas}");
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
    public Task CreateAsync(SipCase newCase, SipEvent openingEvent, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateCreate(newCase, openingEvent);
        var document = SipJson.SerializeCase(newCase);
        var eventDocument = SipJson.SerializeEvent(openingEvent);
        return WriteAsync(writer =>
        {
            Writer.BindCase(writer.InsertCase, newCase, document);
            writer.InsertCase.ExecuteNonQuery();
            writer.BindEvent(openingEvent, eventDocument);
            writer.InsertEvent.ExecuteNonQuery();
        },
        () => Remember(newCase),
        constraint => new SipConcurrencyException(newCase.Id, expectedVersion: 0, constraint.ActualVersion(newCase.Id), constraint.Error),
        cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        var (found, hit, json) = await ReadWithAsync(reader =>
        {
            reader.GetCase.Parameters["$id"].Value = Key(caseId);
            using var row = reader.GetCase.ExecuteReader();
            if (!row.Read())
            {
                return (false, (SipCase?)null, (string?)null);
            }

            return _recent.TryGetValue(caseId, out var known) && known.Version == row.GetInt64(0)
                ? (true, known, null)
                : (true, null, row.GetString(1));
        }, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return null;
        }

        if (hit is not null)
        {
            return hit;
        }

        var sipCase = SipStoreRules.ReadRow(caseId, json!);
        Remember(sipCase);
        return sipCase;
    }

    /// <inheritdoc />
    public Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateUpdate(updatedCase, expectedVersion, sipEvent);
        var document = SipJson.SerializeCase(updatedCase);
        var eventDocument = SipJson.SerializeEvent(sipEvent);
        // An indexed column that is SET is re-indexed even when its value is unchanged, so only the ones that changed
        // since the version this store last saw are written; without that version every one is.
        var changed = _recent.TryGetValue(updatedCase.Id, out var before) && before.Version == expectedVersion
            ? SipCaseIndex.Of(updatedCase).ChangedFrom(SipCaseIndex.Of(before))
            : SipCaseIndexColumns.All;
        return WriteAsync(writer =>
        {
            var update = writer.Update(changed);
            Writer.BindCase(update, updatedCase, document);
            update.Parameters["$expected"].Value = expectedVersion;
            if (update.ExecuteNonQuery() == 0)
            {
                // Inside the write transaction, so the version read here is the one that beat us.
                throw writer.ActualVersion(updatedCase.Id) is { } actual
                    ? new SipConcurrencyException(updatedCase.Id, expectedVersion, actual)
                    : new SipCaseNotFoundException(updatedCase.Id);
            }

            writer.BindEvent(sipEvent, eventDocument);
            writer.InsertEvent.ExecuteNonQuery();
        },
        () => Remember(updatedCase),

        // The only constraint an aligned update can break is the command id's uniqueness.
        constraint => new SipConcurrencyException(updatedCase.Id, expectedVersion, constraint.ActualVersion(updatedCase.Id), constraint.Error),
        cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var select = Command(connection, "SELECT document FROM sip_events WHERE case_id = $id ORDER BY sequence;");
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
        var json = await ReadWithAsync(reader =>
        {
            reader.FindByCommand.Parameters["$command"].Value = commandId.ToString();
            return reader.FindByCommand.ExecuteScalar() as string;
        }, cancellationToken).ConfigureAwait(false);
        return json is null ? null : SipJson.DeserializeEvent(json);
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
                cases.Add(SipStoreRules.ReadRow(new SipCaseId(Guid.Parse(reader.GetString(0))), reader.GetString(1)));
            }
        }

        return SipCasePages.FromRows(cases, query.PageSize);
    }

    /// <summary>Closes the store's connections.</summary>
    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            while (_readers.TryTake(out var reader))
            {
                reader.Dispose();
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc cref="Dispose" />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Builds the query's SQL: filters as parameters, keyset paging on (next deadline, id), nulls last.</summary>
    internal static SqliteCommand BuildQuery(SqliteConnection connection, SipCaseQuery query)
    {
        var sql = new StringBuilder("SELECT id, document FROM sip_cases WHERE 1 = 1");
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

    /// <summary>
    /// Runs one write as one <c>BEGIN IMMEDIATE</c> transaction on the store's write connection, one write at a time in
    /// this process (other processes are kept out by SQLite's write lock). A constraint violation rolls back and becomes
    /// the exception <paramref name="onConstraint"/> makes; after a commit <paramref name="committed"/> runs; any other failure rolls back and drops the connection, so the
    /// next write starts on a fresh one.
    /// </summary>
    private async Task WriteAsync(Action<Writer> write, Action committed, Func<ConstraintViolation, Exception> onConstraint, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = _writer ??= await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            SqliteTransaction? transaction = null;
            var committing = false;
            try
            {
                transaction = writer.Begin();
                write(writer);
                cancellationToken.ThrowIfCancellationRequested();
                committing = true;
                transaction.Commit();
                committed();
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
            {
                transaction?.Rollback();
                writer.Detach();
                throw onConstraint(new ConstraintViolation(writer, e));
            }
            catch (Exception e) when (e is SipWorkflowException or OperationCanceledException)
            {
                transaction?.Rollback();
                throw;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
            {
                // Busy past the time-out: nothing was written (SQLite keeps the transaction open on a busy COMMIT).
                SafeRollback(transaction);
                throw Translate(e, committing: false);
            }
            catch (SqliteException e)
            {
                _writer = null;
                writer.Dispose();
                throw Translate(e, committing);
            }
            catch
            {
                _writer = null;
                writer.Dispose();
                throw;
            }
            finally
            {
                transaction?.Dispose();
                writer.Detach();
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Runs a point lookup on a pooled read connection. The connection goes back to the pool only after the read has
    /// ended (its data reader closed), and not at all when it failed or the store was disposed meanwhile.
    /// </summary>
    private async Task<T> ReadWithAsync<T>(Func<Reader, T> read, CancellationToken cancellationToken)
    {
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        T result;
        try
        {
            result = read(reader);
        }
        catch (SqliteException e)
        {
            reader.Dispose();
            throw Translate(e, committing: false);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        _readers.Add(reader);
        if (_disposed && _readers.TryTake(out var late))
        {
            late.Dispose();
        }

        return result;
    }

    /// <summary>
    /// Turns a SQLite failure into the store's documented exceptions: a database that stayed busy past the busy time-out
    /// is a passing failure (<see cref="SipTransientStoreException"/>), a full disk, an I/O error or a read-only file a
    /// <see cref="SipStorageException"/>.
    /// </summary>
    private Exception Translate(SqliteException e, bool committing) => e.SqliteErrorCode switch
    {
        5 or 6 => new SipTransientStoreException(
            $"{_describe} stayed busy with another writer past the busy time-out. Nothing was saved; it is safe to retry.", mayHaveBeenApplied: false, e),
        8 or 10 or 13 => new SipStorageException(
            $"{_describe} could not be written (SQLite error {e.SqliteErrorCode}: {e.Message}). " +
            (committing ? "The change may or may not have been saved; retry with the same CommandId once the disk is fixed." : "Nothing was saved."), e),
        _ => e,
    };

    /// <summary>
    /// A read connection with its point lookups prepared, taken from the store's own small pool (Microsoft.Data.Sqlite's
    /// pool would hand back a connection but not its prepared statements). A reader that fails is dropped, not returned.
    /// </summary>
    private async Task<Reader> RentReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_readers.TryTake(out var reader))
        {
            cancellationToken.ThrowIfCancellationRequested();
            return reader;
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SqliteSchema.Execute(connection, CachePragmas);
            return new Reader(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void Remember(SipCase sipCase)
    {
        // A crude bound: forgetting everything now and then is cheaper than tracking recency, and a miss only costs a read.
        if (_recent.Count >= RecentCapacity)
        {
            _recent.Clear();
        }

        _recent[sipCase.Id] = sipCase;
    }

    private static void SafeRollback(SqliteTransaction? transaction)
    {
        try
        {
            transaction?.Rollback();
        }
        catch (SqliteException)
        {
            // Already rolled back by SQLite; there is nothing left to undo.
        }
        catch (InvalidOperationException)
        {
            // Already completed.
        }
    }

    private async Task<Writer> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SqliteSchema.Execute(connection, _pragmas);
            return new Writer(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_initialized)
            {
                InitializeOnce(connection);
            }

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

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    // Lower-case "D" text sorts like Guid.CompareTo under SQLite's binary collation, which keyset paging relies on.
    private static string Key(SipCaseId caseId) => caseId.Value.ToString("D");

    private readonly record struct ConstraintViolation(Writer Writer, SqliteException Error)
    {
        public long? ActualVersion(SipCaseId caseId) => Writer.ActualVersion(caseId);
    }

    /// <summary>A read connection with the point lookups prepared once.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;

        public Reader(SqliteConnection connection)
        {
            _connection = connection;
            GetCase = connection.CreateCommand();
            GetCase.CommandText = "SELECT version, document FROM sip_cases WHERE id = $id;";
            GetCase.Parameters.Add(new SqliteParameter { ParameterName = "$id", Value = DBNull.Value });
            GetCase.Prepare();
            FindByCommand = connection.CreateCommand();
            FindByCommand.CommandText = "SELECT document FROM sip_events WHERE command_id = $command;";
            FindByCommand.Parameters.Add(new SqliteParameter { ParameterName = "$command", Value = DBNull.Value });
            FindByCommand.Prepare();
        }

        public SqliteCommand GetCase { get; }

        public SqliteCommand FindByCommand { get; }

        public void Dispose()
        {
            GetCase.Dispose();
            FindByCommand.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>The store's write connection with its statements prepared once and reused for every write.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _version;
        private readonly SqliteCommand?[] _updates = new SqliteCommand?[(int)SipCaseIndexColumns.All + 1];
        private SqliteTransaction? _transaction;

        public Writer(SqliteConnection connection)
        {
            _connection = connection;
            InsertCase = Prepare(
                "INSERT INTO sip_cases (id, version, state, subject_ref, lead_principal, lead_org, next_deadline, document_version, document) " +
                "VALUES ($id, $version, $state, $subject, $lead, $leadOrg, $deadline, $documentVersion, $document);",
                "$id", "$version", "$state", "$subject", "$lead", "$leadOrg", "$deadline", "$documentVersion", "$document");
            InsertEvent = Prepare(
                "INSERT INTO sip_events (case_id, sequence, command_id, event_type, occurred_at, hash, document) " +
                "VALUES ($case, $sequence, $command, $type, $at, $hash, $document);",
                "$case", "$sequence", "$command", "$type", "$at", "$hash", "$document");
            _version = Prepare("SELECT version FROM sip_cases WHERE id = $id;", "$id");
        }

        public SqliteCommand InsertCase { get; }

        /// <summary>The update that sets <paramref name="changed"/>'s indexed columns and the document; prepared on first use.</summary>
        public SqliteCommand Update(SipCaseIndexColumns changed)
        {
            var index = (int)changed;
            if (_updates[index] is { } prepared)
            {
                prepared.Transaction = _transaction;
                return prepared;
            }

            var set = new StringBuilder("UPDATE sip_cases SET version = $version, document_version = $documentVersion, document = $document");
            if (changed.HasFlag(SipCaseIndexColumns.State))
            {
                set.Append(", state = $state");
            }

            if (changed.HasFlag(SipCaseIndexColumns.Subject))
            {
                set.Append(", subject_ref = $subject");
            }

            if (changed.HasFlag(SipCaseIndexColumns.Lead))
            {
                set.Append(", lead_principal = $lead, lead_org = $leadOrg");
            }

            if (changed.HasFlag(SipCaseIndexColumns.Deadline))
            {
                set.Append(", next_deadline = $deadline");
            }

            set.Append(" WHERE id = $id AND version = $expected;");
            var command = Prepare(set.ToString(), "$id", "$version", "$state", "$subject", "$lead", "$leadOrg", "$deadline", "$documentVersion", "$document", "$expected");
            command.Transaction = _transaction;
            return _updates[index] = command;
        }

        public SqliteCommand InsertEvent { get; }

        public SqliteTransaction Begin()
        {
            var transaction = _connection.BeginTransaction(deferred: false);
            _transaction = transaction;
            InsertCase.Transaction = InsertEvent.Transaction = _version.Transaction = transaction;
            return transaction;
        }

        /// <summary>Lets go of the finished transaction, so that a read outside one (after a rollback) is allowed.</summary>
        public void Detach()
        {
            _transaction = null;
            InsertCase.Transaction = InsertEvent.Transaction = _version.Transaction = null;
            foreach (var update in _updates)
            {
                update?.Transaction = null;
            }
        }

        public long? ActualVersion(SipCaseId caseId)
        {
            _version.Parameters["$id"].Value = Key(caseId);
            return _version.ExecuteScalar() is long version ? version : null;
        }

        public static void BindCase(SqliteCommand command, SipCase sipCase, string document)
        {
            var index = SipCaseIndex.Of(sipCase);
            var p = command.Parameters;
            p["$id"].Value = Key(index.Id);
            p["$version"].Value = index.Version;
            p["$state"].Value = (int)index.State;
            p["$subject"].Value = index.Subject;
            p["$lead"].Value = index.LeadPrincipal is { } lead ? (int)lead : DBNull.Value;
            p["$leadOrg"].Value = (object?)index.LeadOrganisation ?? DBNull.Value;
            p["$deadline"].Value = index.NextDeadlineUtcTicks is { } d ? d : DBNull.Value;
            p["$documentVersion"].Value = SipJson.CaseDocumentVersion;
            p["$document"].Value = document;
        }

        public void BindEvent(SipEvent sipEvent, string document)
        {
            var p = InsertEvent.Parameters;
            p["$case"].Value = Key(sipEvent.CaseId);
            p["$sequence"].Value = sipEvent.Sequence;
            p["$command"].Value = sipEvent.CommandId is { } id ? id.ToString() : DBNull.Value;
            p["$type"].Value = sipEvent.EventType;
            p["$at"].Value = sipEvent.OccurredAt.UtcTicks;
            p["$hash"].Value = sipEvent.Hash;
            p["$document"].Value = document;
        }

        public void Dispose()
        {
            InsertCase.Dispose();
            foreach (var update in _updates)
            {
                update?.Dispose();
            }
            InsertEvent.Dispose();
            _version.Dispose();
            _connection.Dispose();
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
            }

            command.Prepare();
            return command;
        }
    }
}
