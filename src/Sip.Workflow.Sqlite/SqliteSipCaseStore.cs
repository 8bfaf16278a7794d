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
/// <see cref="SqliteStoreOptions.BusyTimeout"/>. Each write transaction also reads the file's schema version: once another
/// process has migrated the file to a newer schema (or it was put back to an older one) while this store has it open,
/// writes are refused with a <see cref="SipStorageException"/> and save nothing.</para>
/// <para>The schema is created and migrated on first use (or by <see cref="InitializeAsync"/>). A file written by a newer
/// schema, a SQLite file of another application, a file that is not a SQLite database and a file cut short are refused
/// with a <see cref="SipStorageException"/> and left untouched; a file of no bytes at all is a new database.</para>
/// <para>A call that finds the file read-only (or its folder, where SQLite must create the <c>-wal</c> and <c>-shm</c>
/// files), corrupt, not a SQLite database, on a failing or full disk, or impossible to open throws a
/// <see cref="SipStorageException"/> that says which and what to do, never SQLite's own exception: a read changed nothing,
/// and a write that failed before its commit saved nothing (one that failed while committing says it may have). A file
/// another connection keeps locked past <see cref="SqliteStoreOptions.BusyTimeout"/> is a
/// <see cref="SipTransientStoreException"/>.</para>
/// <para>All SQL is parameterised. Writes go through one connection the store keeps open (its pragmas set once, its
/// statements prepared once), one at a time within the process; reads use Microsoft.Data.Sqlite's pool.</para>
/// <para>Disposing the store closes every connection it opened, its pooled ones included, and checkpoints the WAL into the
/// database file: afterwards the file alone holds every committed case (a copy of it needs no <c>-wal</c> file) and this
/// process no longer holds it open.</para>
/// </remarks>
/// <threadsafety>Safe to use from many threads at once; connections come from Microsoft.Data.Sqlite's pool.</threadsafety>
public sealed partial class SqliteSipCaseStore : ISipCaseStore, ISipStoreInitializer, ISipStoreHealthProbe, IAsyncDisposable, IDisposable
{
    private const int SqliteConstraint = 19;
    private const int RecentCapacity = 4096;

    // SQLite's default page cache (2 MiB) holds little of a large file's B-tree interior; a bigger cache and memory-mapped
    // reads keep a command's cost flat as the case count grows into the millions. Temporary storage in memory: a group of
    // writes journals the pages each write's savepoint changes, and past 64 KiB SQLite would spill that journal (case
    // documents) into an unnamed file in the system's temporary folder, outside the database's folder and whatever protects
    // it, at two system calls a page; the journal is the size of the pages one write changes.
    private const string CachePragmas = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456; " + TempStoreInMemory;

    private const string TempStoreInMemory = "PRAGMA temp_store = MEMORY;";

    private readonly string _connectionString;
    private readonly string? _checkpointConnectionString;
    private readonly string _pragmas;
    private readonly string _describe;
    private readonly Lock _initialization = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentQueue<WriteRequest> _queuedWrites = new();
    private volatile bool _initialized;
    private readonly ConcurrentBag<Reader> _readers = [];

    // Cases this store wrote or read lately, by id, with their documents as UTF-8. A hit is used only when the stored
    // document is the very same bytes — SQLite compares them, so an unchanged document is never read out nor
    // deserialised — and a case another process changed (or someone edited by hand, even at the same version) is always
    // read afresh; cases are immutable, so sharing one is safe.
    private readonly ConcurrentDictionary<SipCaseId, Known> _recent = new();
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
        _checkpointConnectionString = CheckpointConnectionString(builder);
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
    /// <exception cref="SipStorageException">
    /// The file could not be opened, is read-only where the schema must be written, is not a Sip.Workflow database, is
    /// corrupt or cut short, or has a newer schema; the message says which. The file was left untouched.
    /// </exception>
    /// <exception cref="SipTransientStoreException">Another connection kept the file locked past <see cref="SqliteStoreOptions.BusyTimeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(static connection => connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the file (schema created or migrated on first use, a wrong file refused), then takes the write lock in an empty
    /// <c>BEGIN IMMEDIATE</c> transaction, reads the schema version under it and releases it: nothing is written.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The store's name and schema version.</returns>
    /// <exception cref="SipStorageException">
    /// The file could not be opened, is read-only, is not a Sip.Workflow database, is corrupt or cut short, or has another
    /// schema version; the message says which.
    /// </exception>
    /// <exception cref="SipTransientStoreException">Another connection held the write lock past <see cref="SqliteStoreOptions.BusyTimeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<SipStoreHealth> ProbeAsync(CancellationToken cancellationToken = default)
    {
        // The write path itself, with nothing to write: the same lock, the same schema check a command meets.
        await WriteAsync(static _ => { }, static () => { }, static violation => violation.Error, cancellationToken).ConfigureAwait(false);
        return new SipStoreHealth("SQLite store", SqliteSchema.CurrentVersion);
    }

