using System.Collections.Concurrent;
using System.Text;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// Writes: one BEGIN IMMEDIATE transaction at a time (shared by the writes queued behind it) through the connection the store keeps open, with its statements prepared once and an update statement cached per set of changed indexed columns.
public sealed partial class SqliteSipCaseStore
{
    /// <summary>
    /// Runs one write durably, sharing the <c>BEGIN IMMEDIATE</c> transaction — and so the fsync of its commit — with the
    /// writes that queued behind the one in progress (group commit). Each write of a shared transaction runs inside its own
    /// savepoint, so one write's constraint violation or refusal rolls back that write alone and never another's. A write
    /// that finds no other waiting runs alone, at once: there is no delay to gather a group. Other processes are kept out
    /// by SQLite's write lock, as before.
    /// </summary>
    /// <remarks>
    /// A constraint violation rolls back the write and becomes the exception <paramref name="onConstraint"/> makes (it reads
    /// inside the transaction, so it sees the writes of the group before it: a lost race is a lost race, as it would be one
    /// transaction later); after the commit <paramref name="committed"/> runs. A failure of the transaction itself (the
    /// disk, a commit that does not go through) fails every write of the group, none of which is then written, and drops
    /// the connection, so the next write starts on a fresh one. A write is acknowledged only after its group's commit.
    /// </remarks>
    private async Task WriteAsync(Action<Writer> write, Action committed, Func<ConstraintViolation, Exception> onConstraint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = new WriteRequest(write, committed, onConstraint, cancellationToken);
        _queuedWrites.Enqueue(request);
        try
        {
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!request.TryCancel())
        {
            // A writer holding the gate has taken this write into its group: its outcome stands, whatever the caller wants now.
            await request.Done.ConfigureAwait(false);
            return;
        }

        try
        {
            // The writer before may have run this write in its group; if not, this one leads the next group (the queue is
            // first come, first served, so a long queue may take more than one group to reach it).
            while (!request.Done.IsCompleted)
            {
                await CommitGroupAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _writeGate.Release();
        }

        await request.Done.ConfigureAwait(false);
    }

    private long _committedGroups;
    private long _committedWrites;

    /// <summary>Transactions committed and the writes they held, since the store was made (for tests of group commit).</summary>
    internal (long Groups, long Writes) Committed => (Interlocked.Read(ref _committedGroups), Interlocked.Read(ref _committedWrites));

    // The most writes one transaction takes: a bound on how long the first of them waits for the others' statements.
    private const int MaxGroup = 128;

    /// <summary>Takes the queued writes (up to <see cref="MaxGroup"/>) and commits them as one transaction; under the write gate.</summary>
    private async Task CommitGroupAsync()
    {
        var group = new List<WriteRequest>(Math.Min(MaxGroup, _queuedWrites.Count + 1));
        while (group.Count < MaxGroup && _queuedWrites.TryDequeue(out var queued))
        {
            if (queued.TryTake())
            {
                group.Add(queued);
            }
        }

        if (group.Count == 0)
        {
            return;
        }

        Writer writer;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            writer = _writer ??= await OpenWriterAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            FailAll(group, e);
            return;
        }

        var written = new List<WriteRequest>(group.Count);

        // A write refused inside the group is told so only once the transaction has ended: told at once, its caller's next
        // read (a retry, an idempotent replay's look-up) could run before the group-mate that beat it is committed, and miss it.
        var refused = new List<(WriteRequest Request, Exception Error)>();
        SqliteTransaction? transaction = null;
        var committing = false;
        try
        {
            transaction = writer.Begin();
            RefuseChangedSchema(writer.SchemaVersion());
            if (_savepoints?.Writer != writer)
            {
                _savepoints?.Dispose();
                _savepoints = new SavepointStatements(writer);
            }

            var savepoints = _savepoints;
            foreach (var request in group)
            {
                if (request.CancellationToken.IsCancellationRequested)
                {
                    refused.Add((request, new OperationCanceledException(request.CancellationToken)));
                    continue;
                }

                // Even a write alone has its savepoint (two statements, no I/O): what a refused write's handler reads is the
                // transaction without that write, whatever else the group holds.
                savepoints.Save(transaction);

                try
                {
                    request.Write(writer);
                    request.CancellationToken.ThrowIfCancellationRequested();
                    savepoints.Release(transaction);

                    written.Add(request);
                }
                catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
                {
                    Undo(transaction);
                    refused.Add((request, request.OnConstraint(new ConstraintViolation(writer, e))));
                }
                catch (Exception e) when (e is not SqliteException)
                {
                    // The write refused itself (a stale version, a purged case, cancelled) or could not be bound: only it goes.
                    Undo(transaction);
                    refused.Add((request, e));
                }
            }

            if (written.Count == 0)
            {
                transaction.Rollback();
                Answer(refused);
                return;
            }

            committing = true;
            BeforeCommit?.Invoke();
            transaction.Commit();
            Interlocked.Increment(ref _committedGroups);
            Interlocked.Add(ref _committedWrites, written.Count);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && Translate(e, SqliteStage.Writing) is { } busy)
        {
            // Busy past the time-out: nothing was written (SQLite keeps the transaction open on a busy COMMIT).
            SafeRollback(transaction);
            Answer(refused);
            FailAll(group, busy);
            return;
        }
        catch (Exception e)
        {
            // The transaction itself failed: nothing of the group was written; start the next on a fresh connection.
            SafeRollback(transaction);
            _writer = null;
            writer.Dispose();
            Answer(refused);
            FailAll(group, e is SqliteException sqlite && Translate(sqlite, committing ? SqliteStage.Committing : SqliteStage.Writing) is { } failed ? failed : e);
            return;
        }
        finally
        {
            transaction?.Dispose();
            writer.Detach();
            _savepoints?.Detach();
        }

        Answer(refused);
        foreach (var request in written)
        {
            request.Committed();
        }
    }

