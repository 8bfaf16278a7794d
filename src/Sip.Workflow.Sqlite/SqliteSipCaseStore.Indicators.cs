using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// The indicator projection: a step is one write transaction that checks the position first, so two readers of the feed
// never both apply theirs.
public sealed partial class SqliteSipCaseStore : ISipIndicatorStore
{
    /// <inheritdoc />
    public Task<long> GetIndicatorPositionAsync(CancellationToken cancellationToken = default)
        => ReadPooledAsync(async connection =>
        {
            using var select = Command(connection, "SELECT position FROM sip_indicator_position WHERE id = 1;");
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : 0;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SipIndicatorCaseRow>> GetIndicatorCasesAsync(IReadOnlyCollection<SipCaseId> caseIds, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateIndicatorCases(caseIds);
        if (caseIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<SipIndicatorCaseRow>>([]);
        }

        return ReadPooledAsync(async connection =>
        {
            // The ids go in as one JSON array, so the statement is the same whatever their number.
            using var select = Command(connection,
                "SELECT case_id, principal, unit, policy, origin, body FROM sip_indicator_cases WHERE case_id IN (SELECT value FROM json_each($ids));");
            select.Parameters.AddWithValue("$ids", "[" + string.Join(',', caseIds.Distinct().Select(id => $"\"{Key(id)}\"")) + "]");
            return await SipStoreRules.ReadRowsAsync(select, row => SipIndicatorCaseRow.Decode(
                new SipCaseId(Guid.Parse(row.GetString(0))), new SipIndicatorDimensions(row.GetString(1), row.GetString(2), row.GetString(3), row.GetString(4)),
                row.GetString(5)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> SaveIndicatorsAsync(SipIndicatorChange change, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateIndicatorChange(change);
        var applied = false;
        await WriteOwnRowsAsync(writer =>
        {
            using (var position = writer.Statement(
                "UPDATE sip_indicator_position SET position = $position WHERE id = 1 AND position = $expected;",
                ("$position", change.Position), ("$expected", change.ExpectedPosition)))
            {
                if (position.ExecuteNonQuery() == 0)
                {
                    return;
                }
            }

            using var upsert = writer.Statement(
                "INSERT INTO sip_indicator_cases (case_id, principal, unit, policy, origin, body) VALUES ($id, $principal, $unit, $policy, $origin, $body) " +
                "ON CONFLICT (case_id) DO UPDATE SET principal = excluded.principal, unit = excluded.unit, policy = excluded.policy, origin = excluded.origin, body = excluded.body;");
            using var forget = writer.Statement("DELETE FROM sip_indicator_deadlines WHERE case_id = $id;");
            using var remove = writer.Statement("DELETE FROM sip_indicator_cases WHERE case_id = $id;");
            using var deadline = writer.Statement("INSERT INTO sip_indicator_deadlines (case_id, code, due_at) VALUES ($id, $code, $due);");
            foreach (var row in change.Upserts)
            {
                var id = Key(row.CaseId);
                Run(upsert, ("$id", id), ("$principal", row.Dimensions.Principal), ("$unit", row.Dimensions.Unit), ("$policy", row.Dimensions.Policy),
                    ("$origin", row.Dimensions.Origin), ("$body", row.EncodeBody()));
                Run(forget, ("$id", id));
                foreach (var d in row.Deadlines)
                {
                    Run(deadline, ("$id", id), ("$code", d.Code), ("$due", d.DueAt.UtcTicks));
                }
            }

            foreach (var id in change.Removals)
            {
                Run(remove, ("$id", Key(id)));
                Run(forget, ("$id", Key(id)));
            }

            // Sums that reach zero go, looked up by their key: never a scan of all sums.
            using var add = writer.Statement(
                "INSERT INTO sip_indicator_cells (month, metric, value, principal, unit, policy, origin, count) " +
                "VALUES ($month, $metric, $value, $principal, $unit, $policy, $origin, $count) " +
                "ON CONFLICT (month, metric, value, principal, unit, policy, origin) DO UPDATE SET count = count + excluded.count;");
            using var zero = writer.Statement(
                "DELETE FROM sip_indicator_cells WHERE month = $month AND metric = $metric AND value = $value AND principal = $principal " +
                "AND unit = $unit AND policy = $policy AND origin = $origin AND count = 0;");
            foreach (var cell in change.CellDeltas)
            {
                (string, object)[] key =
                [
                    ("$month", cell.Month.ToString()), ("$metric", cell.Metric), ("$value", cell.Value), ("$principal", cell.Dimensions.Principal),
                    ("$unit", cell.Dimensions.Unit), ("$policy", cell.Dimensions.Policy), ("$origin", cell.Dimensions.Origin),
                ];
                Run(add, [.. key, ("$count", cell.Count)]);
                Run(zero, key);
            }

            applied = true;
        }, cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipIndicatorCell>> ReadIndicatorCellsAsync(SipYearMonth first, SipYearMonth last, CancellationToken cancellationToken = default)
    {
        SipStoreRules.ValidateIndicatorMonths(first, last);
        return ReadPooledAsync(async connection =>
        {
            using var select = Command(connection,
                "SELECT month, metric, value, principal, unit, policy, origin, count FROM sip_indicator_cells WHERE month >= $first AND month <= $last;");
            select.Parameters.AddWithValue("$first", first.ToString());
            select.Parameters.AddWithValue("$last", last.ToString());
            return await SipStoreRules.ReadRowsAsync(select, row => new SipIndicatorCell(
                SipYearMonth.Parse(row.GetString(0)), row.GetString(1), row.GetInt64(2),
                new SipIndicatorDimensions(row.GetString(3), row.GetString(4), row.GetString(5), row.GetString(6)), row.GetInt64(7)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SipIndicatorDueCount>> CountIndicatorDeadlinesAsync(DateTimeOffset dueAtOrBefore, CancellationToken cancellationToken = default)
        => ReadPooledAsync(async connection =>
        {
            using var select = Command(connection,
                "SELECT d.code, c.principal, c.unit, c.policy, c.origin, count(*) FROM sip_indicator_deadlines d " +
                "JOIN sip_indicator_cases c ON c.case_id = d.case_id WHERE d.due_at <= $due " +
                "GROUP BY d.code, c.principal, c.unit, c.policy, c.origin;");
            select.Parameters.AddWithValue("$due", dueAtOrBefore.UtcTicks);
            return await SipStoreRules.ReadRowsAsync(select, row => new SipIndicatorDueCount(
                row.GetString(0), new SipIndicatorDimensions(row.GetString(1), row.GetString(2), row.GetString(3), row.GetString(4)), row.GetInt64(5)),
                cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task ResetIndicatorsAsync(CancellationToken cancellationToken = default)
        => WriteOwnRowsAsync(writer =>
        {
            using var reset = writer.Statement(
                "DELETE FROM sip_indicator_cases; DELETE FROM sip_indicator_deadlines; DELETE FROM sip_indicator_cells; " +
                "UPDATE sip_indicator_position SET position = 0 WHERE id = 1;");
            reset.ExecuteNonQuery();
        }, cancellationToken);

    private static void Run(Microsoft.Data.Sqlite.SqliteCommand command, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