    /// <inheritdoc />
    /// <exception cref="SipStorageException">
    /// The file cannot be written: it is read-only, corrupt, cut short or not a SQLite database, the disk failed or is
    /// full, or another process migrated it to another schema version since this store opened it. The message says which,
    /// and whether the change was saved.
    /// </exception>
    /// <exception cref="SipTransientStoreException">Another writer kept the file locked past <see cref="SqliteStoreOptions.BusyTimeout"/>; nothing was saved.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task CreateAsync(SipCase newCase, SipEvent openingEvent, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateCreate(newCase, openingEvent);
        var head = SipCaseItems.SerializeHeadToUtf8Bytes(newCase);
        var (items, _) = SipCaseItems.Changes(null, newCase);
        var eventDocument = SipJson.SerializeEvent(openingEvent);
        var accessKeys = SipCaseAccessKeys.Of(newCase);
        return WriteAsync(writer =>
        {
            EnsureNotPurged(writer, newCase.Id);
            Writer.BindCase(writer.InsertCase, SipCaseIndex.Of(newCase), head, items.Count, newCase.HistoryHead);
            writer.InsertCase.ExecuteNonQuery();
            // Rows under this id left by a case row removed by hand go first: the new case's items are all it has.
            writer.WriteItems(newCase.Id, items, [], replace: true);
            writer.WriteAccessKeys(newCase.Id, accessKeys, replace: false);
            writer.BindEvent(openingEvent, eventDocument);
            writer.InsertEvent.ExecuteNonQuery();
        },
        () => Remember(new Known(newCase, head, ItemsStored: true)),
        constraint => SipStoreRules.UniqueViolation(newCase.Id, 0, constraint.ActualVersion(newCase.Id), sequenceTaken: false, constraint.Error),
        cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="SipStorageException">
    /// The file cannot be read (its folder is read-only, it is corrupt, cut short or not a SQLite database, or the disk
    /// failed), or a stored row was changed outside Sip.Workflow. The message says which; nothing was changed.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        var read = await ReadWithAsync<StoredCase?>(reader =>
        {
            // The columns, the head and the items are always compared: an edit outside the library is refused, never served
            // from the cache of what this store wrote or read before. SQLite compares the head with the one this store
            // knows, byte for byte, and returns it only when it differs; the items are read and compared here.
            var cached = _recent.TryGetValue(caseId, out var known);

            // One read transaction: the row and its items from the same snapshot, whatever commits meanwhile.
            using var snapshot = reader.Snapshot();
            reader.GetCase.Parameters["$id"].Value = Key(caseId);
            reader.GetCase.Parameters["$known"].Value = cached ? known.Head : DBNull.Value;
            SipCaseIndex columns;
            long? itemCount;
            byte[]? head;
            try
            {
                using var row = reader.GetCase.ExecuteReader();
                if (!row.Read())
                {
                    return null;
                }

                columns = SipCaseIndex.FromColumns(caseId, row, 0);
                itemCount = row.IsDBNull(SipCaseIndex.ColumnCount) ? null : row.GetInt64(SipCaseIndex.ColumnCount);
                head = row.IsDBNull(SipCaseIndex.ColumnCount + 1) ? null : row.GetFieldValue<byte[]>(SipCaseIndex.ColumnCount + 1);
            }
            finally
            {
                // The pooled statement must not keep a document alive.
                reader.GetCase.Parameters["$known"].Value = DBNull.Value;
            }

            reader.GetItems.Parameters["$id"].Value = Key(caseId);
            var items = ReadItems(reader.GetItems);
            // A whole document (no items) the store knows is a hit when it is the same; a case in parts when its items are too.
            var same = cached && head is null && itemCount == known.StoredItemCount && (itemCount is null ? items.Count == 0 : known.SameItems(items));
            return new StoredCase(columns, itemCount, same ? known.Case : null,
                head ?? known.Head, items);
        }, cancellationToken).ConfigureAwait(false);
        if (read is not { } found)
        {
            return null;
        }

        if (found.Hit is { } hit)
        {
            SipStoreRules.EnsureRowMatches(found.Row, hit);
            return hit;
        }

