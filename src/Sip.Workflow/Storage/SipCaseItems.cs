using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Sip.Workflow.Storage;

/// <summary>
/// A case document in parts, for a store that keeps the lists that grow over a case's life (plan revisions, follow-ups,
/// evaluations, …) element by element beside a smaller document, the <i>head</i>: a command then writes the head and
/// the elements it added or changed, not every revision the case ever had. The SQLite store keeps cases this way.
/// </summary>
/// <remarks>
/// <para>The head is the document <see cref="SipJson.SerializeCase"/> writes without the members named in
/// <see cref="Lists"/>; each element of those lists is an item: the list's JSON name, the element's position in it and
/// the element's JSON exactly as the whole document holds it. <see cref="DeserializeCase"/> puts the whole document
/// together again and reads it as <see cref="SipJson.DeserializeCase"/> does, so a case read from parts is the case read
/// from the whole document, and the audit trail hashes it the same (docs/audit-trail.md).</para>
/// <para>The lists kept apart hold nothing the store's indexed columns, the access keys or the default access rules' list
/// decisions are derived from (those are in the head), and the open deadlines worked out from them are sealed into the head
/// (<see cref="SipCase.OpenDeadlines"/>): due work reads heads alone (<see cref="ISipCaseStore.QueryHeadsAsync"/>).
/// Everything else the SQLite store reads, it reads head and items together.</para>
/// </remarks>
public static class SipCaseItems
{
    // Lists that grow with every round of follow-up and revision, and hold the most text; the parties, meetings, summons
    // and consents stay in the head (the access keys and the due work read them on every list query).
    private static readonly string[] Names =
    [
        "planRevisions", "followUps", "evaluations", "situationChanges", "interventionStatusChanges", "planDistributions",
        "planApprovals", "deviations",
    ];

    internal static readonly IReadOnlySet<string> ListSet = Names.ToHashSet(StringComparer.Ordinal);

    // Looked up on first use, not in the type's initialiser: the case body's contract reads ListSet while it is made.
    private static (string Name, Func<object, object?> Get, SipCaseBody.IListParts Parts)[] Members => field ??= [.. Names.Select(name =>
        SipCaseBody.ListMember(name) is { } member
            ? (name, member.Get, member.Parts)
            : throw new InvalidOperationException($"SipCase has no list member '{name}' to keep apart."))];

    /// <summary>The JSON names of the case's lists kept as items, in the order their items are written and read.</summary>
    public static IReadOnlyList<string> Lists { get; } = Array.AsReadOnly(Names);

