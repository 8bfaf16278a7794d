using System.Data.Common;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// Listing every case and tombstone (store-wide verification) and gallring: the one path by which anything leaves the file.
public sealed partial class SqliteSipCaseStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<SipCaseId>> ListCaseIdsAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateListing(maxCount);
        return ListAsync("SELECT id FROM sip_cases WHERE $after IS NULL OR id > $after ORDER BY id LIMIT $max;", after, maxCount, row => RowId(row.GetString(0)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipTombstone>> ListTombstonesAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateListing(maxCount);
        return ListAsync("SELECT document FROM sip_tombstones WHERE $after IS NULL OR case_id > $after ORDER BY case_id LIMIT $max;", after, maxCount,
            row => SipJson.DeserializeTombstone(row.GetString(0)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipFeedEntry>> ReadFeedAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateFeedRead(afterPosition, maxCount);
        return ReadPooledAsync<IReadOnlyList<SipFeedEntry>>(async connection =>
        {
            using var select = Command(connection,
                "SELECT f.position, e.document, t.document FROM sip_feed f " +
                "LEFT JOIN sip_events e ON f.sequence IS NOT NULL AND e.case_id = f.case_id AND e.sequence = f.sequence " +
                "LEFT JOIN sip_tombstones t ON f.sequence IS NULL AND t.case_id = f.case_id " +
                "WHERE f.position > $after ORDER BY f.position LIMIT $max;");
            select.Parameters.AddWithValue("$after", afterPosition);
            select.Parameters.AddWithValue("$max", maxCount);
            return await SipStoreRules.ReadRowsAsync(select, row => SipStoreRules.FeedEntry(
                row.GetInt64(0), row.IsDBNull(1) ? null : row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> CountFeedAsync(long afterPosition, int atMost, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateFeedCount(afterPosition, atMost);
        return ReadPooledAsync(async connection =>
        {
            using var count = Command(connection, "SELECT count(*) FROM (SELECT 1 FROM sip_feed WHERE position > $after LIMIT $max);");
            count.Parameters.AddWithValue("$after", afterPosition);
            count.Parameters.AddWithValue("$max", atMost);
            return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SipTombstone?> GetTombstoneAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => ReadPooledAsync(async connection =>
        {
            using var select = Command(connection, "SELECT document FROM sip_tombstones WHERE case_id = $id;");
            select.Parameters.AddWithValue("$id", Key(caseId));
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? SipJson.DeserializeTombstone(json) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task PurgeAsync(SipTombstone tombstone, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidatePurge(tombstone);
        var document = SipJson.SerializeTombstone(tombstone);
        var id = Key(tombstone.CaseId);
        return WriteAsync(writer =>
        {
            // Version first, inside the write transaction: a case that moved on (or is gone) is not purged.
            var actual = writer.ActualVersion(tombstone.CaseId);
            if (actual != tombstone.LastVersion)
            {
                throw SipStoreRules.PurgeRefused(tombstone, actual);
            }

            // The tombstone goes in first: the triggers let a case and its events be deleted only once it is there.
            using (var insert = writer.Statement(
                "INSERT INTO sip_tombstones (case_id, purged_at, last_version, hash, document) VALUES ($id, $at, $version, $hash, $document);",
                ("$id", id), ("$at", tombstone.PurgedAt.UtcTicks), ("$version", tombstone.LastVersion), ("$hash", tombstone.Hash), ("$document", document)))
            {
                insert.ExecuteNonQuery();
            }

            using (var items = writer.Statement("DELETE FROM sip_case_items WHERE case_id = $id;", ("$id", id)))
            {
                items.ExecuteNonQuery();
            }

            using (var keys = writer.Statement("DELETE FROM sip_case_access WHERE case_id = $id;", ("$id", id)))
            {
                keys.ExecuteNonQuery();
            }

            using (var reads = writer.Statement("DELETE FROM sip_access_log WHERE case_id = $id;", ("$id", id)))
            {
                reads.ExecuteNonQuery();
            }

            using (var events = writer.Statement("DELETE FROM sip_events WHERE case_id = $id;", ("$id", id)))
            {
                events.ExecuteNonQuery();
            }

            using var row = writer.Statement("DELETE FROM sip_cases WHERE id = $id AND version = $version;", ("$id", id), ("$version", tombstone.LastVersion));
            row.ExecuteNonQuery();
        },
        () => _recent.TryRemove(tombstone.CaseId, out _),
        constraint => SipStoreRules.PurgeRefused(tombstone, constraint.ActualVersion(tombstone.CaseId)),
        cancellationToken);
    }

    // A purged case's id is never used again: its tombstone must keep accounting for that id alone.
    private static void EnsureNotPurged(Writer writer, SipCaseId caseId)
    {
        using var select = writer.Statement("SELECT last_version FROM sip_tombstones WHERE case_id = $id;", ("$id", Key(caseId)));
        if (select.ExecuteScalar() is long purgedAt)
        {
            throw new SipConcurrencyException(caseId, expectedVersion: 0, actualVersion: purgedAt);
        }
    }

    private Task<IReadOnlyList<T>> ListAsync<T>(string sql, SipCaseId? after, int maxCount, Func<DbDataReader, T> row, CancellationToken cancellationToken)
        => ReadPooledAsync(async connection =>
        {
            using var select = Command(connection, sql);
            select.Parameters.AddWithValue("$after", after is { } a ? Key(a) : DBNull.Value);
            select.Parameters.AddWithValue("$max", maxCount);
            return await SipStoreRules.ReadRowsAsync(select, row, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}