        var sipCase = CaseOf(found.Row, found.ItemCount, found.Head!, found.Items);
        Remember(new Known(sipCase, found.Head, ItemsStored: found.ItemCount is not null));
        return sipCase;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A case this store wrote or read is answered from memory when the stored row still has its version, indexed columns,
    /// item count and history head (the hash of the newest event its writer sealed): only the row's own page is read, not the
    /// head document nor the items. Any other case, or a row that changed, is read as <see cref="GetAsync"/> reads it.
    /// </remarks>
    /// <exception cref="SipStorageException">
    /// The file cannot be read (its folder is read-only, it is corrupt, cut short or not a SQLite database, or the disk
    /// failed), or a stored row was changed outside Sip.Workflow. The message says which; nothing was changed.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public async Task<SipCase?> GetForCommandAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
    {
        if (!_recent.TryGetValue(caseId, out var known))
        {
            return await GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        }

        var row = await ReadWithAsync(reader =>
        {
            reader.GetColumns.Parameters["$id"].Value = Key(caseId);
            using var found = reader.GetColumns.ExecuteReader();
            return found.Read()
                ? (SipCaseIndex.FromColumns(caseId, found, 0), found.IsDBNull(SipCaseIndex.ColumnCount) ? null : found.GetInt64(SipCaseIndex.ColumnCount),
                    found.IsDBNull(SipCaseIndex.ColumnCount + 1) ? null : found.GetString(SipCaseIndex.ColumnCount + 1))
                : ((SipCaseIndex, long?, string?)?)null;
        }, cancellationToken).ConfigureAwait(false);

        // The history head the row's writer sealed too: a file restored under a running store, with the case written again at
        // the version this store remembers, has the same version and perhaps the same columns, but another history.
        if (row is not var (columns, itemCount, head) || columns.Version != known.Case.Version || itemCount != known.StoredItemCount
            || head != known.Case.HistoryHead)
        {
            // Gone, or written by another node since: read what is stored.
            return await GetAsync(caseId, cancellationToken).ConfigureAwait(false);
        }

        SipStoreRules.EnsureRowMatches(columns, known.Case);
        return known.Case;
    }

    /// <inheritdoc />
    /// <exception cref="SipStorageException">
    /// The file cannot be written: it is read-only, corrupt, cut short or not a SQLite database, the disk failed or is
    /// full, or another process migrated it to another schema version since this store opened it. The message says which,
    /// and whether the change was saved.
    /// </exception>
    /// <exception cref="SipTransientStoreException">Another writer kept the file locked past <see cref="SqliteStoreOptions.BusyTimeout"/>; nothing was saved.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateUpdate(updatedCase, expectedVersion, sipEvent);
        var head = SipCaseItems.SerializeHeadToUtf8Bytes(updatedCase);
        var eventDocument = SipJson.SerializeEvent(sipEvent);
        // An indexed column that is SET is re-indexed even when its value is unchanged, so only the ones that changed
        // since the version this store last saw are written; without that version every one is.
        var index = SipCaseIndex.Of(updatedCase);
        var known = _recent.TryGetValue(updatedCase.Id, out var before) && before.Case.Version == expectedVersion;
        var changed = known ? index.ChangedFrom(SipCaseIndex.Of(before.Case)) : SipCaseIndexColumns.All;

        // Most steps leave the parts the keys derive from as they were: then the keys stay as they are.
        var accessKeys = known && !SipCaseAccessKeys.MayDiffer(before.Case, updatedCase) ? null : SipCaseAccessKeys.Of(updatedCase);

