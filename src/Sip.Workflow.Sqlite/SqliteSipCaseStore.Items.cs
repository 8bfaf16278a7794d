using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// A case in parts: the head document in sip_cases, the elements of its growing lists (SipCaseItems) in sip_case_items.
public sealed partial class SqliteSipCaseStore
{
    private const string ItemsOfCase = "SELECT list, position, document FROM sip_case_items WHERE case_id = $id ORDER BY list, position;";

    /// <summary>
    /// A case this store wrote or read: the case, its head document as stored (UTF-8), and whether its items as the case
    /// has them are the ones stored (false for a document stored whole, before the store kept items, whose next write
    /// writes them all).
    /// </summary>
    private readonly record struct Known(SipCase Case, byte[] Head, bool ItemsStored)
    {
        /// <summary>The items stored for the case, as its row counts them: <see langword="null"/> for a document stored whole.</summary>
        public long? StoredItemCount => ItemsStored ? SipCaseItems.Count(Case) : null;

        /// <summary>Whether <paramref name="read"/> (ordered by list and position) are exactly the items stored for the case.</summary>
        public bool SameItems(List<SipCaseItem> read)
        {
            if (!ItemsStored)
            {
                return false;
            }

            var own = SipCaseItems.Changes(null, Case).Write;
            if (own.Count != read.Count)
            {
                return false;
            }

            var ordered = own.OrderBy(i => i.List, StringComparer.Ordinal).ThenBy(i => i.Position).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                if (ordered[i].List != read[i].List || ordered[i].Position != read[i].Position || !ordered[i].Json.Span.SequenceEqual(read[i].Json.Span))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>A case's row as read: its columns and item count, the case this store knows when nothing differs, else the head (as stored) and the items.</summary>
    private readonly record struct StoredCase(SipCaseIndex Row, long? ItemCount, SipCase? Hit, byte[] Head, List<SipCaseItem> Items);

    private static string StrictUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new SipStorageException("A stored SIP case document is not valid UTF-8: it was changed outside Sip.Workflow. Nothing was read.", e);
        }
    }

    /// <summary>One item row: list, position, document (as its UTF-8 bytes).</summary>
    internal static SipCaseItem ReadItem(SqliteDataReader row, int first)
    {
        var position = row.GetInt64(first + 1);
        if (position is < 0 or > int.MaxValue)
        {
            throw new SipStorageException("A stored SIP case item has a position that is not a list position: it was changed outside Sip.Workflow. Nothing was read.");
        }

        return new SipCaseItem(row.GetString(first), (int)position, row.GetFieldValue<byte[]>(first + 2));
    }

    /// <summary>The items of the cases <paramref name="caseIds"/>, by case, each case's ordered by list and position.</summary>
    private static async Task<Dictionary<SipCaseId, List<SipCaseItem>>> ItemsOfAsync(
        SqliteConnection connection, SqliteTransaction transaction, IEnumerable<SipCaseId> caseIds, CancellationToken cancellationToken)
    {
        var byCase = new Dictionary<SipCaseId, List<SipCaseItem>>();
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        var ids = new System.Text.StringBuilder();
        foreach (var caseId in caseIds)
        {
            var name = "$c" + select.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            select.Parameters.AddWithValue(name, Key(caseId));
            ids.Append(ids.Length == 0 ? "" : ", ").Append(name);
        }

        if (ids.Length == 0)
        {
            return byCase;
        }

        select.CommandText = $"SELECT case_id, list, position, document FROM sip_case_items WHERE case_id IN ({ids}) ORDER BY case_id, list, position;";
        await using var rows = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // The id was one of ours, given as a parameter: it parses.
            var caseId = new SipCaseId(Guid.Parse(rows.GetString(0)));
            if (!byCase.TryGetValue(caseId, out var items))
            {
                byCase[caseId] = items = [];
            }

            items.Add(ReadItem(rows, 1));
        }

        return byCase;
    }

    private static List<SipCaseItem> ReadItems(SqliteCommand select)
    {
        var items = new List<SipCaseItem>();
        using var rows = select.ExecuteReader();
        while (rows.Read())
        {
            items.Add(ReadItem(rows, 0));
        }

        return items;
    }

    /// <summary>
    /// A row's case as its head (<see cref="ISipCaseStore.QueryHeadsAsync"/>), checked against the row: the case this store
    /// knows when the row and head document are still the ones it knows (a whole case holds its head), else the head read
    /// with the lists kept apart empty. The item rows are not read, so their count is not checked here: every read of the
    /// whole case checks it.
    /// </summary>
    private SipCase HeadOf(SipCaseIndex row, long? itemCount, byte[] head)
    {
        var sipCase = _recent.TryGetValue(row.Id, out var known) && known.Case.Version == row.Version && known.StoredItemCount == itemCount
            && head.AsSpan().SequenceEqual(known.Head)
            ? known.Case
            : itemCount is null ? SipJson.DeserializeCase(StrictUtf8(head)) : SipCaseItems.DeserializeHead(head);
        SipStoreRules.EnsureRowMatches(row, sipCase);
        return sipCase;
    }

    /// <summary>
    /// The case a row's head and items make, checked against the row: its indexed columns, and its item count (an item
    /// removed or added outside Sip.Workflow is refused, not read as a shorter or longer list).
    /// </summary>
    internal static SipCase CaseOf(SipCaseIndex row, long? itemCount, ReadOnlySpan<byte> head, List<SipCaseItem> items)
    {
        if ((itemCount ?? 0) != items.Count)
        {
            throw new SipStorageException(
                $"A stored SIP case row counts {itemCount} item(s) of its lists, but {items.Count} are stored: they were changed outside " +
                "Sip.Workflow. Nothing was read.");
        }

        // A document written whole, before the store kept items, is read as it is.
        var sipCase = itemCount is null ? SipJson.DeserializeCase(StrictUtf8(head)) : SipCaseItems.DeserializeCase(head, items);
        SipStoreRules.EnsureRowMatches(row, sipCase);
        return sipCase;
    }
}
