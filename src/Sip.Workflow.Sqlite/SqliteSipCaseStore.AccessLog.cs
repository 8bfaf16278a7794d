using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// The access log: appended through the one writer, in its own transaction, so a record is as durable as an event is.
public sealed partial class SqliteSipCaseStore : ISipAccessLogStore
{
    /// <inheritdoc />
    public Task AppendAccessAsync(SipAccessRecord record, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateAccessRecord(record);
        var document = SipJson.SerializeAccessRecord(record with { Sequence = 0 });
        return WriteOwnRowsAsync(writer =>
        {
            using var insert = writer.Statement(
                "INSERT INTO sip_access_log (case_id, user_id, document) VALUES ($case, $user, $document);",
                ("$case", Key(record.CaseId)), ("$user", record.Actor.UserId), ("$document", document));
            insert.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipAccessRecord>> ReadAccessLogAsync(SipAccessLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadPooledAsync(async connection =>
        {
            using var select = Command(connection,
                "SELECT sequence, document FROM sip_access_log WHERE sequence > $after " +
                "AND ($case IS NULL OR case_id = $case) AND ($user IS NULL OR user_id = $user) ORDER BY sequence LIMIT $max;");
            select.Parameters.AddWithValue("$after", query.AfterSequence);
            select.Parameters.AddWithValue("$case", query.CaseId is { } id ? Key(id) : DBNull.Value);
            select.Parameters.AddWithValue("$user", (object?)query.UserId ?? DBNull.Value);
            select.Parameters.AddWithValue("$max", query.MaxCount);
            return await SipStoreRules.ReadRowsAsync(select, row => SipJson.DeserializeAccessRecord(row.GetString(1), row.GetInt64(0)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }
}