        // Only the items that changed since the version this store knows are stored; without it (or with a document stored
        // whole) every item is written again.
        var itemsKnown = known && before.ItemsStored;
        var (items, shortened) = SipCaseItems.Changes(itemsKnown ? before.Case : null, updatedCase);
        var itemCount = SipCaseItems.Count(updatedCase);
        return WriteAsync(writer =>
        {
            var update = writer.Update(changed);
            Writer.BindCase(update, index, head, itemCount, updatedCase.HistoryHead);
            update.Parameters["$expected"].Value = expectedVersion;
            if (update.ExecuteNonQuery() == 0)
            {
                // Inside the write transaction, so the version read here is the one that beat us.
                throw SipStoreRules.NothingUpdated(updatedCase.Id, expectedVersion, writer.ActualVersion(updatedCase.Id));
            }

            writer.WriteItems(updatedCase.Id, items, shortened, replace: !itemsKnown);
            if (accessKeys is not null)
            {
                writer.WriteAccessKeys(updatedCase.Id, accessKeys, replace: true);
            }

            writer.BindEvent(sipEvent, eventDocument);
            writer.InsertEvent.ExecuteNonQuery();
        },
        () => Remember(new Known(updatedCase, head, ItemsStored: true)),

        // An aligned update breaks the command id's uniqueness, or an event's sequence someone added outside the library.
        constraint => SipStoreRules.UniqueViolation(
            updatedCase.Id, expectedVersion, constraint.ActualVersion(updatedCase.Id), constraint.SequenceTaken(updatedCase.Id, expectedVersion + 1), constraint.Error),
        cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="SipStorageException">
    /// The file cannot be read (its folder is read-only, it is corrupt, cut short or not a SQLite database, or the disk
    /// failed), or a stored row was changed outside Sip.Workflow. The message says which; nothing was changed.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => ReadPooledAsync<IReadOnlyList<SipEvent>>(async connection =>
        {
            using var select = Command(connection, "SELECT document FROM sip_events WHERE case_id = $id ORDER BY sequence;");
            select.Parameters.AddWithValue("$id", Key(caseId));
            return await SipStoreRules.ReadRowsAsync(select, row => SipJson.DeserializeEvent(row.GetString(0)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="SipStorageException">
    /// The file cannot be read (its folder is read-only, it is corrupt, cut short or not a SQLite database, or the disk
    /// failed), or a stored row was changed outside Sip.Workflow. The message says which; nothing was changed.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
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
    /// <exception cref="SipStorageException">
    /// The file cannot be read (its folder is read-only, it is corrupt, cut short or not a SQLite database, or the disk
    /// failed), or a stored row was changed outside Sip.Workflow. The message says which; nothing was changed.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<SipCasePage> QueryAsync(SipCaseQuery query, CancellationToken cancellationToken = default) => QueryAsync(query, heads: false, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Reads the rows' head documents and none of their item rows. A case this store wrote or read is answered as it knows it
    /// when its row and head document are still the ones it knows; any other row's head is read as a case whose lists
    /// kept apart are empty (a document stored whole, by an earlier release, is read whole).
    /// </remarks>
    /// <exception cref="SipStorageException">
    /// The file cannot be read (its folder is read-only, it is corrupt, cut short or not a SQLite database, or the disk
    /// failed), or a stored row was changed outside Sip.Workflow. The message says which; nothing was changed.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<SipCasePage> QueryHeadsAsync(SipCaseQuery query, CancellationToken cancellationToken = default) => QueryAsync(query, heads: true, cancellationToken);

    private async Task<SipCasePage> QueryAsync(SipCaseQuery query, bool heads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await ReadPooledAsync(async connection =>
        {
            // One read transaction: the rows and their items from the same snapshot, whatever commits meanwhile.
            using var snapshot = connection.BeginTransaction(deferred: true);
            IReadOnlyList<(SipCaseIndex Row, long? ItemCount, byte[] Head)> rows = [];
            if (query is { DeadlineAtOrBefore: not null, AccessKeys.Count: > 0 })
            {
                // A reader's due work: the page's cases chosen first, then their rows read (ChooseDueIdsAsync).
                var ids = await ChooseDueIdsAsync(connection, snapshot, query, MaxWalkedForKeys, cancellationToken).ConfigureAwait(false);
                if (ids.Count > 0)
                {
                    using var rowsOf = BuildRowsOf(connection, ids);
                    rowsOf.Transaction = snapshot;
                    rows = await SipStoreRules.ReadRowsAsync(rowsOf, CaseRow, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                using var select = BuildQuery(connection, query);
                select.Transaction = snapshot;
                rows = await SipStoreRules.ReadRowsAsync(select, CaseRow, cancellationToken).ConfigureAwait(false);
            }

            var cases = new List<SipCase>(rows.Count);
            if (heads)
            {
                foreach (var (row, itemCount, head) in rows)
                {
                    cases.Add(HeadOf(row, itemCount, head));
                }

                return SipCasePages.FromRows(cases, query.PageSize);
            }

            var items = await ItemsOfAsync(connection, snapshot, rows.Select(r => r.Row.Id), cancellationToken).ConfigureAwait(false);
            foreach (var (row, itemCount, head) in rows)
            {
                cases.Add(CaseOf(row, itemCount, head, items.TryGetValue(row.Id, out var own) ? own : []));
            }

            return SipCasePages.FromRows(cases, query.PageSize);
        }, cancellationToken).ConfigureAwait(false);
    }

    // A row of a case query: id, the indexed columns, the item count, the head (or whole) document.
    private static (SipCaseIndex Row, long? ItemCount, byte[] Head) CaseRow(System.Data.Common.DbDataReader reader)
        => (SipCaseIndex.FromColumns(RowId(reader.GetString(0)), reader, 1),
            reader.IsDBNull(1 + SipCaseIndex.ColumnCount) ? null : reader.GetInt64(1 + SipCaseIndex.ColumnCount),
            reader.GetFieldValue<byte[]>(2 + SipCaseIndex.ColumnCount));

    /// <summary>A case row's id column as the case id it must be; anything else was written outside Sip.Workflow.</summary>
    internal static SipCaseId RowId(string text) => Guid.TryParse(text, out var id) ? new SipCaseId(id)
        : throw new SipStorageException("A stored SIP case row has an id that is not a Guid: it was changed outside Sip.Workflow. Nothing was read.");

    /// <summary>
    /// Closes every connection the store opened and checkpoints the WAL into the database file, so that the file alone
    /// holds every committed case (a copy of it needs no <c>-wal</c> file) and is no longer held open by this process.
    /// Calling it again does nothing. It never throws: a file that is gone, read-only or damaged is left as it is.
    /// </summary>
    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _savepoints?.Dispose();
            _savepoints = null;
            _writer?.Dispose();
            _writer = null;
            while (_readers.TryTake(out var reader))
            {
                reader.Dispose();
            }

            // Closed connections go back to Microsoft.Data.Sqlite's pool and stay open there; clearing the pool closes them
            // (and the ones still in use when they are returned), which is what lets SQLite fold the WAL in and remove it.
            using (var pooled = new SqliteConnection(_connectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            if (_initialized)
            {
                Checkpoint();
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

    private void Remember(Known known)
    {
        // A crude bound: forgetting everything now and then is cheaper than tracking recency, and a miss only costs a read.
        if (_recent.Count >= RecentCapacity)
        {
            _recent.Clear();
        }

        _recent[known.Case.Id] = known;
    }

    /// <summary>
    /// Opens a connection (creating or migrating the schema on the store's first) and readies it with
    /// <paramref name="prepare"/>. A failure closes the connection, and SQLite's errors become the store's exceptions: none
    /// of this changes the data.
    /// </summary>
    private async Task<T> OpenAsync<T>(Func<SqliteConnection, T> prepare, CancellationToken cancellationToken)
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

            return prepare(connection);
        }
        catch (SqliteException e) when (Translate(e, SqliteStage.Opening) is { } refused)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw refused;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs a read on a connection from Microsoft.Data.Sqlite's pool; SQLite's errors become the store's exceptions.</summary>
    private async Task<T> ReadPooledAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        // Set on every use of a pooled connection (one short statement), so that the query's sort stays in memory.
        await using var connection = await OpenAsync(static connection =>
        {
            SqliteSchema.Execute(connection, TempStoreInMemory);
            return connection;
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            return await read(connection).ConfigureAwait(false);
        }
        catch (SqliteException e) when (Translate(e, SqliteStage.Reading) is { } failed)
        {
            throw failed;
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

    /// <summary>
    /// Copies every committed page from the WAL into the database file and empties the WAL, even while another process
    /// still has the file open.
    /// </summary>
    private void Checkpoint()
    {
        if (_checkpointConnectionString is null)
        {
            return;
        }

        try
        {
            // A fresh connection has no busy timeout: when another connection is reading or writing, the checkpoint copies
            // what it can at once instead of holding up the dispose.
            using var connection = new SqliteConnection(_checkpointConnectionString);
            connection.Open();
            SqliteSchema.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException)
        {
            // Disposing must not throw: a file that is gone, read-only or damaged cannot be checkpointed, and whatever was
            // committed is still safe in its WAL for the next connection to fold in.
        }
    }

    /// <summary>
    /// The connection the checkpoint runs on: outside the pool (so that closing it really closes the file) and never
    /// creating a file that is gone. None for a read-only or in-memory store, which has nothing of its own to fold in.
    /// </summary>
    private static string? CheckpointConnectionString(SqliteConnectionStringBuilder store)
    {
        if (store.Mode is SqliteOpenMode.ReadOnly or SqliteOpenMode.Memory
            || string.IsNullOrEmpty(store.DataSource) || store.DataSource == ":memory:")
        {
            return null;
        }

        return new SqliteConnectionStringBuilder(store.ToString()) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    // Lower-case "D" text sorts like Guid.CompareTo under SQLite's binary collation, which keyset paging relies on.
    private static string Key(SipCaseId caseId) => caseId.Value.ToString("D");
}
