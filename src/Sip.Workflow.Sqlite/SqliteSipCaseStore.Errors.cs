using Microsoft.Data.Sqlite;

namespace Sip.Workflow.Sqlite;

// How SQLite's error codes become the store contract's exceptions.
public sealed partial class SqliteSipCaseStore
{
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
}
