using System.Text;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// Queries: the filters as parameters and keyset paging on (next deadline, id), nulls last.
public sealed partial class SqliteSipCaseStore
{
    /// <summary>Builds the query's SQL: filters as parameters, keyset paging on (next deadline, id), nulls last.</summary>
    internal static SqliteCommand BuildQuery(SqliteConnection connection, SipCaseQuery query)
    {
        var sql = new StringBuilder("SELECT id, document FROM sip_cases WHERE 1 = 1");
        var command = connection.CreateCommand();
        if (query.State is { } state)
        {
            sql.Append(" AND state = $state");
            command.Parameters.AddWithValue("$state", (int)state);
        }

        if (query.Subject is { } subject)
        {
            sql.Append(" AND subject_ref = $subject");
            command.Parameters.AddWithValue("$subject", subject.Value);
        }

        if (query.LeadPrincipal is { } lead)
        {
            sql.Append(" AND lead_principal = $lead");
            command.Parameters.AddWithValue("$lead", (int)lead);
        }

        if (query.LeadOrganisation is { } organisation)
        {
            sql.Append(" AND lead_org = $leadOrg");
            command.Parameters.AddWithValue("$leadOrg", organisation);
        }

        if (query.DeadlineAtOrBefore is { } before)
        {
            sql.Append(" AND next_deadline IS NOT NULL AND next_deadline <= $before");
            command.Parameters.AddWithValue("$before", before.UtcTicks);
        }

        if (query.ContinuationToken is { } token)
        {
            var cursor = SipCaseCursor.Parse(token);
            command.Parameters.AddWithValue("$afterId", Key(cursor.CaseId));
            if (cursor.NextDeadlineUtcTicks is { } ticks)
            {
                sql.Append(" AND (next_deadline > $afterDeadline OR (next_deadline = $afterDeadline AND id > $afterId) OR next_deadline IS NULL)");
                command.Parameters.AddWithValue("$afterDeadline", ticks);
            }
            else
            {
                sql.Append(" AND next_deadline IS NULL AND id > $afterId");
            }
        }

        // Due work never has a null deadline, so it can walk the partial (next_deadline, id) index in order.
        sql.Append(query.DeadlineAtOrBefore is null
            ? " ORDER BY next_deadline IS NULL, next_deadline, id"
            : " ORDER BY next_deadline, id");
        sql.Append(" LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);
        command.CommandText = sql.ToString();
        return command;
    }
}
