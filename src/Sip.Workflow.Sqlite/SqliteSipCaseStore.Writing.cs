using System.Text;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// Writes: one BEGIN IMMEDIATE transaction at a time through the connection the store keeps open, with its statements prepared once and an update statement cached per set of changed indexed columns.
public sealed partial class SqliteSipCaseStore
{
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
                RefuseChangedSchema(writer.SchemaVersion());
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
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && Translate(e, SqliteStage.Writing) is { } busy)
            {
                // Busy past the time-out: nothing was written (SQLite keeps the transaction open on a busy COMMIT).
                SafeRollback(transaction);
                throw busy;
            }
            catch (SqliteException e)
            {
                _writer = null;
                writer.Dispose();
                if (Translate(e, committing ? SqliteStage.Committing : SqliteStage.Writing) is { } failed)
                {
                    throw failed;
                }

                throw;
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
            _schemaVersion = Prepare("SELECT user_version FROM pragma_user_version;");
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
            InsertCase.Transaction = InsertEvent.Transaction = _version.Transaction = _schemaVersion.Transaction = transaction;
            return transaction;
        }

        /// <summary>Lets go of the finished transaction, so that a read outside one (after a rollback) is allowed.</summary>
        public void Detach()
        {
            _transaction = null;
            InsertCase.Transaction = InsertEvent.Transaction = _version.Transaction = _schemaVersion.Transaction = null;
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

        public static void BindCase(SqliteCommand command, SipCaseIndex index, string document)
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
            _schemaVersion.Dispose();
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
