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
        string Parameter(object value)
        {
            var name = "$p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            return name;
        }

        // ORDER BY "next_deadline IS NULL" rather than NULLS LAST: the form SQLite's planner matches to the (next_deadline, id) index.
        SipCaseQuerySql.AppendFiltersOrderAndLimit(sql, query, Parameter, id => Key(id), "next_deadline IS NULL, next_deadline, id", "sip_case_access");
        command.CommandText = sql.Append(';').ToString();
        return command;
    }

    /// <summary>
    /// Due work for a reader whose keys many cases hold (a unit's own caseworkers): the first due cases in order, a window of
    /// four pages at most, each checked for the reader's keys by the key table's primary key. SQLite plans the usual form
    /// (<see cref="BuildQuery"/>: the cases holding a key, then sorted by deadline) from the keys, which reads every case the
    /// keys select before the first of the page — all of a unit's cases, for a page of a hundred. When the window does not
    /// fill the page (the keys are few among the cases due), the caller reads the page in the usual form.
    /// </summary>
    /// <returns>The statement, or <see langword="null"/> when the query is not due work for a reader.</returns>
    internal static SqliteCommand? BuildDueWindow(SqliteConnection connection, SipCaseQuery query)
    {
        if (query.DeadlineAtOrBefore is null || query.AccessKeys is not { Count: > 0 } keys)
        {
            return null;
        }

        var command = connection.CreateCommand();
        string Parameter(object value)
        {
            var name = "$p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            return name;
        }

        var window = new StringBuilder("SELECT id, next_deadline FROM sip_cases WHERE 1 = 1");
        var inWindow = Math.Min(SipCaseQuery.MaxPageSize, 4 * (query.PageSize + 1));
        SipCaseQuerySql.AppendFiltersOrderAndLimit(
            window, query with { AccessKeys = null, PageSize = inWindow - 1 }, Parameter, id => Key(id), "next_deadline IS NULL, next_deadline, id", "sip_case_access");
        var page = Parameter(query.PageSize + 1);
        command.CommandText =
            $"SELECT id, {SipCaseIndex.Columns}, item_count, document FROM sip_cases WHERE id IN (" +
            $"SELECT w.id FROM ({window}) w WHERE EXISTS (SELECT 1 FROM sip_case_access a WHERE a.case_id = w.id AND a.key IN ({string.Join(", ", keys.Select(Parameter))})) " +
            $"ORDER BY w.next_deadline, w.id LIMIT {page}) ORDER BY next_deadline, id LIMIT {page};";
        return command;
    }
}
