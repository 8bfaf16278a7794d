using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// The access keys lists select by (SipCaseAccessKeys): read for verification, rebuilt when verification finds them changed.
public sealed partial class SqliteSipCaseStore
{
    /// <inheritdoc />
    /// <exception cref="SipStorageException">The file cannot be read; nothing was changed.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<IReadOnlyList<string>?> ReadAccessKeysAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => ReadPooledAsync<IReadOnlyList<string>?>(async connection =>
        {
            using var select = Command(connection, "SELECT key FROM sip_case_access WHERE case_id = $id ORDER BY key;");
            select.Parameters.AddWithValue("$id", Key(caseId));
            return await SipStoreRules.ReadRowsAsync(select, row => row.GetString(0), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="SipStorageException">The file cannot be read, or the event row was changed outside Sip.Workflow; nothing was changed.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<SipEvent?> GetNewestEventAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => ReadPooledAsync(async connection =>
        {
            using var select = Command(connection, "SELECT document FROM sip_events WHERE case_id = $id ORDER BY sequence DESC LIMIT 1;");
            select.Parameters.AddWithValue("$id", Key(caseId));
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? SipJson.DeserializeEvent(json) : null;
        }, cancellationToken);

    /// <summary>
    /// Removes every case's access keys and writes them again from the case documents, in one write transaction: the repair
    /// when <see cref="ISipWorkflow.VerifyStoreAsync"/> reports <see cref="SipAuditFinding.AccessKeysStale"/> (after finding out
    /// who changed them). Other writes wait until it is done; it reads every case once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call before the rebuild starts.</param>
    /// <returns>A task that completes when the keys are rebuilt.</returns>
    /// <exception cref="SipStorageException">The file cannot be written, or a stored document cannot be read; nothing was changed.</exception>
    /// <exception cref="SipTransientStoreException">Another writer kept the file locked past <see cref="SqliteStoreOptions.BusyTimeout"/>; nothing was changed.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task RebuildAccessKeysAsync(CancellationToken cancellationToken = default)
        => WriteOwnRowsAsync(writer => writer.RebuildAccessKeys(), cancellationToken);
}
