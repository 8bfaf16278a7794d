using Microsoft.Data.Sqlite;

namespace Sip.Workflow.Sqlite;

// How SQLite's error codes become the store contract's exceptions: one translation for opening, reading and writing.
public sealed partial class SqliteSipCaseStore
{
    private const int SqliteReadOnlyDirectory = 8 | (6 << 8);

    /// <summary>How far a call had got when SQLite failed, which decides what became of the data.</summary>
    internal enum SqliteStage
    {
        /// <summary>Opening the file, checking or migrating its schema: the migration is rolled back.</summary>
        Opening,

        /// <summary>A read, which changes nothing.</summary>
        Reading,

        /// <summary>A write before its commit, which the failure rolls back.</summary>
        Writing,

        /// <summary>A write's commit, which may or may not have reached the file.</summary>
        Committing,
    }

    /// <summary>
    /// Turns a SQLite failure into the store's documented exceptions: a database that stayed locked past the busy time-out
    /// is a passing failure (<see cref="SipTransientStoreException"/>); a read-only, corrupt or non-database file, an I/O
    /// error, a full disk or a file that cannot be opened is a <see cref="SipStorageException"/> that says which, what
    /// became of the data and what to do. Any other error is not the file's (a bug, a table changed by hand) and stays as
    /// it is: <see langword="null"/>.
    /// </summary>
    internal Exception? Translate(SqliteException e, SqliteStage stage)
    {
        var outcome = stage switch
        {
            SqliteStage.Opening => "It was left untouched.",
            SqliteStage.Reading => "Nothing was changed.",
            SqliteStage.Writing => "Nothing was saved.",
            _ => "The change may or may not have been saved; once the file is fixed, retry with the same CommandId, which applies it at most once.",
        };
        var code = e.SqliteExtendedErrorCode == e.SqliteErrorCode
            ? $"SQLite error {e.SqliteErrorCode}"
            : $"SQLite error {e.SqliteErrorCode}, extended {e.SqliteExtendedErrorCode}";
        if (e.SqliteErrorCode is 5 or 6)
        {
            return new SipTransientStoreException(
                $"{_describe} stayed locked by another connection past the busy time-out; {code}. {outcome} It is safe to retry.",
                mayHaveBeenApplied: stage == SqliteStage.Committing, e);
        }

        (string Problem, string Remedy)? refusal = e.SqliteErrorCode switch
        {
            8 when e.SqliteExtendedErrorCode == SqliteReadOnlyDirectory => (
                "is read-only to this process: its folder may not be written, and SQLite must create its journal files " +
                "(-wal and -shm, or -journal) beside the database, even to read it",
                "Give the process write access to the folder."),
            8 => (
                "is read-only to this process: the file may not be written, or the connection string opens it with Mode=ReadOnly",
                "Give the process write access to the file and its folder."),
            10 => ("could not be read or written: the operating system reported an I/O error", "Check the disk and the file system, then retry."),
            11 => (
                "is corrupt: its pages do not form a valid SQLite database (damaged on disk, cut short, or overwritten by another program)",
                "Stop every process using it and restore it from a backup."),
            13 => ("could not grow: the disk is full", "Free space on the disk, then retry."),
            14 => ("could not be opened", "Check that the folder exists and is writable, and that the path names a file."),
            26 => (
                "is not a SQLite database: its header is not SQLite's (another kind of file, or a database whose first bytes were overwritten)",
                "Point the store at a Sip.Workflow database or a new file, or restore this one from a backup."),
            _ => null,
        };
        return refusal is var (problem, remedy) ? new SipStorageException($"{_describe} {problem}; {code}. {outcome} {remedy}", e) : null;
    }
}