    /// <summary>
    /// The head document of <paramref name="sipCase"/> as UTF-8: the versioned document <see cref="SipJson.SerializeCase"/>
    /// writes, without the lists named in <see cref="Lists"/>.
    /// </summary>
    /// <param name="sipCase">The case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    public static byte[] SerializeHeadToUtf8Bytes(SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        return SipCaseBody.Document(sipCase, SipJson.CaseDocumentVersion, withoutItems: true);
    }

    /// <summary>How many items <paramref name="sipCase"/> has: the elements of all the lists named in <see cref="Lists"/>.</summary>
    /// <param name="sipCase">The case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    public static int Count(SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        var count = 0;
        foreach (var (_, get, parts) in Members)
        {
            count += get(sipCase) is { } list ? parts.Count(list) : 0;
        }

        return count;
    }

    /// <summary>
    /// The items a store must write to take a case stored as <paramref name="stored"/> (its items as that case has them)
    /// to <paramref name="updated"/>: every item of <paramref name="updated"/> when <paramref name="stored"/> is
    /// <see langword="null"/>, else those at a position that is new or whose element changed. Elements are immutable, so
    /// an unchanged one is the same instance in the next version of the case, and finding what changed costs a
    /// comparison of references per element of a changed list.
    /// </summary>
    /// <param name="stored">
    /// The case whose items are stored, exactly (the instance written or read, not merely one of the same version), or
    /// <see langword="null"/> when none are or that is not known.
    /// </param>
    /// <param name="updated">The case to store.</param>
    /// <returns>The items to write (insert, or replace the one at the same list and position), and for each list that became shorter, its new length: the items from there on are to be removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="updated"/> is <see langword="null"/>.</exception>
    public static (IReadOnlyList<SipCaseItem> Write, IReadOnlyList<(string List, int Length)> Shortened) Changes(SipCase? stored, SipCase updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var write = new List<SipCaseItem>();
        List<(string, int)>? shortened = null;
        foreach (var (name, get, parts) in Members)
        {
            var after = get(updated);
            var before = stored is null ? null : get(stored);
            if (after is not null && ReferenceEquals(before, after))
            {
                continue;
            }

            var count = after is null ? 0 : parts.Count(after);
            var was = before is null ? 0 : parts.Count(before);
            for (var i = 0; i < count; i++)
            {
                if (i >= was || !ReferenceEquals(parts.At(before!, i), parts.At(after!, i)))
                {
                    write.Add(new SipCaseItem(name, i, parts.Json(after!, i)));
                }
            }

            if (count < was)
            {
                (shortened ??= []).Add((name, count));
            }
        }

        return (write, shortened ?? (IReadOnlyList<(string, int)>)[]);
    }

    /// <summary>
    /// Reads a case's head (<paramref name="head"/>, UTF-8, as <see cref="SerializeHeadToUtf8Bytes"/> wrote it) without
    /// its items: the case with the lists of <see cref="Lists"/> empty, for <see cref="ISipCaseStore.QueryHeadsAsync"/>.
    /// A head is not the case: it must never be handed out, remembered or hashed as one.
    /// </summary>
    /// <param name="head">The head document.</param>
    /// <returns>The case as its head.</returns>
    /// <exception cref="SipStorageException">
    /// The head is not a case document (or not UTF-8), holds a list kept apart, or was written by a newer Sip.Workflow; it
    /// was changed outside Sip.Workflow (or needs a newer library), and nothing is read.
    /// </exception>
    public static SipCase DeserializeHead(ReadOnlySpan<byte> head)
    {
        // The same checks of the head as a whole read makes, without putting the whole document together: the parser
        // checks only the UTF-8 of what it reads as text.
        if (!System.Text.Unicode.Utf8.IsValid(head))
        {
            throw new SipStorageException("A stored SIP case document is not valid UTF-8: it was changed outside Sip.Workflow. Nothing was read.");
        }

        EndOfCase(head);
        return SipJson.DeserializeHeadDocument(head);
    }

    /// <summary>
    /// Reads a case stored in parts: <paramref name="head"/> (UTF-8, as <see cref="SerializeHeadToUtf8Bytes"/> wrote it) and
    /// its <paramref name="items"/>, in any order. The whole document is put together (each list of <see cref="Lists"/>
    /// with its items in position order, an empty one for a list without items) and read as
    /// <see cref="SipJson.DeserializeCase"/> reads it. A document stored whole is read by
    /// <see cref="SipJson.DeserializeCase"/> itself: a store must know which it holds.
    /// </summary>
    /// <param name="head">The head document.</param>
    /// <param name="items">The items.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipStorageException">
    /// The parts do not make one case document: the head is not a case document, an item names a list that is not kept
    /// apart or is not one JSON object, a list's positions are not 0, 1, 2, … without gaps or repeats, or the head holds a
    /// list kept apart.
    /// The parts were changed outside Sip.Workflow; nothing is read.
    /// </exception>
    public static SipCase DeserializeCase(ReadOnlySpan<byte> head, IEnumerable<SipCaseItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var lists = new List<SipCaseItem>[Names.Length];
        foreach (var item in items)
        {
            var index = Array.IndexOf(Names, item.List);
            if (index < 0)
            {
                throw Changed("an item names a list that is not kept apart");
            }

            (lists[index] ??= []).Add(item);
        }

        var (end, empty) = EndOfCase(head);
        var whole = new ArrayBufferWriter<byte>(head.Length + lists.Sum(l => l?.Sum(i => i.Json.Length + 1) ?? 0) + 256);
        whole.Write(head[..end]);
        for (var l = 0; l < Names.Length; l++)
        {
            // Every list kept apart is in the whole document, an empty one too, as SipJson writes it: the audit trail hashes
            // the document's body, in which an empty list and a missing one differ.
            var list = lists[l] ?? [];
            list.Sort(static (a, b) => a.Position.CompareTo(b.Position));
            if (!empty)
            {
                whole.Write(","u8);
            }

            empty = false;
            whole.Write(Encoding.UTF8.GetBytes($"\"{Names[l]}\":["));
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Position != i)
                {
                    throw Changed($"the list '{Names[l]}' has {list.Count} item(s), not at positions 0 to {list.Count - 1}: position {i} is missing or given twice");
                }

                if (i > 0)
                {
                    whole.Write(","u8);
                }

                EnsureOneValue(list[i].Json.Span, Names[l], i);
                whole.Write(list[i].Json.Span);
            }

            whole.Write("]"u8);
        }

        whole.Write(head[end..]);
        var sipCase = SipJson.DeserializeCase(Utf8(whole.WrittenSpan));

        // Each element as stored is the element's part: what the next command leaves unwritten is hashed as it is stored.
        foreach (var (name, get, parts) in Members)
        {
            if (lists[Array.IndexOf(Names, name)] is { } stored && get(sipCase) is { } read && parts.Count(read) == stored.Count)
            {
                for (var i = 0; i < stored.Count; i++)
                {
                    if (parts.At(read, i) is { } element && !element.GetType().IsValueType)
                    {
                        SipCaseBody.UseStoredJson(element, stored[i].Json.ToArray());
                    }
                }
            }
        }

        return sipCase;
    }

    // An item is one element: one JSON object (or null) and nothing after it. Text that closes the list and opens members
    // of its own would still be refused by the audit trail, but must never be read as the case's members.
    private static void EnsureOneValue(ReadOnlySpan<byte> json, string list, int position)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
        try
        {
            if (reader.Read() && (reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.StartObject && reader.TrySkip())) && !reader.Read())
            {
                return;
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: refused below, without the parser's message (it may quote the text).
        }

        throw Changed($"the item at position {position} of the list '{list}' is not one JSON object");
    }

    // Where the head's case object closes (its last member is followed by the items), and whether it has no member.
    private static (int End, bool Empty) EndOfCase(ReadOnlySpan<byte> head)
    {
        try
        {
            var reader = new Utf8JsonReader(head, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            var inCase = false;
            var empty = true;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("case"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    {
                        break;
                    }

                    inCase = true;
                }
                else if (inCase && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2)
                {
                    empty = false;
                    var name = reader.GetString();
                    if (Array.IndexOf(Names, name) >= 0)
                    {
                        throw Changed($"the head holds the list '{name}', which is kept as items");
                    }
                }
                else if (inCase && reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 1)
                {
                    return (checked((int)reader.TokenStartIndex), empty);
                }
            }
        }
        catch (JsonException e)
        {
            // Without the parser's message: it may quote the stored text.
            throw new SipStorageException("A stored SIP case's head is not valid JSON: it was changed outside Sip.Workflow. Nothing was read.", e);
        }

        throw Changed("the head has no case object");
    }

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new SipStorageException("A stored SIP case document is not valid UTF-8: it was changed outside Sip.Workflow. Nothing was read.", e);
        }
    }

    private static SipStorageException Changed(string what)
        => new($"A stored SIP case's parts do not make one case document ({what}): they were changed outside Sip.Workflow. Nothing was read.");
}

/// <summary>One element of a list a store keeps apart (<see cref="SipCaseItems"/>): which list, where in it, and its JSON.</summary>
/// <param name="List">The list's JSON name, one of <see cref="SipCaseItems.Lists"/>.</param>
/// <param name="Position">The element's position in the list, from 0.</param>
/// <param name="Json">The element's JSON as UTF-8, exactly as the whole document holds it.</param>
public readonly record struct SipCaseItem(string List, int Position, ReadOnlyMemory<byte> Json);
