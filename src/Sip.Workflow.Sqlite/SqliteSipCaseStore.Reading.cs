using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// Reads: a pool of read connections, each with its point lookups prepared once.
public sealed partial class SqliteSipCaseStore
{
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
        catch (SqliteException e) when (Translate(e, SqliteStage.Reading) is { } failed)
        {
            reader.Dispose();
            throw failed;
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

        return await OpenAsync(static connection =>
        {
            SqliteSchema.Execute(connection, CachePragmas);
            return new Reader(connection);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A read connection with the point lookups prepared once.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;

        public Reader(SqliteConnection connection)
        {
            _connection = connection;
            GetCase = connection.CreateCommand();
            // The document only when it is not the one the store knows ($known, its UTF-8 bytes; NULL when it knows none):
            // a document is never NULL, so NULL here means "the same".
            GetCase.CommandText = $"SELECT {SipCaseIndex.Columns}, item_count, CASE WHEN CAST(document AS BLOB) = $known THEN NULL ELSE document END FROM sip_cases WHERE id = $id;";
            GetCase.Parameters.Add(new SqliteParameter { ParameterName = "$id", Value = DBNull.Value });
            GetCase.Parameters.Add(new SqliteParameter { ParameterName = "$known", Value = DBNull.Value });
            GetCase.Prepare();
            GetColumns = connection.CreateCommand();
            GetColumns.CommandText =
                $"SELECT {SipCaseIndex.Columns}, item_count, history_head FROM sip_cases WHERE id = $id;";
            GetColumns.Parameters.Add(new SqliteParameter { ParameterName = "$id", Value = DBNull.Value });
            GetColumns.Prepare();
            GetItems = connection.CreateCommand();
            GetItems.CommandText = ItemsOfCase;
            GetItems.Parameters.Add(new SqliteParameter { ParameterName = "$id", Value = DBNull.Value });
            GetItems.Prepare();
            FindByCommand = connection.CreateCommand();
            FindByCommand.CommandText = "SELECT document FROM sip_events WHERE command_id = $command;";
            FindByCommand.Parameters.Add(new SqliteParameter { ParameterName = "$command", Value = DBNull.Value });
            FindByCommand.Prepare();
        }

        public SqliteCommand GetCase { get; }

        /// <summary>
        /// A read transaction for <see cref="GetCase"/> and <see cref="GetItems"/>, so that the row and its items come from one
        /// snapshot; disposing it ends the transaction.
        /// </summary>
        public IDisposable Snapshot()
        {
            var transaction = _connection.BeginTransaction(deferred: true);
            GetCase.Transaction = GetItems.Transaction = transaction;
            return new Ending(this, transaction);
        }

        private sealed class Ending(Reader reader, SqliteTransaction transaction) : IDisposable
        {
            public void Dispose()
            {
                reader.GetCase.Transaction = reader.GetItems.Transaction = null;

                // Nothing was written: ending it either way only lets go of the snapshot.
                transaction.Dispose();
            }
        }

        public SqliteCommand FindByCommand { get; }

        /// <summary>A case's items (<see cref="SipCaseItems"/>), by list and position.</summary>
        public SqliteCommand GetItems { get; }

        /// <summary>
        /// A case's row without its document: the version, the indexed columns, the item count and the history head, all in
        /// the row's own page. Reading the newest event instead, or counting the item rows, cost a command 25–40 µs each (a
        /// subquery on another B-tree, whose pages are fresh in the WAL), a tenth of a durable command.
        /// </summary>
        public SqliteCommand GetColumns { get; }

        public void Dispose()
        {
            GetCase.Dispose();
            GetColumns.Dispose();
            GetItems.Dispose();
            FindByCommand.Dispose();
            _connection.Dispose();
        }
    }
}
