namespace Sip.Workflow.Storage;

/// <summary>Keyset paging helpers every store provider shares, so each returns pages and continuation tokens alike.</summary>
public static class SipCasePages
{
    /// <summary>
    /// Makes a page from up to <paramref name="pageSize"/> + 1 cases read in query order: the extra one, when there, only
    /// shows that another page follows. Stores read one more than they return for this.
    /// </summary>
    /// <param name="rows">The cases read, in query order, at most one more than <paramref name="pageSize"/>.</param>
    /// <param name="pageSize">The page size asked for.</param>
    public static SipCasePage FromRows(IReadOnlyList<SipCase> rows, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Count > pageSize
            ? new SipCasePage([.. rows.Take(pageSize)], SipCaseCursor.After(rows[pageSize - 1]).ToString())
            : new SipCasePage(rows, null);
    }
}
