using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Sip.Workflow.Storage;

namespace Sip.Workflow.PostgreSql;

/// <summary>
/// An <see cref="ISipCaseStore"/> on PostgreSQL, for many application nodes sharing one database: each case a JSONB
/// document with indexed columns (state, subject reference, lead principal, next deadline), and an append-only events
/// table the database itself protects.
/// </summary>
/// <remarks>
/// <para>Every write is one transaction: the case row is updated only where its version is the expected one (a row
/// lock makes a concurrent writer wait and then find the version moved on), and its event is inserted in the same
/// transaction; a unique index makes a command id usable once. So no update is lost, whichever node writes.</para>
/// <para>Passing failures — a dropped connection, a serialization failure, a deadlock, a server going down — raise
/// <see cref="SipTransientStoreException"/>; nothing is half-applied, and a retry with the same command id is safe.</para>
/// <para>The schema is created and migrated on first use (or by <see cref="InitializeAsync"/>) under an advisory lock.
/// All SQL is parameterised; the schema name, which cannot be a parameter, is held to a strict form.</para>
/// </remarks>
/// <threadsafety>Safe to use from many threads at once; connections come from Npgsql's pool.</threadsafety>
public sealed partial class PostgreSqlSipCaseStore : ISipCaseStore, ISipStoreInitializer, ISipStoreHealthProbe, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _multiplexing;
    private readonly string _schema;
    private readonly string _qualified;
    private readonly SemaphoreSlim _initialization = new(1, 1);
    private readonly string _insertCase;
    private readonly string _writeAccessKeys;
    private readonly string _updateCase;
    private readonly string _insertEvent;
    private readonly string _insertEventAfterUpdate;
    private readonly string _getCase;
    private volatile bool _initialized;

    // Cases this store wrote or read lately, by id, with the SHA-256 of their stored document as the database prints it
    // (jsonb's text). A read has the database hash the stored document and sends it only when the hash differs from the
    // one remembered: a write by another node (a new version, a new document) or an edit by hand, even at the same
    // version, is always read afresh, and an unchanged case is neither sent nor deserialised. What the cache trusts is
    // SHA-256 and the database's own hashing of what it holds; cases are immutable, so sharing one is safe.
    private readonly ConcurrentDictionary<SipCaseId, (SipCase Case, byte[] Digest)> _recent = new();
    private const int RecentCapacity = 4096;

    // The hash of the stored document as text, the same expression wherever it is taken.
    private const string DocumentDigest = "sha256(convert_to(document::text, 'UTF8'))";

    /// <summary>Creates a store over the database at <paramref name="connectionString"/>, in the schema <c>sip</c>.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    public PostgreSqlSipCaseStore(string connectionString)
        : this(new PostgreSqlStoreOptions { ConnectionString = connectionString })
    {
    }

    /// <summary>Creates a store.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    public PostgreSqlSipCaseStore(PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                SipProblems.ToMessage("The PostgreSQL store options are not valid", problems), nameof(options));
        }

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),

            // The same few statements run over and over: let Npgsql prepare them on each pooled connection.
            MaxAutoPrepare = Math.Max(new NpgsqlConnectionStringBuilder(options.ConnectionString).MaxAutoPrepare, 16),
        };
        _dataSource = NpgsqlDataSource.Create(builder);
        _multiplexing = builder.Multiplexing;
        _schema = options.Schema;

        // Quoted, so that a valid name that is also a keyword ("user", "order") still works; the name's strict form keeps
        // the quotes safe.
        var s = $"\"{_schema}\"";
        _qualified = s;
        _insertCase = $"INSERT INTO {s}.sip_cases (id, version, state, subject_ref, lead_principal, lead_org, next_deadline, document_version, document) " +
            $"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {DocumentDigest}";
        _updateCase = $"UPDATE {s}.sip_cases SET version = $2, state = $3, subject_ref = $4, lead_principal = $5, lead_org = $6, next_deadline = $7, " +
            $"document_version = $8, document = $9 WHERE id = $1 AND version = $10 RETURNING {DocumentDigest}";
        _writeAccessKeys = $"WITH gone AS (DELETE FROM {s}.sip_case_access WHERE case_id = $1 AND NOT (key = ANY($2))), " +
            $"added AS (INSERT INTO {s}.sip_case_access (case_id, key) SELECT $1, k FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING) " +
            "SELECT set_config('sip.access_keys', $1::text, true)";

        // The document only when its hash is not the one remembered ($2; NULL when none is): a document is never NULL, so
        // NULL means "the same".
        _getCase = $"SELECT id, {SipCaseIndex.Columns}, CASE WHEN d.digest = $2 THEN NULL ELSE d.text END, d.digest FROM {s}.sip_cases " +
            $"CROSS JOIN LATERAL (SELECT document::text AS text, sha256(convert_to(document::text, 'UTF8')) AS digest) d WHERE id = $1";
        _insertEvent = $"INSERT INTO {s}.sip_events (case_id, sequence, command_id, event_type, occurred_at, hash, document) VALUES ($1, $2, $3, $4, $5, $6, $7)";

        // Sent in one batch with the case's update: the event goes in only where the update took the case to its version
        // (the event's sequence), so a lost race writes no event; the transaction is rolled back then anyway.
        _insertEventAfterUpdate = $"INSERT INTO {s}.sip_events (case_id, sequence, command_id, event_type, occurred_at, hash, document) " +
            $"SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM {s}.sip_cases WHERE id = $1 AND version = $2)";
    }

    /// <summary>The schema the store's tables live in.</summary>
    public string Schema => _schema;

    /// <summary>Creates or migrates the schema now, so that a node fails at start-up rather than at its first command.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SipStorageException">The schema is newer than this library, or is not a Sip.Workflow schema.</exception>
    /// <exception cref="SipTransientStoreException">The database could not be reached.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => EnsureInitializedAsync(cancellationToken);

    /// <summary>
    /// Opens a connection (the schema created or migrated on first use, a foreign or newer schema refused), then, in a
    /// transaction it rolls back, checks that the server accepts writes (not a read-only standby or a read-only
    /// transaction default) and takes the lock a write takes on the case table without waiting: nothing is written.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The store's name and schema version.</returns>
    /// <exception cref="SipStorageException">The schema is foreign or newer, or the database accepts no writes.</exception>
    /// <exception cref="SipTransientStoreException">PostgreSQL could not be reached, or the case table is locked against writes (a migration, a maintenance lock).</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<SipStoreHealth> ProbeAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var readOnly = new NpgsqlCommand("SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on';", connection, transaction))
            {
                if (await readOnly.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
                {
                    throw new SipStorageException(
                        "The PostgreSQL database accepts no writes (a read-only standby, or read-only transactions by default); point the store at the primary.");
                }
            }

            // ROW EXCLUSIVE is what UPDATE and INSERT take; NOWAIT fails at once where an exclusive lock would make them wait.
            await using (var lockTable = new NpgsqlCommand($"LOCK TABLE \"{_schema}\".sip_cases IN ROW EXCLUSIVE MODE NOWAIT;", connection, transaction))
            {
                await lockTable.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new SipStoreHealth("PostgreSQL store", PostgreSqlSchema.CurrentVersion);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new SipTransientStoreException(
                $"The PostgreSQL table of SIP cases in schema '{_schema}' is locked against writes (a migration or maintenance holds an exclusive lock); commands would wait. It is safe to retry.",
                mayHaveBeenApplied: false, e);
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw new SipTransientStoreException($"PostgreSQL was unavailable ({Describe(e)}); nothing was read. It is safe to retry.", mayHaveBeenApplied: false, e);
        }
    }

    /// <inheritdoc />
    public async Task CreateAsync(SipCase newCase, SipEvent openingEvent, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateCreate(newCase, openingEvent);
        var document = SipJson.SerializeCase(newCase);
        var eventDocument = SipJson.SerializeEvent(openingEvent);
        var accessKeys = SipCaseAccessKeys.Of(newCase);
        byte[]? digest = null;
        await WriteAsync(newCase.Id, expectedVersion: 0, async (connection, transaction) =>
        {
            // A purged case's id is never used again: its tombstone must keep accounting for that id alone.
            if (await PurgedVersionAsync(connection, transaction, newCase.Id, cancellationToken).ConfigureAwait(false) is { } purged)
            {
                throw new SipConcurrencyException(newCase.Id, expectedVersion: 0, actualVersion: purged);
            }

            await WriteAccessKeysAsync(connection, transaction, newCase.Id, accessKeys, cancellationToken).ConfigureAwait(false);
            await using var insert = new NpgsqlCommand(_insertCase, connection, transaction);
            BindCase(insert, newCase, document);
            digest = (byte[])(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            await InsertEventAsync(connection, transaction, openingEvent, eventDocument, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        Remember(newCase, digest!);
    }

    /// <inheritdoc />
    public Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => ReadAsync(async connection =>
        {
            var cached = _recent.TryGetValue(caseId, out var known);
            await using var select = new NpgsqlCommand(_getCase, connection);
            select.Parameters.Add(new NpgsqlParameter { Value = caseId.Value });
            select.Parameters.Add(new NpgsqlParameter { Value = cached ? known.Digest : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            // The columns are always compared with the case, remembered or read: an edit outside the library is refused.
            var columns = SipCaseIndex.FromColumns(new SipCaseId(reader.GetGuid(0)), reader, 1);
            var digest = reader.GetFieldValue<byte[]>(2 + SipCaseIndex.ColumnCount);
            if (cached && reader.IsDBNull(1 + SipCaseIndex.ColumnCount))
            {
                SipStoreRules.EnsureRowMatches(columns, known.Case);
                return known.Case;
            }

            var sipCase = SipStoreRules.ReadRow(columns, reader.GetString(1 + SipCaseIndex.ColumnCount));
            Remember(sipCase, digest);
            return sipCase;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// A case this store wrote or read is answered from memory when the stored row still has its version and indexed
    /// columns and its newest event is the one the case points to: the document is neither hashed, sent nor deserialised.
    /// Any other case, or a row that changed (another node's write), is read as <see cref="GetAsync"/> reads it.
    /// </remarks>
    public async Task<SipCase?> GetForCommandAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        if (!_recent.TryGetValue(caseId, out var known))
        {
            return await GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        }

        var row = await ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand(
                $"SELECT id, {SipCaseIndex.Columns}, (SELECT hash FROM {_qualified}.sip_events WHERE case_id = $1 ORDER BY sequence DESC LIMIT 1) " +
                $"FROM {_qualified}.sip_cases WHERE id = $1", connection);
            select.Parameters.Add(new NpgsqlParameter { Value = caseId.Value });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? (SipCaseIndex.FromColumns(caseId, reader, 1), reader.IsDBNull(1 + SipCaseIndex.ColumnCount) ? null : reader.GetString(1 + SipCaseIndex.ColumnCount))
                : ((SipCaseIndex, string?)?)null;
        }, cancellationToken).ConfigureAwait(false);

        // The newest event's hash too: after a failover that lost a commit (or a restore under running nodes), another node
        // may have written the version this store remembers with other content; the version and columns can agree.
        if (row is not var (columns, newest) || columns.Version != known.Case.Version || newest != known.Case.HistoryHead)
        {
            // Gone, or written by another node since: read what is stored.
            return await GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        }

        SipStoreRules.EnsureRowMatches(columns, known.Case);
        return known.Case;
    }

    /// <inheritdoc />
    public async Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateUpdate(updatedCase, expectedVersion, sipEvent);
        var document = SipJson.SerializeCase(updatedCase);
        var eventDocument = SipJson.SerializeEvent(sipEvent);
        var accessKeys = SipCaseAccessKeys.Of(updatedCase);
        byte[]? digest = null;
        await WriteAsync(updatedCase.Id, expectedVersion, async (connection, transaction) =>
        {
            // The keys, the row and the event in one round trip (then the commit's): on a network, round trips are most of
            // what a command waits for. The keys first: their statement marks the transaction as one that wrote them, which
            // the row's trigger requires.
            await using var batch = new NpgsqlBatch(connection, transaction);
            var keys = new NpgsqlBatchCommand(_writeAccessKeys);
            BindAccessKeys(keys.Parameters, updatedCase.Id, accessKeys);
            var update = new NpgsqlBatchCommand(_updateCase);
            BindCase(update.Parameters, updatedCase, document);
            update.Parameters.Add(new NpgsqlParameter { Value = expectedVersion });
            var insert = new NpgsqlBatchCommand(_insertEventAfterUpdate);
            BindEvent(insert.Parameters, sipEvent, eventDocument);
            batch.BatchCommands.Add(keys);
            batch.BatchCommands.Add(update);
            batch.BatchCommands.Add(insert);
            await using (var results = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                // The keys' statement returns its mark; the update returns the stored document's digest, or no row.
                await results.NextResultAsync(cancellationToken).ConfigureAwait(false);
                digest = await results.ReadAsync(cancellationToken).ConfigureAwait(false) ? results.GetFieldValue<byte[]>(0) : null;
            }

            if (digest is null)
            {
                throw SipStoreRules.NothingUpdated(
                    updatedCase.Id, expectedVersion, await VersionOfAsync(connection, transaction, updatedCase.Id, cancellationToken).ConfigureAwait(false));
            }
        }, cancellationToken).ConfigureAwait(false);
        Remember(updatedCase, digest!);
    }

    private void Remember(SipCase sipCase, byte[] digest)
    {
        // A crude bound: forgetting everything now and then is cheaper than tracking recency, and a miss only costs a read.
        if (_recent.Count >= RecentCapacity)
        {
            _recent.Clear();
        }

        _recent[sipCase.Id] = (sipCase, digest);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<SipEvent>>(async connection =>
        {
            await using var select = new NpgsqlCommand($"SELECT document::text FROM {_qualified}.sip_events WHERE case_id = $1 ORDER BY sequence", connection);
            select.Parameters.Add(new NpgsqlParameter { Value = caseId.Value });
            return await SipStoreRules.ReadRowsAsync(select, row => SipJson.DeserializeEvent(row.GetString(0)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipEvent?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken = default)
        => ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand($"SELECT document::text FROM {_qualified}.sip_events WHERE command_id = $1", connection);
            select.Parameters.Add(new NpgsqlParameter { Value = commandId.Value });
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? SipJson.DeserializeEvent(json) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SipCasePage> QueryAsync(SipCaseQuery query, CancellationToken cancellationToken = default) => QueryAsync(query, heads: false, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The lists kept apart are left out of each document in the database, so neither the network nor the
    /// deserialiser carries them; PostgreSQL still reads each whole document from its table to do so, as it keeps them whole.
    /// </remarks>
    /// <exception cref="SipTransientStoreException">PostgreSQL was unavailable; nothing was read. It is safe to retry.</exception>
    /// <exception cref="SipStorageException">A stored row was changed outside Sip.Workflow; nothing was read.</exception>
    public Task<SipCasePage> QueryHeadsAsync(SipCaseQuery query, CancellationToken cancellationToken = default) => QueryAsync(query, heads: true, cancellationToken);

    private Task<SipCasePage> QueryAsync(SipCaseQuery query, bool heads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(async connection =>
        {
            await using var select = BuildQuery(connection, query, heads);
            var cases = new List<SipCase>(Math.Min(query.PageSize + 1, 128));
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    cases.Add(heads ? Head(reader) : Row(reader));
                }
            }

            return SipCasePages.FromRows(cases, query.PageSize);
        }, cancellationToken);
    }

    // The document without the lists a store may keep apart (SipCaseItems.Lists): a case's head. The names are the library's
    // own member names, not input.
    // One jsonb_set over the case object less those keys: one rebuild of the document, not one per list. A document whose
    // case is not an object (changed outside the library) is sent as it is, and refused as unreadable when read.
    private static readonly string HeadDocument =
        $"(CASE WHEN jsonb_typeof(document -> 'case') = 'object' THEN jsonb_set(document, '{{case}}', (document -> 'case') - " +
        $"ARRAY[{string.Join(", ", SipCaseItems.Lists.Select(list => $"'{list}'"))}]::text[]) ELSE document END)";

    // A row's head as read: the document without the lists kept apart, read as a head (never remembered as a stored
    // document, so never hashed), its columns checked against it.
    private static SipCase Head(NpgsqlDataReader reader)
    {
        var id = new SipCaseId(reader.GetGuid(0));
        var head = SipCaseItems.DeserializeHead(System.Text.Encoding.UTF8.GetBytes(reader.GetString(1 + SipCaseIndex.ColumnCount)));
        SipStoreRules.EnsureRowMatches(SipCaseIndex.FromColumns(id, reader, 1), head);
        return head;
    }

    // A row as read: id, the indexed columns, the document; the columns are checked against the document it holds.
    private static SipCase Row(NpgsqlDataReader reader)
    {
        var id = new SipCaseId(reader.GetGuid(0));
        return SipStoreRules.ReadRow(SipCaseIndex.FromColumns(id, reader, 1), reader.GetString(1 + SipCaseIndex.ColumnCount));
    }

    /// <summary>Builds the query's SQL: filters as parameters, keyset paging on (next deadline, id), nulls last.</summary>
    internal NpgsqlCommand BuildQuery(NpgsqlConnection connection, SipCaseQuery query, bool heads = false)
    {
        var sql = new StringBuilder($"SELECT id, {SipCaseIndex.Columns}, {(heads ? HeadDocument : "document")}::text FROM {_qualified}.sip_cases WHERE true");
        var command = new NpgsqlCommand { Connection = connection };
        string Parameter(object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            return "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // uuid sorts byte by byte in the order its text shows, which is how Guid.CompareTo (and the cursor) sorts too.
        SipCaseQuerySql.AppendFiltersOrderAndLimit(sql, query, Parameter, id => id.Value, "next_deadline ASC NULLS LAST, id", $"{_qualified}.sip_case_access");
        command.CommandText = sql.ToString();
        return command;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dataSource.Dispose();
        _initialization.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _initialization.Dispose();
    }

    private async Task<bool> SequenceTakenAsync(NpgsqlConnection connection, SipCaseId caseId, long sequence, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT 1 FROM {_qualified}.sip_events WHERE case_id = $1 AND sequence = $2", connection);
        select.Parameters.Add(new NpgsqlParameter { Value = caseId.Value });
        select.Parameters.Add(new NpgsqlParameter { Value = sequence });
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    private async Task WriteAsync(SipCaseId caseId, long expectedVersion, Func<NpgsqlConnection, NpgsqlTransaction, Task> write, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var committing = false;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await write(connection, transaction).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // A taken case id (create) or a command id used before: the row that won is already there.
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                var actual = await VersionOfAsync(connection, null, caseId, CancellationToken.None).ConfigureAwait(false);
                var taken = expectedVersion > 0 && actual == expectedVersion
                    && await SequenceTakenAsync(connection, caseId, expectedVersion + 1, CancellationToken.None).ConfigureAwait(false);
                throw SipStoreRules.UniqueViolation(caseId, expectedVersion, actual, taken, e);
            }

            cancellationToken.ThrowIfCancellationRequested();
            committing = true;
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw new SipTransientStoreException(
                committing
                    ? $"The connection to PostgreSQL failed while committing a change to SIP case {caseId}; it may or may not have been saved. Retry with the same CommandId: a command that was saved is replayed, not applied twice."
                    : $"A change to SIP case {caseId} could not be saved because PostgreSQL was unavailable or gave up ({Describe(e)}). Nothing was saved; it is safe to retry.",
                mayHaveBeenApplied: committing,
                e);
        }
    }

    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await read(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw new SipTransientStoreException($"PostgreSQL was unavailable ({Describe(e)}); nothing was read. It is safe to retry.", mayHaveBeenApplied: false, e);
        }
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initialization.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await PostgreSqlSchema.EnsureReadyAsync(_dataSource, _schema, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw new SipTransientStoreException(
                $"PostgreSQL was unavailable while preparing the schema '{_schema}' ({Describe(e)}). Nothing was saved; it is safe to retry.", mayHaveBeenApplied: false, e);
        }
        catch (PostgresException e)
        {
            throw new SipStorageException(
                $"The schema '{_schema}' could not be prepared: {e.MessageText} (SQLSTATE {e.SqlState}). Check the role's rights on the database and schema.", e);
        }
        finally
        {
            _initialization.Release();
        }
    }

    // Npgsql classifies its own errors (PostgresException.IsTransient: serialization failures, deadlocks, locks not
    // available, lost connections, shutdowns, …; NpgsqlException.IsTransient: I/O, socket and time-out causes). Only a raw
    // socket or I/O failure that never passed through Npgsql is added here.
    private static bool IsTransient(Exception e) => e is NpgsqlException { IsTransient: true } or SocketException or IOException;

    private static string Describe(Exception e) => e is PostgresException p ? $"SQLSTATE {p.SqlState}" : e.GetType().Name;

    private static void BindCase(NpgsqlCommand command, SipCase sipCase, string document) => BindCase(command.Parameters, sipCase, document);

    private static void BindCase(NpgsqlParameterCollection p, SipCase sipCase, string document)
    {
        var index = SipCaseIndex.Of(sipCase);
        p.Add(new NpgsqlParameter { Value = index.Id.Value });
        p.Add(new NpgsqlParameter { Value = index.Version });
        p.Add(new NpgsqlParameter { Value = (int)index.State });
        p.Add(new NpgsqlParameter { Value = index.Subject });
        p.Add(new NpgsqlParameter { Value = index.LeadPrincipal is { } lead ? (int)lead : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        p.Add(new NpgsqlParameter { Value = (object?)index.LeadOrganisation ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter { Value = index.NextDeadlineUtcTicks is { } d ? d : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        p.Add(new NpgsqlParameter { Value = SipJson.CaseDocumentVersion });
        p.Add(new NpgsqlParameter { Value = document, NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    // The case's keys as given: those it no longer holds go, the new ones come; when they are the same (most steps) the
    // statement only reads, in one round trip. It also marks the transaction (sip.access_keys, until it ends) as one that
    // wrote this case's keys: the trigger of migration 6 refuses a case written without them, by a node of an older release.
    private async Task WriteAccessKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SipCaseId caseId, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var write = new NpgsqlCommand(_writeAccessKeys, connection, transaction);
        BindAccessKeys(write.Parameters, caseId, keys);
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void BindAccessKeys(NpgsqlParameterCollection p, SipCaseId caseId, IReadOnlyList<string> keys)
    {
        p.Add(new NpgsqlParameter { Value = caseId.Value });
        p.Add(new NpgsqlParameter { Value = keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    private async Task InsertEventAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SipEvent sipEvent, string document, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(_insertEvent, connection, transaction);
        BindEvent(insert.Parameters, sipEvent, document);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void BindEvent(NpgsqlParameterCollection p, SipEvent sipEvent, string document)
    {
        p.Add(new NpgsqlParameter { Value = sipEvent.CaseId.Value });
        p.Add(new NpgsqlParameter { Value = sipEvent.Sequence });
        p.Add(new NpgsqlParameter { Value = sipEvent.CommandId is { } id ? id.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        p.Add(new NpgsqlParameter { Value = sipEvent.EventType });
        p.Add(new NpgsqlParameter { Value = sipEvent.OccurredAt.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter { Value = sipEvent.Hash });
        p.Add(new NpgsqlParameter { Value = document, NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipCaseId>> ListCaseIdsAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateListing(maxCount);
        return ListAsync($"SELECT id FROM {_qualified}.sip_cases WHERE $1::uuid IS NULL OR id > $1 ORDER BY id LIMIT $2", after, maxCount,
            reader => new SipCaseId(reader.GetGuid(0)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipTombstone>> ListTombstonesAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateListing(maxCount);
        return ListAsync($"SELECT document::text FROM {_qualified}.sip_tombstones WHERE $1::uuid IS NULL OR case_id > $1 ORDER BY case_id LIMIT $2", after, maxCount,
            reader => SipJson.DeserializeTombstone(reader.GetString(0)), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Entries become readable once every transaction that began before theirs has ended (the feed reads below
    /// <c>pg_current_snapshot()</c>'s xmin), so one long-running transaction anywhere in the cluster — a report, an
    /// idle-in-transaction session — holds the feed back until it ends. Nothing is lost; the readers wait.
    /// </remarks>
    public Task<IReadOnlyList<SipFeedEntry>> ReadFeedAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateFeedRead(afterPosition, maxCount);
        return ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand(
                $"SELECT f.position, e.document::text, t.document::text FROM {_qualified}.sip_feed f " +
                $"LEFT JOIN {_qualified}.sip_events e ON f.sequence IS NOT NULL AND e.case_id = f.case_id AND e.sequence = f.sequence " +
                $"LEFT JOIN {_qualified}.sip_tombstones t ON f.sequence IS NULL AND t.case_id = f.case_id " +
                "WHERE f.position > $1 AND f.position < (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 15) " +
                "ORDER BY f.position LIMIT $2", connection);
            select.Parameters.Add(new NpgsqlParameter { Value = afterPosition });
            select.Parameters.Add(new NpgsqlParameter { Value = maxCount });
            return await SipStoreRules.ReadRowsAsync(select, row => SipStoreRules.FeedEntry(
                row.GetInt64(0), row.IsDBNull(1) ? null : row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> CountFeedAsync(long afterPosition, int atMost, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateFeedCount(afterPosition, atMost);
        return ReadAsync(async connection =>
        {
            // The same horizon as ReadFeedAsync: only what a reader would be given now.
            await using var count = new NpgsqlCommand(
                $"SELECT count(*) FROM (SELECT 1 FROM {_qualified}.sip_feed f WHERE f.position > $1 " +
                "AND f.position < (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 15) LIMIT $2) counted", connection);
            count.Parameters.Add(new NpgsqlParameter { Value = afterPosition });
            count.Parameters.Add(new NpgsqlParameter { Value = atMost });
            return (int)(long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SipTombstone?> GetTombstoneAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand($"SELECT document::text FROM {_qualified}.sip_tombstones WHERE case_id = $1", connection);
            select.Parameters.Add(new NpgsqlParameter { Value = caseId.Value });
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? SipJson.DeserializeTombstone(json) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public async Task PurgeAsync(SipTombstone tombstone, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidatePurge(tombstone);
        var document = SipJson.SerializeTombstone(tombstone);
        await WriteAsync(tombstone.CaseId, tombstone.LastVersion, async (connection, transaction) =>
        {
            // The row lock taken here keeps a concurrent command from writing the case while it is purged.
            await using (var lockRow = new NpgsqlCommand($"SELECT version FROM {_qualified}.sip_cases WHERE id = $1 FOR UPDATE", connection, transaction))
            {
                lockRow.Parameters.Add(new NpgsqlParameter { Value = tombstone.CaseId.Value });
                var actual = await lockRow.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
                if (actual != tombstone.LastVersion)
                {
                    throw SipStoreRules.PurgeRefused(tombstone, actual);
                }
            }

            // The tombstone goes in first: the triggers let a case and its events be deleted only once it is there. One batch,
            // one round trip (a single command may not hold several statements once Npgsql prepares it).
            await using var purge = new NpgsqlBatch(connection, transaction);
            var insert = new NpgsqlBatchCommand($"INSERT INTO {_qualified}.sip_tombstones (case_id, purged_at, last_version, hash, document) VALUES ($1, $2, $3, $4, $5)");
            insert.Parameters.Add(new NpgsqlParameter { Value = tombstone.CaseId.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = tombstone.PurgedAt.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter { Value = tombstone.LastVersion });
            insert.Parameters.Add(new NpgsqlParameter { Value = tombstone.Hash });
            insert.Parameters.Add(new NpgsqlParameter { Value = document, NpgsqlDbType = NpgsqlDbType.Jsonb });
            purge.BatchCommands.Add(insert);
            var keys = new NpgsqlBatchCommand($"DELETE FROM {_qualified}.sip_case_access WHERE case_id = $1");
            keys.Parameters.Add(new NpgsqlParameter { Value = tombstone.CaseId.Value });
            purge.BatchCommands.Add(keys);
            var reads = new NpgsqlBatchCommand($"DELETE FROM {_qualified}.sip_access_log WHERE case_id = $1");
            reads.Parameters.Add(new NpgsqlParameter { Value = tombstone.CaseId.Value });
            purge.BatchCommands.Add(reads);
            var events = new NpgsqlBatchCommand($"DELETE FROM {_qualified}.sip_events WHERE case_id = $1");
            events.Parameters.Add(new NpgsqlParameter { Value = tombstone.CaseId.Value });
            purge.BatchCommands.Add(events);
            var row = new NpgsqlBatchCommand($"DELETE FROM {_qualified}.sip_cases WHERE id = $1");
            row.Parameters.Add(new NpgsqlParameter { Value = tombstone.CaseId.Value });
            purge.BatchCommands.Add(row);
            await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _recent.TryRemove(tombstone.CaseId, out _);
    }

    private Task<IReadOnlyList<T>> ListAsync<T>(string sql, SipCaseId? after, int maxCount, Func<DbDataReader, T> row, CancellationToken cancellationToken)
        => ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand(sql, connection);
            select.Parameters.Add(new NpgsqlParameter { Value = after is { } a ? a.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            select.Parameters.Add(new NpgsqlParameter { Value = maxCount });
            return await SipStoreRules.ReadRowsAsync(select, row, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private async Task<long?> PurgedVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SipCaseId caseId, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT last_version FROM {_qualified}.sip_tombstones WHERE case_id = $1", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = caseId.Value });
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    private async Task<long?> VersionOfAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SipCaseId caseId, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT version FROM {_qualified}.sip_cases WHERE id = $1", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = caseId.Value });
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }
}