    /// <summary>For tests: how many writes wait to be taken into a group.</summary>
    internal int QueuedWrites => _queuedWrites.Count;

    /// <summary>For tests: runs on the writing thread just before a group's commit.</summary>
    internal Action? BeforeCommit { get; set; }

    // Each refused write hears its own refusal, whatever then became of the transaction (nothing of it was written).
    private static void Answer(List<(WriteRequest Request, Exception Error)> refused)
    {
        foreach (var (request, error) in refused)
        {
            request.Fail(error);
        }
    }

    private const string Savepoint = "sip_write";

    private SavepointStatements? _savepoints;

    /// <summary>
    /// The statements that open and release a write's savepoint, prepared once per write connection: a group runs them for
    /// each of its writes, on the writer's one serial path, and <see cref="SqliteTransaction.Save"/> and
    /// <see cref="SqliteTransaction.Release"/> parse theirs afresh on every call.
    /// </summary>
    private sealed class SavepointStatements : IDisposable
    {
        private readonly SqliteCommand _save;
        private readonly SqliteCommand _release;

        public SavepointStatements(Writer writer)
        {
            Writer = writer;
            _save = writer.Statement($"SAVEPOINT {Savepoint};");
            _save.Prepare();
            _release = writer.Statement($"RELEASE {Savepoint};");
            _release.Prepare();
        }

        /// <summary>The write connection the statements belong to.</summary>
        public Writer Writer { get; }

        public void Save(SqliteTransaction transaction)
        {
            _save.Transaction = transaction;
            _save.ExecuteNonQuery();
        }

        public void Release(SqliteTransaction transaction)
        {
            _release.Transaction = transaction;
            _release.ExecuteNonQuery();
        }

        /// <summary>Lets go of the finished transaction, as <see cref="Writer.Detach"/> does.</summary>
        public void Detach() => _save.Transaction = _release.Transaction = null;

