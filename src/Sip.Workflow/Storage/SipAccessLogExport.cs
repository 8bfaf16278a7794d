using System.Globalization;

namespace Sip.Workflow.Storage;

/// <summary>
/// Writes the access log out for the log review (<i>logguppföljning</i>) the law asks of the care provider and the social
/// services: every record a query selects, oldest first, as CSV (RFC 4180) a spreadsheet or a review tool reads.
/// </summary>
public static class SipAccessLogExport
{
    /// <summary>The CSV header, in column order.</summary>
    public const string Header = "sequence,caseId,at,userId,organisation,organisationId,role,hsaId,action,reason,allowed,rule";

    /// <summary>
    /// Writes every record <paramref name="query"/> selects after its <see cref="SipAccessLogQuery.AfterSequence"/>, paging
    /// through the log <see cref="SipAccessLogQuery.MaxCount"/> records at a time, under the <see cref="Header"/>. Times are
    /// UTC in ISO 8601; text is quoted, and a cell that a spreadsheet would take for a formula is prefixed with <c>'</c>.
    /// </summary>
    /// <param name="log">The store's access log.</param>
    /// <param name="query">Which records: one case's, one user's, or all (<c>new SipAccessLogQuery()</c>).</param>
    /// <param name="writer">Where the CSV goes; not closed.</param>
    /// <param name="cancellationToken">Cancels the export between pages.</param>
    /// <returns>How many records were written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/>, <paramref name="query"/> or <paramref name="writer"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; export again.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    public static async Task<long> WriteCsvAsync(ISipAccessLogStore log, SipAccessLogQuery query, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken).ConfigureAwait(false);
        long written = 0;
        for (var page = query; ;)
        {
            var records = await log.ReadAccessLogAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var r in records)
            {
                var a = r.Actor;
                var line = string.Join(',',
                    r.Sequence.ToString(CultureInfo.InvariantCulture), r.CaseId.ToString(), r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                    Cell(a.UserId), Cell(a.Organisation), Cell(a.OrganisationId), Cell(a.Role), Cell(a.HsaId), r.Action.ToString(), Cell(r.Reason),
                    r.Allowed ? "true" : "false", Cell(r.Rule));
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                written++;
            }

            if (records.Count < page.MaxCount)
            {
                return written;
            }

            page = page with { AfterSequence = records[^1].Sequence };
        }
    }

    // Quoted, quotes doubled; a leading = + - @ (or a tab or carriage return) would make a spreadsheet run the cell as a
    // formula, so it is kept as text.
    private static string Cell(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
