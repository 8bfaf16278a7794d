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
}
