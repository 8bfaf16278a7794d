using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// Queries: the filters as parameters and keyset paging on (next deadline, id), nulls last.
public sealed partial class SqliteSipCaseStore
{
    /// <summary>Builds the query's SQL (<see cref="SipCaseQuerySql"/>) with SQLite's placeholders and text ids.</summary>
    internal static SqliteCommand BuildQuery(SqliteConnection connection, SipCaseQuery query)
    {
        var sql = new StringBuilder($"SELECT id, {SipCaseIndex.Columns}, item_count, document FROM sip_cases WHERE 1 = 1");
        var command = connection.CreateCommand();
        var parameter = ParametersOf(command);

        // ORDER BY "next_deadline IS NULL" rather than NULLS LAST: the form SQLite's planner matches to the (next_deadline, id) index.
        SipCaseQuerySql.AppendFiltersOrderAndLimit(sql, query, parameter, id => Key(id), "next_deadline IS NULL, next_deadline, id", "sip_case_access");
        command.CommandText = sql.Append(';').ToString();
        return command;
    }

    // The due index is walked a window at a time for a reader's due work, no further than this before the page is read in
    // the form SQLite plans from the keys: a reader whose keys so few due cases hold is better served by that form.
    internal const int MaxWalkedForKeys = 4_000;

    /// <summary>
    /// Chooses the cases of a reader's due-work page (<see cref="SipCaseQuery.DeadlineAtOrBefore"/> and
    /// <see cref="SipCaseQuery.AccessKeys"/>), one more than the page, without reading a document: the due index is walked in
    /// order a window at a time (its entries alone), and the cases of each window that hold a key are looked up in the key
    /// table by id. SQLite plans the filter by keys as "every case holding a key, sorted by deadline", which reads every case
    /// of a unit (documents included, into the sorter) for a page of a hundred; the walk reads the page's cases only. When
    /// the walk reaches <see cref="MaxWalkedForKeys"/> entries first (few due cases hold the keys), the ids are chosen in that
    /// form, still without documents.
    /// </summary>
    /// <returns>The ids, in due order; at most one more than the page.</returns>
    internal static async Task<List<string>> ChooseDueIdsAsync(
        SqliteConnection connection, SqliteTransaction? snapshot, SipCaseQuery query, int maxWalked, CancellationToken cancellationToken)
    {
        var keys = query.AccessKeys!;
        var wanted = query.PageSize + 1;
        var window = Math.Min(SipCaseQuery.MaxPageSize, Math.Max(4 * wanted, 100));
        var walk = query with { AccessKeys = null, PageSize = window - 1 };
        var chosen = new List<string>(Math.Min(wanted, 128));
        var walked = 0;
        while (true)
        {
            // The window's entries that hold a key, and how many entries the window had.
            var holding = new List<(string Id, long Deadline)>();
            var inWindow = 0;
            string? lastId = null;
            long lastDeadline = 0;
            using (var select = BuildWindow(connection, snapshot, walk, keys))
            {
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    switch (reader.GetInt64(0))
                    {
                        case 0:
                            holding.Add((reader.GetString(1), reader.GetInt64(2)));
                            break;
                        case 1:
                            inWindow = checked((int)reader.GetInt64(2));
                            break;
                        default:
                            if (!reader.IsDBNull(1))
                            {
                                lastId = reader.GetString(1);
                                lastDeadline = reader.GetInt64(2);
                            }

                            break;
                    }
                }
            }

            // In due order, as the plain query orders them (SQLite compares the ids' text byte by byte, as ordinal does).
            holding.Sort(static (a, b) => a.Deadline != b.Deadline ? a.Deadline.CompareTo(b.Deadline) : string.CompareOrdinal(a.Id, b.Id));
            foreach (var (id, _) in holding)
            {
                if (chosen.Count < wanted)
                {
                    chosen.Add(id);
                }
            }

            // Full, or the due index ends within this window: the choice is complete.
            walked += inWindow;
            if (chosen.Count == wanted || inWindow < window || lastId is null)
            {
                return chosen;
            }

            if (walked >= maxWalked)
            {
                break;
            }

            walk = walk with { ContinuationToken = new SipCaseCursor(lastDeadline, RowId(lastId)).ToString() };
        }

