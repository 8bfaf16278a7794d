using Npgsql;
using NpgsqlTypes;
using Sip.Workflow.Storage;

namespace Sip.Workflow.PostgreSql;

// The access log: one INSERT, committed on its own before the read is answered.
public sealed partial class PostgreSqlSipCaseStore : ISipAccessLogStore
{
    /// <inheritdoc />
    public async Task AppendAccessAsync(SipAccessRecord record, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateAccessRecord(record);
        var document = SipJson.SerializeAccessRecord(record with { Sequence = 0 });
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var insert = new NpgsqlCommand($"INSERT INTO {_qualified}.sip_access_log (case_id, user_id, document) VALUES ($1, $2, $3)", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = record.CaseId.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.Actor.UserId });
            insert.Parameters.Add(new NpgsqlParameter { Value = document, NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e))
        {
            // Not knowing whether it was logged, the read is not answered: a retry logs it (again, at worst).
            throw new SipTransientStoreException(
                $"PostgreSQL was unavailable ({Describe(e)}); the read of SIP case {record.CaseId} could not be logged and was not answered. It is safe to retry.",
                mayHaveBeenApplied: true,
                e);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipAccessRecord>> ReadAccessLogAsync(SipAccessLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand(
                $"SELECT sequence, document::text FROM {_qualified}.sip_access_log WHERE sequence > $1 " +
                "AND ($2::uuid IS NULL OR case_id = $2) AND ($3::text IS NULL OR user_id = $3) ORDER BY sequence LIMIT $4", connection);
            select.Parameters.Add(new NpgsqlParameter { Value = query.AfterSequence });
            select.Parameters.Add(new NpgsqlParameter { Value = query.CaseId is { } id ? id.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            select.Parameters.Add(new NpgsqlParameter { Value = (object?)query.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            select.Parameters.Add(new NpgsqlParameter { Value = query.MaxCount });
            return await SipStoreRules.ReadRowsAsync(select, row => SipJson.DeserializeAccessRecord(row.GetString(1), row.GetInt64(0)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }
}
