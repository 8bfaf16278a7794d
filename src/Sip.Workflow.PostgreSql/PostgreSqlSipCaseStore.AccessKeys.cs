using Npgsql;
using Sip.Workflow.Storage;

namespace Sip.Workflow.PostgreSql;

// The access keys lists select by (SipCaseAccessKeys): read for verification, rebuilt when verification finds them changed.
public sealed partial class PostgreSqlSipCaseStore
{
    /// <inheritdoc />
    /// <exception cref="SipStorageException">The schema cannot be used; nothing was changed.</exception>
    /// <exception cref="SipTransientStoreException">PostgreSQL was unavailable; nothing was read. It is safe to retry.</exception>
    public Task<IReadOnlyList<string>?> ReadAccessKeysAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => ReadAsync<IReadOnlyList<string>?>(async connection =>
        {
            await using var select = new NpgsqlCommand($"SELECT key FROM {_qualified}.sip_case_access WHERE case_id = $1 ORDER BY key COLLATE \"C\"", connection);
            select.Parameters.Add(new NpgsqlParameter { Value = caseId.Value });
            return await SipStoreRules.ReadRowsAsync(select, row => row.GetString(0), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="SipStorageException">The schema cannot be used, or the event row was changed outside Sip.Workflow; nothing was changed.</exception>
    /// <exception cref="SipTransientStoreException">PostgreSQL was unavailable; nothing was read. It is safe to retry.</exception>
    public Task<SipEvent?> GetNewestEventAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand($"SELECT document::text FROM {_qualified}.sip_events WHERE case_id = $1 ORDER BY sequence DESC LIMIT 1", connection);
            select.Parameters.Add(new NpgsqlParameter { Value = caseId.Value });
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? SipJson.DeserializeEvent(json) : null;
        }, cancellationToken);

    /// <summary>
    /// Removes every case's access keys and writes them again from the case documents, in one transaction that holds off
    /// writes to the cases until it ends (every node's): the repair when <see cref="ISipWorkflow.VerifyStoreAsync"/> reports
    /// <see cref="SipAuditFinding.AccessKeysStale"/> (after finding out who changed them). It reads every case once.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call; a cancelled rebuild changes nothing.</param>
    /// <returns>A task that completes when the keys are rebuilt.</returns>
    /// <exception cref="SipStorageException">The schema cannot be used, or a stored document cannot be read; nothing was changed.</exception>
    /// <exception cref="SipTransientStoreException">PostgreSQL was unavailable; nothing was changed. It is safe to retry.</exception>
    public async Task RebuildAccessKeysAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // SHARE mode lets readers on and holds every writer back, so no case changes between its document being read and
            // its keys being written.
            await using (var hold = new NpgsqlCommand($"LOCK TABLE {_qualified}.sip_cases IN SHARE MODE; DELETE FROM {_qualified}.sip_case_access", connection, transaction))
            {
                await hold.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await PostgreSqlSchema.BackfillAccessKeysAsync(connection, transaction, _qualified, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw new SipTransientStoreException($"PostgreSQL was unavailable while the access keys were rebuilt ({Describe(e)}); nothing was changed. It is safe to retry.", mayHaveBeenApplied: false, e);
        }
    }
}
