using Npgsql;
using NpgsqlTypes;
using Sip.Workflow.Storage;

namespace Sip.Workflow.PostgreSql;

// The indicator projection: a step is one transaction that locks the position row first, so two readers of the feed
// never both apply theirs; rows and sums go in as arrays, one statement each, whatever the step's size.
public sealed partial class PostgreSqlSipCaseStore : ISipIndicatorStore
{
    /// <inheritdoc />
    public Task<long> GetIndicatorPositionAsync(CancellationToken cancellationToken = default)
        => ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand($"SELECT position FROM {_qualified}.sip_indicator_position WHERE id = 1", connection);
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : 0;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SipIndicatorCaseRow>> GetIndicatorCasesAsync(IReadOnlyCollection<SipCaseId> caseIds, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateIndicatorCases(caseIds);
        return ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand(
                $"SELECT case_id, principal, unit, policy, origin, body FROM {_qualified}.sip_indicator_cases WHERE case_id = ANY($1)", connection);
            select.Parameters.Add(new NpgsqlParameter { Value = caseIds.Select(id => id.Value).Distinct().ToArray() });
            return await SipStoreRules.ReadRowsAsync(select, row => SipIndicatorCaseRow.Decode(
                new SipCaseId(row.GetGuid(0)), new SipIndicatorDimensions(row.GetString(1), row.GetString(2), row.GetString(3), row.GetString(4)),
                row.GetString(5)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> SaveIndicatorsAsync(SipIndicatorChange change, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateIndicatorChange(change);
        var applied = false;
        await WriteIndicatorsAsync(async (connection, transaction) =>
        {
            await using (var position = new NpgsqlCommand(
                $"UPDATE {_qualified}.sip_indicator_position SET position = $1 WHERE id = 1 AND position = $2", connection, transaction))
            {
                position.Parameters.Add(new NpgsqlParameter { Value = change.Position });
                position.Parameters.Add(new NpgsqlParameter { Value = change.ExpectedPosition });
                if (await position.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    return;
                }
            }

            var rows = change.Upserts;
            var deadlines = rows.SelectMany(r => r.Deadlines.Select(d => (r.CaseId, d))).ToList();

            // The same sum named twice in one statement would be updated twice; add the changes up first.
            var cells = change.CellDeltas.GroupBy(c => (c.Month, c.Metric, c.Value, c.Dimensions)).Select(g => (g.Key, Count: g.Sum(c => c.Count))).ToList();
            await using var batch = new NpgsqlBatch(connection, transaction);
            Add(batch,
                $"DELETE FROM {_qualified}.sip_indicator_deadlines WHERE case_id = ANY($1)",
                rows.Select(r => r.CaseId.Value).Concat(change.Removals.Select(id => id.Value)).ToArray());
            Add(batch, $"DELETE FROM {_qualified}.sip_indicator_cases WHERE case_id = ANY($1)", change.Removals.Select(id => id.Value).ToArray());
            Add(batch,
                $"INSERT INTO {_qualified}.sip_indicator_cases (case_id, principal, unit, policy, origin, body) " +
                "SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) " +
                "ON CONFLICT (case_id) DO UPDATE SET principal = excluded.principal, unit = excluded.unit, policy = excluded.policy, origin = excluded.origin, body = excluded.body",
                rows.Select(r => r.CaseId.Value).ToArray(), rows.Select(r => r.Dimensions.Principal).ToArray(), rows.Select(r => r.Dimensions.Unit).ToArray(),
                rows.Select(r => r.Dimensions.Policy).ToArray(), rows.Select(r => r.Dimensions.Origin).ToArray(), rows.Select(r => r.EncodeBody()).ToArray());
            Add(batch,
                $"INSERT INTO {_qualified}.sip_indicator_deadlines (case_id, code, due_at) SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[])",
                deadlines.Select(d => d.CaseId.Value).ToArray(), deadlines.Select(d => d.d.Code).ToArray(), deadlines.Select(d => d.d.DueAt.UtcTicks).ToArray());
            object[] keys =
            [
                cells.Select(c => c.Key.Month.ToString()).ToArray(), cells.Select(c => c.Key.Metric).ToArray(), cells.Select(c => c.Key.Value).ToArray(),
                cells.Select(c => c.Key.Dimensions.Principal).ToArray(), cells.Select(c => c.Key.Dimensions.Unit).ToArray(),
                cells.Select(c => c.Key.Dimensions.Policy).ToArray(), cells.Select(c => c.Key.Dimensions.Origin).ToArray(),
            ];
            Add(batch,
                $"INSERT INTO {_qualified}.sip_indicator_cells AS c (month, metric, value, principal, unit, policy, origin, count) " +
                "SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[]) " +
                "ON CONFLICT (month, metric, value, principal, unit, policy, origin) DO UPDATE SET count = c.count + excluded.count",
                [.. keys, cells.Select(c => c.Count).ToArray()]);

            // Sums that reach zero go, looked up by their key: never a scan of all sums.
            Add(batch,
                $"DELETE FROM {_qualified}.sip_indicator_cells c USING unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[]) " +
                "AS k (month, metric, value, principal, unit, policy, origin) " +
                "WHERE c.month = k.month AND c.metric = k.metric AND c.value = k.value AND c.principal = k.principal AND c.unit = k.unit " +
                "AND c.policy = k.policy AND c.origin = k.origin AND c.count = 0",
                keys);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            applied = true;
        }, cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipIndicatorCell>> ReadIndicatorCellsAsync(SipYearMonth first, SipYearMonth last, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateIndicatorMonths(first, last);
        return ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand(
                $"SELECT month, metric, value, principal, unit, policy, origin, count FROM {_qualified}.sip_indicator_cells WHERE month >= $1 AND month <= $2",
                connection);
            select.Parameters.Add(new NpgsqlParameter { Value = first.ToString() });
            select.Parameters.Add(new NpgsqlParameter { Value = last.ToString() });
            return await SipStoreRules.ReadRowsAsync(select, row => new SipIndicatorCell(
                SipYearMonth.Parse(row.GetString(0)), row.GetString(1), row.GetInt64(2),
                new SipIndicatorDimensions(row.GetString(3), row.GetString(4), row.GetString(5), row.GetString(6)), row.GetInt64(7)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipIndicatorDueCount>> CountIndicatorDeadlinesAsync(DateTimeOffset dueAtOrBefore, CancellationToken cancellationToken = default)
        => ReadAsync(async connection =>
        {
            await using var select = new NpgsqlCommand(
                $"SELECT d.code, c.principal, c.unit, c.policy, c.origin, count(*) FROM {_qualified}.sip_indicator_deadlines d " +
                $"JOIN {_qualified}.sip_indicator_cases c ON c.case_id = d.case_id WHERE d.due_at <= $1 " +
                "GROUP BY d.code, c.principal, c.unit, c.policy, c.origin", connection);
            select.Parameters.Add(new NpgsqlParameter { Value = dueAtOrBefore.UtcTicks });
            return await SipStoreRules.ReadRowsAsync(select, row => new SipIndicatorDueCount(
                row.GetString(0), new SipIndicatorDimensions(row.GetString(1), row.GetString(2), row.GetString(3), row.GetString(4)), row.GetInt64(5)),
                cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task ResetIndicatorsAsync(CancellationToken cancellationToken = default)
        => WriteIndicatorsAsync(async (connection, transaction) =>
        {
            await using var reset = new NpgsqlCommand(
                $"TRUNCATE {_qualified}.sip_indicator_cases, {_qualified}.sip_indicator_deadlines, {_qualified}.sip_indicator_cells; " +
                $"UPDATE {_qualified}.sip_indicator_position SET position = 0 WHERE id = 1", connection, transaction);
            await reset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private static void Add(NpgsqlBatch batch, string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }

        batch.BatchCommands.Add(command);
    }

    private async Task WriteIndicatorsAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> write, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var committing = false;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await write(connection, transaction).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            committing = true;
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e))
        {
            // A step applied or not is the same to the projection: one not applied is read again from its position.
            throw new SipTransientStoreException(
                $"The indicator projection could not be saved because PostgreSQL was unavailable ({Describe(e)}); " +
                (committing ? "it may or may not have been saved. " : "nothing was saved. ") + "It is safe to retry.",
                mayHaveBeenApplied: committing,
                e);
        }
    }
}
