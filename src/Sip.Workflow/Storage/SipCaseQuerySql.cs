using System.Text;

namespace Sip.Workflow.Storage;

/// <summary>
/// The SQL of a case query, written once for every SQL store: the filters on the indexed columns of
/// <see cref="SipCaseIndex"/> (<c>state</c>, <c>subject_ref</c>, <c>lead_principal</c>, <c>lead_org</c>,
/// <c>next_deadline</c>), keyset paging on (next deadline, id) with cases without a deadline last, and a limit of one
/// more than the page (<see cref="SipCasePages.FromRows"/>). A provider supplies only its placeholders, how it stores an
/// id, and how it orders nulls last.
/// </summary>
public static class SipCaseQuerySql
{
    /// <summary>Appends <c> AND …</c> for every filter and the cursor, then <c> ORDER BY … LIMIT …</c>.</summary>
    /// <param name="sql">The statement so far, ending in a <c>WHERE</c> clause that every row passes (e.g. <c>WHERE 1 = 1</c>).</param>
    /// <param name="query">The query.</param>
    /// <param name="parameter">Adds a parameter with the value and returns its placeholder.</param>
    /// <param name="idValue">The value of the <c>id</c> column for an id (its Guid, or its text where ids are stored as text).</param>
    /// <param name="orderNullsLast">
    /// The ORDER BY list that puts cases without a deadline last, e.g. <c>next_deadline ASC NULLS LAST, id</c>; due work
    /// (which never has a null deadline) orders by <c>next_deadline, id</c> so it can walk a partial index.
    /// </param>
    /// <param name="accessKeysTable">
    /// The table of the cases' access keys (<see cref="SipCaseAccessKeys"/>: columns <c>case_id</c> and <c>key</c>), qualified
    /// as the provider needs, for <see cref="SipCaseQuery.AccessKeys"/>.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The continuation token is not one this library issued.</exception>
    public static void AppendFiltersOrderAndLimit(
        StringBuilder sql, SipCaseQuery query, Func<object, string> parameter, Func<SipCaseId, object> idValue, string orderNullsLast, string accessKeysTable)
    {
        ArgumentNullException.ThrowIfNull(accessKeysTable);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(idValue);
        ArgumentNullException.ThrowIfNull(orderNullsLast);
        if (query.State is { } state)
        {
            sql.Append(" AND state = ").Append(parameter((int)state));
        }

        if (query.Subject is { } subject)
        {
            sql.Append(" AND subject_ref = ").Append(parameter(subject.Value));
        }

        if (query.LeadPrincipal is { } lead)
        {
            sql.Append(" AND lead_principal = ").Append(parameter((int)lead));
        }

        if (query.LeadOrganisation is { } organisation)
        {
            sql.Append(" AND lead_org = ").Append(parameter(organisation));
        }

        if (query.DeadlineAtOrBefore is { } before)
        {
            sql.Append(" AND next_deadline IS NOT NULL AND next_deadline <= ").Append(parameter(before.UtcTicks));
        }

        if (query.AccessKeys is { } keys)
        {
            // Only the rows of cases holding a key; an empty set selects nothing (IN () is not SQL).
            sql.Append(keys.Count == 0
                ? " AND 1 = 0"
                : $" AND id IN (SELECT case_id FROM {accessKeysTable} WHERE key IN ({string.Join(", ", keys.Select(parameter))}))");
        }

        if (query.ContinuationToken is { } token)
        {
            var cursor = SipCaseCursor.Parse(token);
            var afterId = parameter(idValue(cursor.CaseId));
            if (cursor.NextDeadlineUtcTicks is { } ticks)
            {
                var afterDeadline = parameter(ticks);
                sql.Append(" AND (next_deadline > ").Append(afterDeadline).Append(" OR (next_deadline = ").Append(afterDeadline)
                    .Append(" AND id > ").Append(afterId).Append(") OR next_deadline IS NULL)");
            }
            else
            {
                sql.Append(" AND next_deadline IS NULL AND id > ").Append(afterId);
            }
        }

        sql.Append(" ORDER BY ").Append(query.DeadlineAtOrBefore is null ? orderNullsLast : "next_deadline, id");
        sql.Append(" LIMIT ").Append(parameter(query.PageSize + 1));
    }
}