        public void Dispose()
        {
            _save.Dispose();
            _release.Dispose();
        }
    }

    // A refused write's statements are undone to its savepoint; the group's other writes stay.
    private static void Undo(SqliteTransaction transaction)
    {
        transaction.Rollback(Savepoint);
        transaction.Release(Savepoint);
    }

    private static void FailAll(List<WriteRequest> group, Exception e)
    {
        foreach (var request in group)
        {
            request.Fail(e);
        }
    }

    /// <summary>One queued write: taken into a group by the writer holding the gate, or cancelled by its caller first.</summary>
    private sealed class WriteRequest(Action<Writer> write, Action committed, Func<ConstraintViolation, Exception> onConstraint, CancellationToken cancellationToken)
    {
        private const int Queued = 0, Taken = 1, Cancelled = 2;
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _state;

        public Action<Writer> Write { get; } = write;

        public Func<ConstraintViolation, Exception> OnConstraint { get; } = onConstraint;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public Task Done => _done.Task;

        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;

        /// <summary>
        /// The write is durable: its caller is told so. The after-commit step only refreshes the store's cache of what it
        /// wrote, so its failure costs a read later and is never reported as the write's, nor as another's.
        /// </summary>
        public void Committed()
        {
            try
            {
                committed();
            }
            catch (Exception)
            {
                // A stale cache entry is never served: every read compares the cached document with the stored one.
            }
            finally
            {
                _done.TrySetResult();
            }
        }