        // Few due cases hold the keys: the ids of those that do, in due order (the database sorts them).
        chosen.Clear();
        using var byKeys = BuildSelect(connection, snapshot, "SELECT id FROM sip_cases WHERE 1 = 1", query);
        await using (var rows = await byKeys.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                chosen.Add(rows.GetString(0));
            }
        }

        return chosen;
    }

    /// <summary>The rows of the chosen cases, in due order.</summary>
    internal static SqliteCommand BuildRowsOf(SqliteConnection connection, IReadOnlyList<string> ids)
    {
        var command = connection.CreateCommand();
        var parameter = ParametersOf(command);
        command.CommandText =
            $"SELECT id, {SipCaseIndex.Columns}, item_count, document FROM sip_cases WHERE id IN ({string.Join(", ", ids.Select(parameter))}) ORDER BY next_deadline, id;";
        return command;
    }

    // A case query's filters, order and limit after the given select, in the snapshot.
    internal static SqliteCommand BuildSelect(SqliteConnection connection, SqliteTransaction? snapshot, string select, SipCaseQuery query)
    {
        var sql = new StringBuilder(select);
        var command = connection.CreateCommand();
        command.Transaction = snapshot;
        var parameter = ParametersOf(command);

        SipCaseQuerySql.AppendFiltersOrderAndLimit(sql, query, parameter, id => Key(id), "next_deadline IS NULL, next_deadline, id", "sip_case_access");
        command.CommandText = sql.Append(';').ToString();
        return command;
    }

    /// <summary>
    /// One window of the due index for <see cref="ChooseDueIdsAsync"/>, in one statement: kind 0 rows are the window's
    /// entries that hold a key (id, deadline), looked up in the key table by its primary key, (case_id, key); the kind 1
    /// row counts the window's entries; the kind 2 row is its last entry, where the next window starts.
    /// </summary>
    internal static SqliteCommand BuildWindow(SqliteConnection connection, SqliteTransaction? snapshot, SipCaseQuery walk, IReadOnlyList<string> keys)
    {
        // The due index named: with a state, subject or lead filter too, SQLite could otherwise pick that filter's index and
        // sort all it selects, window after window. Due work's filter always holds next_deadline IS NOT NULL, which the
        // partial index needs.
        var window = new StringBuilder("SELECT id, next_deadline FROM sip_cases INDEXED BY ix_sip_cases_due WHERE 1 = 1");
        var command = connection.CreateCommand();
        command.Transaction = snapshot;
        var parameter = ParametersOf(command);

        SipCaseQuerySql.AppendFiltersOrderAndLimit(window, walk, parameter, id => Key(id), "next_deadline IS NULL, next_deadline, id", "sip_case_access");
        command.CommandText =
            $"WITH w AS MATERIALIZED ({window}) " +
            $"SELECT 0, w.id, w.next_deadline FROM w WHERE EXISTS (SELECT 1 FROM sip_case_access a WHERE a.case_id = w.id AND a.key IN ({string.Join(", ", keys.Select(parameter))})) " +
            "UNION ALL SELECT 1, NULL, count(*) FROM w " +
            "UNION ALL SELECT 2, id, next_deadline FROM (SELECT id, next_deadline FROM w ORDER BY next_deadline DESC, id DESC LIMIT 1);";
        return command;
    }

    // Adds each value as the command's next parameter ($p0, $p1, …) and answers its placeholder.
    private static Func<object, string> ParametersOf(SqliteCommand command) => value =>
    {
        var name = "$p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        command.Parameters.AddWithValue(name, value);
        return name;
    };
}