        public void Fail(Exception e)
        {
            if (e is OperationCanceledException cancelled)
            {
                _done.TrySetCanceled(cancelled.CancellationToken);
            }
            else
            {
                _done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// Refuses a write into a file whose schema version is no longer the one this library writes. The version is checked
    /// when the store opens the file, but another process (a newer node, during a rolling upgrade) can migrate it while
    /// this store has it open; the check runs inside every write transaction, where the version cannot change until the
    /// write has committed.
    /// </summary>
    private void RefuseChangedSchema(long version)
    {
        if (version > SqliteSchema.CurrentVersion)
        {
            throw new SipStorageException(
                $"{_describe} was migrated to schema version {version} by a newer Sip.Workflow while this store had it open; this " +
                $"library writes schema version {SqliteSchema.CurrentVersion}. Nothing was saved; upgrade Sip.Workflow.Sqlite " +
                "here too, since every process writing one file must write its schema version.");
        }

        if (version < SqliteSchema.CurrentVersion)
        {
            throw new SipStorageException(
                $"{_describe} has schema version {version}, older than the {SqliteSchema.CurrentVersion} it had when this store " +
                "opened it: the file was replaced or changed outside Sip.Workflow while this store had it open. Nothing was " +
                "saved; find out what changed the file, then open the store again.");
        }
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

    private Task<Writer> OpenWriterAsync(CancellationToken cancellationToken) => OpenAsync(connection =>
    {
        SqliteSchema.Execute(connection, _pragmas);
        return new Writer(connection);
    }, cancellationToken);

    private readonly record struct ConstraintViolation(Writer Writer, SqliteException Error)
    {
        public long? ActualVersion(SipCaseId caseId) => Writer.ActualVersion(caseId);

        public bool SequenceTaken(SipCaseId caseId, long sequence) => Writer.SequenceTaken(caseId, sequence);
    }

    /// <summary>The store's write connection with its statements prepared once and reused for every write.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _version;
        private readonly SqliteCommand _schemaVersion;
        private readonly SqliteCommand _insertAccessKey;
        private readonly SqliteCommand _deleteAccessKeys;
        private readonly SqliteCommand?[] _updates = new SqliteCommand?[(int)SipCaseIndexColumns.All + 1];
        private SqliteTransaction? _transaction;

        public Writer(SqliteConnection connection)
        {
            _connection = connection;
            InsertCase = Prepare(
                "INSERT INTO sip_cases (id, version, state, subject_ref, lead_principal, lead_org, next_deadline, document_version, document, item_count, history_head) " +
                "VALUES ($id, $version, $state, $subject, $lead, $leadOrg, $deadline, $documentVersion, CAST($document AS TEXT), $items, $head);",
                "$id", "$version", "$state", "$subject", "$lead", "$leadOrg", "$deadline", "$documentVersion", "$document", "$items", "$head");
            InsertEvent = Prepare(
                "INSERT INTO sip_events (case_id, sequence, command_id, event_type, occurred_at, hash, document) " +
                "VALUES ($case, $sequence, $command, $type, $at, $hash, $document);",
                "$case", "$sequence", "$command", "$type", "$at", "$hash", "$document");
            _version = Prepare("SELECT version FROM sip_cases WHERE id = $id;", "$id");
            _insertAccessKey = Prepare("INSERT INTO sip_case_access (case_id, key) VALUES ($id, $key);", "$id", "$key");
            _deleteAccessKeys = Prepare("DELETE FROM sip_case_access WHERE case_id = $id;", "$id");
            _schemaVersion = Prepare("SELECT user_version FROM pragma_user_version;");
            _writeItem = Prepare(
                "INSERT INTO sip_case_items (case_id, list, position, document) VALUES ($id, $list, $position, CAST($document AS TEXT)) " +
                "ON CONFLICT (case_id, list, position) DO UPDATE SET document = excluded.document;",
                "$id", "$list", "$position", "$document");
            _deleteItemsFrom = Prepare("DELETE FROM sip_case_items WHERE case_id = $id AND list = $list AND position >= $from;", "$id", "$list", "$from");
            _deleteItems = Prepare("DELETE FROM sip_case_items WHERE case_id = $id;", "$id");
        }

        private readonly SqliteCommand _writeItem;
        private readonly SqliteCommand _deleteItemsFrom;
        private readonly SqliteCommand _deleteItems;

        /// <summary>
        /// Writes a case's items that changed (<see cref="SipCaseItems.Changes"/>) and removes those past a list that became
        /// shorter; with <paramref name="replace"/>, first removes every item the case has (their layout is not known).
        /// </summary>
        public void WriteItems(SipCaseId caseId, IReadOnlyList<SipCaseItem> write, IReadOnlyList<(string List, int Length)> shortened, bool replace)
        {
            var id = Key(caseId);
            if (replace)
            {
                _deleteItems.Transaction = _transaction;
                _deleteItems.Parameters["$id"].Value = id;
                _deleteItems.ExecuteNonQuery();
            }

            _deleteItemsFrom.Transaction = _transaction;
            _deleteItemsFrom.Parameters["$id"].Value = id;
            foreach (var (list, length) in shortened)
            {
                _deleteItemsFrom.Parameters["$list"].Value = list;
                _deleteItemsFrom.Parameters["$from"].Value = length;
                _deleteItemsFrom.ExecuteNonQuery();
            }

            _writeItem.Transaction = _transaction;
            _writeItem.Parameters["$id"].Value = id;
            try
            {
                foreach (var item in write)
                {
                    _writeItem.Parameters["$list"].Value = item.List;
                    _writeItem.Parameters["$position"].Value = item.Position;

                    // Bound as the element's own UTF-8 bytes (memoised with the element, not copied), stored as TEXT by the CAST.
                    _writeItem.Parameters["$document"].Value = Bytes(item.Json);
                    _writeItem.ExecuteNonQuery();
                }
            }
            finally
            {
                // The prepared statement must not keep an element's text alive.
                _writeItem.Parameters["$document"].Value = DBNull.Value;
            }
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

            var set = new StringBuilder("UPDATE sip_cases SET version = $version, document_version = $documentVersion, document = CAST($document AS TEXT), item_count = $items, history_head = $head");
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
            var command = Prepare(set.ToString(), "$id", "$version", "$state", "$subject", "$lead", "$leadOrg", "$deadline", "$documentVersion", "$document", "$items", "$head", "$expected");
            command.Transaction = _transaction;
            return _updates[index] = command;
        }

        public SqliteCommand InsertEvent { get; }

        /// <summary>Removes every access key and writes each case's again, from its document.</summary>
        public void RebuildAccessKeys()
        {
            using (var all = Statement("DELETE FROM sip_case_access;"))
            {
                all.ExecuteNonQuery();
            }

            SqliteSchema.BackfillAccessKeys(_connection, _transaction!, withItems: true);
        }

        /// <summary>Writes a case's access keys, first removing those of its version before when <paramref name="replace"/>.</summary>
        public void WriteAccessKeys(SipCaseId caseId, IReadOnlyList<string> keys, bool replace)
        {
            var id = Key(caseId);
            if (replace)
            {
                _deleteAccessKeys.Transaction = _transaction;
                _deleteAccessKeys.Parameters["$id"].Value = id;
                _deleteAccessKeys.ExecuteNonQuery();
            }

            _insertAccessKey.Transaction = _transaction;
            _insertAccessKey.Parameters["$id"].Value = id;
            foreach (var key in keys)
            {
                _insertAccessKey.Parameters["$key"].Value = key;
                _insertAccessKey.ExecuteNonQuery();
            }
        }

        public SqliteTransaction Begin()
        {
            var transaction = _connection.BeginTransaction(deferred: false);
            _transaction = transaction;
            InsertCase.Transaction = InsertEvent.Transaction = _version.Transaction = _schemaVersion.Transaction = transaction;
            return transaction;
        }

        /// <summary>Lets go of the finished transaction, so that a read outside one (after a rollback) is allowed.</summary>
        public void Detach()
        {
            _transaction = null;
            InsertCase.Transaction = InsertEvent.Transaction = _version.Transaction = _schemaVersion.Transaction = null;
            _insertAccessKey.Transaction = _deleteAccessKeys.Transaction = null;
            _writeItem.Transaction = _deleteItemsFrom.Transaction = _deleteItems.Transaction = null;
            foreach (var update in _updates)
            {
                update?.Transaction = null;
            }
        }

        /// <summary>A one-off statement in the current transaction (the rare writes: purges).</summary>
        public SqliteCommand Statement(string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = _transaction;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command;
        }

        public bool SequenceTaken(SipCaseId caseId, long sequence)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM sip_events WHERE case_id = $id AND sequence = $sequence;";
            command.Parameters.AddWithValue("$id", Key(caseId));
            command.Parameters.AddWithValue("$sequence", sequence);
            return command.ExecuteScalar() is not null;
        }

        /// <summary>The file's schema version, as of the write transaction.</summary>
        public long SchemaVersion() => (long)_schemaVersion.ExecuteScalar()!;

        public long? ActualVersion(SipCaseId caseId)
        {
            _version.Parameters["$id"].Value = Key(caseId);
            return _version.ExecuteScalar() is long version ? version : null;
        }

        // The case document comes as UTF-8 and is bound as those bytes, stored as TEXT by the statement's CAST: no text of
        // twice its size is made to be converted back to UTF-8 by the driver, and the bytes are the ones the store remembers.
        public static void BindCase(SqliteCommand command, SipCaseIndex index, byte[] document, int itemCount, string? historyHead)
        {
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
            p["$items"].Value = itemCount;
            p["$head"].Value = (object?)historyHead ?? DBNull.Value;
        }

        private static byte[] Bytes(ReadOnlyMemory<byte> memory)
            => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
                ? whole.Array
                : memory.ToArray();

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
            _schemaVersion.Dispose();
            _insertAccessKey.Dispose();
            _deleteAccessKeys.Dispose();
            _writeItem.Dispose();
            _deleteItemsFrom.Dispose();
            _deleteItems.Dispose();
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
