using System.Data.Common;
using Sip.Workflow.Internal;

namespace Sip.Workflow.Storage;

/// <summary>
/// The argument rules of <see cref="ISipCaseStore"/>, shared by every provider so that each refuses exactly the same
/// malformed writes with the same messages.
/// </summary>
public static class SipStoreRules
{
    /// <summary>Checks a create: version 1, sequence 1, the event belongs to the case.</summary>
    /// <param name="newCase">The case.</param>
    /// <param name="openingEvent">Its opening event.</param>
    /// <exception cref="ArgumentException">A rule is broken.</exception>
    public static void ValidateCreate(SipCase newCase, SipEvent openingEvent)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        ArgumentNullException.ThrowIfNull(openingEvent);
        if (newCase.Version != 1)
        {
            throw new ArgumentException($"A new case is stored at version 1; this one has version {newCase.Version}.", nameof(newCase));
        }

        Validate(newCase, openingEvent, 1);
    }

    /// <summary>Checks a purge: a tombstone naming a case and the version it expects, sealed.</summary>
    /// <param name="tombstone">The tombstone.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tombstone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The tombstone names no case, no version from 1 up, or carries no seal.</exception>
    public static void ValidatePurge(SipTombstone tombstone)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        if (tombstone.CaseId.Value == Guid.Empty || tombstone.LastVersion < 1 || string.IsNullOrEmpty(tombstone.Hash) || tombstone.Actor is null)
        {
            throw new ArgumentException(
                "A tombstone names its case, the version it was purged at (1 or more), the actor, and carries its seal; this one does not.", nameof(tombstone));
        }
    }

    /// <summary>Checks an access record before a store appends it (<see cref="ISipAccessLogStore.AppendAccessAsync"/>).</summary>
    /// <param name="record">The record.</param>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The record names no case, user or rule (one built around its checks).</exception>
    public static void ValidateAccessRecord(SipAccessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.CaseId.Value == Guid.Empty || record.Actor is null || string.IsNullOrEmpty(record.Rule))
        {
            throw new ArgumentException("An access record names its case, the user who read and the rule that decided; this one does not.", nameof(record));
        }
    }

    /// <summary>Checks the size of a listing page (<see cref="ISipCaseStore.ListCaseIdsAsync"/>, <see cref="ISipCaseStore.ListTombstonesAsync"/>).</summary>
    /// <param name="maxCount">The most rows asked for.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is not 1 to <see cref="SipCaseQuery.MaxPageSize"/>.</exception>
    public static void ValidateListing(int maxCount)
    {
        if (maxCount < 1 || maxCount > SipCaseQuery.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, $"'{nameof(maxCount)}' is {maxCount}; it must be between 1 and {SipCaseQuery.MaxPageSize}.");
        }
    }

    /// <summary>The most entries <see cref="ISipCaseStore.CountFeedAsync"/> counts.</summary>
    public const int MaxFeedCount = 1_000_000;

    /// <summary>Checks a feed count (<see cref="ISipCaseStore.CountFeedAsync"/>).</summary>
    /// <param name="afterPosition">The position counted after.</param>
    /// <param name="atMost">Where counting stops.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative or <paramref name="atMost"/> is out of range.</exception>
    public static void ValidateFeedCount(long afterPosition, int atMost)
    {
        if (afterPosition < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(afterPosition), afterPosition, $"'{nameof(afterPosition)}' is {afterPosition}; a feed position is 0 or more.");
        }

        if (atMost is < 1 or > MaxFeedCount)
        {
            throw new ArgumentOutOfRangeException(nameof(atMost), atMost, $"'{nameof(atMost)}' is {atMost}; count 1 to {MaxFeedCount:N0} entries.");
        }
    }

    /// <summary>
    /// Counts a store's feed entries after a position by reading them page by page, up to <paramref name="atMost"/>: what
    /// <see cref="ISipCaseStore.CountFeedAsync"/> does for a store that cannot count in one query.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="afterPosition">The last position the reader handled.</param>
    /// <param name="atMost">Where counting stops.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of entries, at most <paramref name="atMost"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative or <paramref name="atMost"/> is out of range.</exception>
    public static async Task<int> CountFeedByReadingAsync(ISipCaseStore store, long afterPosition, int atMost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ValidateFeedCount(afterPosition, atMost);
        var counted = 0;
        while (counted < atMost
            && await store.ReadFeedAsync(afterPosition, Math.Min(SipCaseQuery.MaxPageSize, atMost - counted), cancellationToken).ConfigureAwait(false) is { Count: > 0 } page)
        {
            counted += page.Count;
            afterPosition = page[^1].Position;
        }

        return counted;
    }

    /// <summary>Checks a feed read (<see cref="ISipCaseStore.ReadFeedAsync"/>).</summary>
    /// <param name="afterPosition">The last position the reader handled.</param>
    /// <param name="maxCount">The most entries asked for.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative, or <paramref name="maxCount"/> is not 1 to <see cref="SipCaseQuery.MaxPageSize"/>.</exception>
    public static void ValidateFeedRead(long afterPosition, int maxCount)
    {
        if (afterPosition < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(afterPosition), afterPosition,
                $"'{nameof(afterPosition)}' is {afterPosition}; it is the last position a reader handled, 0 to read from the start.");
        }

        ValidateListing(maxCount);
    }

    /// <summary>Checks the cases asked for (<see cref="ISipIndicatorStore.GetIndicatorCasesAsync"/>).</summary>
    /// <param name="caseIds">The cases.</param>
    /// <exception cref="ArgumentNullException"><paramref name="caseIds"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="caseIds"/> holds more than <see cref="SipCaseQuery.MaxPageSize"/> ids.</exception>
    public static void ValidateIndicatorCases(IReadOnlyCollection<SipCaseId> caseIds)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        if (caseIds.Count > SipCaseQuery.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(caseIds), caseIds.Count, $"'{nameof(caseIds)}' holds {caseIds.Count} ids; at most {SipCaseQuery.MaxPageSize} are read at once.");
        }
    }

    /// <summary>Checks the months asked for (<see cref="ISipIndicatorStore.ReadIndicatorCellsAsync"/>).</summary>
    /// <param name="first">The first month.</param>
    /// <param name="last">The last month.</param>
    /// <exception cref="ArgumentException"><paramref name="last"/> is before <paramref name="first"/>.</exception>
    public static void ValidateIndicatorMonths(SipYearMonth first, SipYearMonth last)
    {
        if (last < first)
        {
            throw new ArgumentException($"'{nameof(last)}' ({last}) is before '{nameof(first)}' ({first}); months are read forward.", nameof(last));
        }
    }

    /// <summary>Checks a step of the projection (<see cref="ISipIndicatorStore.SaveIndicatorsAsync"/>).</summary>
    /// <param name="change">The step.</param>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The step is not valid (<see cref="SipIndicatorChange.Validate"/>).</exception>
    public static void ValidateIndicatorChange(SipIndicatorChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        change.Validate();
    }

    /// <summary>A feed row of a SQL store as an entry: the event's document, or the tombstone's.</summary>
    /// <param name="position">The row's position.</param>
    /// <param name="eventDocument">The event's stored JSON, or <see langword="null"/>.</param>
    /// <param name="tombstoneDocument">The tombstone's stored JSON, or <see langword="null"/>.</param>
    /// <exception cref="SipStorageException">The row has neither (the feed and the history disagree) or cannot be read.</exception>
    public static SipFeedEntry FeedEntry(long position, string? eventDocument, string? tombstoneDocument)
        => eventDocument is not null
            ? new SipFeedEntry { Position = position, Event = SipJson.DeserializeEvent(eventDocument) }
            : tombstoneDocument is not null
                ? new SipFeedEntry { Position = position, Tombstone = SipJson.DeserializeTombstone(tombstoneDocument) }
                : throw new SipStorageException(
                    $"The event feed's entry at position {position} names an event or tombstone the store does not hold: the feed was changed outside Sip.Workflow.");

    /// <summary>
    /// Runs a query and maps every row, in order: the one reading loop of the SQL stores (a history, a listing).
    /// </summary>
    /// <typeparam name="T">What a row becomes.</typeparam>
    /// <param name="command">The query, ready to run.</param>
    /// <param name="row">Maps the current row.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows, as a read-only list the caller owns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> or <paramref name="row"/> is <see langword="null"/>.</exception>
    public static async Task<IReadOnlyList<T>> ReadRowsAsync<T>(DbCommand command, Func<DbDataReader, T> row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(row);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row(reader));
        }

        return rows.AsReadOnly();
    }

    /// <summary>The refusal of a purge whose case is at another version than the tombstone expects.</summary>
    /// <param name="tombstone">The tombstone.</param>
    /// <param name="actualVersion">The case's version now, or <see langword="null"/> when there is no case.</param>
    public static SipWorkflowException PurgeRefused(SipTombstone tombstone, long? actualVersion)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        return actualVersion is { } actual
            ? new SipConcurrencyException(tombstone.CaseId, tombstone.LastVersion, actual)
            : new SipCaseNotFoundException(tombstone.CaseId);
    }

    /// <summary>Checks an update: the case at <paramref name="expectedVersion"/> + 1, the event with that sequence.</summary>
    /// <param name="updatedCase">The case.</param>
    /// <param name="expectedVersion">The version the writer read.</param>
    /// <param name="sipEvent">The event.</param>
    /// <exception cref="ArgumentException">A rule is broken.</exception>
    public static void ValidateUpdate(SipCase updatedCase, long expectedVersion, SipEvent sipEvent)
    {
        ArgumentNullException.ThrowIfNull(updatedCase);
        ArgumentNullException.ThrowIfNull(sipEvent);
        if (expectedVersion < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedVersion), expectedVersion, "The expected version of a stored case is 1 or more.");
        }

        if (updatedCase.Version != expectedVersion + 1)
        {
            throw new ArgumentException(
                $"An update from version {expectedVersion} stores version {expectedVersion + 1}; this case has version {updatedCase.Version}.",
                nameof(updatedCase));
        }

        Validate(updatedCase, sipEvent, updatedCase.Version);
    }

    private static void Validate(SipCase sipCase, SipEvent sipEvent, long sequence)
    {
        if (sipCase.Id.Value == Guid.Empty)
        {
            throw new ArgumentException("The case has the empty id.", nameof(sipCase));
        }

        // What every store's read refuses (EnsureRowMatches) is refused when written, so no store keeps a case it cannot read back.
        if (sipCase.OpenDeadlines is { } open && !AreInOrderFrom(open, sipCase.NextDeadline))
        {
            throw new ArgumentException(
                "The case's open deadlines must begin at its next deadline and follow in due order, as the engine seals them; these do not.", nameof(sipCase));
        }

        if (sipEvent.CaseId != sipCase.Id)
        {
            throw new ArgumentException($"The event is for case {sipEvent.CaseId}, not for case {sipCase.Id}.", nameof(sipEvent));
        }

        if (sipEvent.Sequence != sequence)
        {
            throw new ArgumentException($"The event must have sequence {sequence} (the case's new version); it has {sipEvent.Sequence}.", nameof(sipEvent));
        }

        // Every store must be able to keep what another accepts (PostgreSQL's jsonb, for one, refuses NUL characters), so
        // the event's text is held to the same rules as a host's input.
        Check.Text(sipEvent.EventType, nameof(SipEvent.EventType), SipLimits.NameMaxLength);
        Check.NotNull(sipEvent.Actor, nameof(SipEvent.Actor));
        foreach (var (key, value) in sipEvent.Details)
        {
            Check.Text(key, nameof(SipEvent.Details), SipLimits.NameMaxLength);
            Check.Text(value, nameof(SipEvent.Details), SipLimits.ShortTextMaxLength);
        }

        Hex(sipEvent.Hash, nameof(SipEvent.Hash), allowEmpty: false);
        Hex(sipEvent.PreviousHash, nameof(SipEvent.PreviousHash), allowEmpty: true);
        if (sipEvent.CaseHash is not null)
        {
            Hex(sipEvent.CaseHash, nameof(SipEvent.CaseHash), allowEmpty: false);
        }
    }

    // Every save checks three hashes: a vectorised scan, not an enumerator and a delegate call per character.
    private static readonly System.Buffers.SearchValues<char> LowerHexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>Whether <paramref name="value"/> is a SHA-256 hash as the library writes it: 64 lower-case hexadecimal digits.</summary>
    internal static bool IsHashText([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) => value is { Length: 64 } && !value.AsSpan().ContainsAnyExcept(LowerHexDigits);

    private static void Hex(string? value, string paramName, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length == 0 && allowEmpty)
        {
            return;
        }

        if (!IsHashText(value))
        {
            throw new ArgumentException($"'{paramName}' must be a SHA-256 hash: 64 lower-case hexadecimal digits.", paramName);
        }
    }

    /// <summary>
    /// Reads a stored case row: the document, checked to be the case the row's columns say it is. A row changed outside
    /// the library — relabelled to another id, its document swapped, or an indexed column edited (a deadline cleared to hide
    /// an overdue case, a subject swapped so a query for one person returns another's case) — is refused instead of being
    /// served.
    /// </summary>
    /// <param name="row">The row's indexed columns (<see cref="SipCaseIndex.FromColumns(SipCaseId, System.Data.Common.DbDataReader, int)"/>).</param>
    /// <param name="document">The row's case document.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipStorageException">The document is unreadable, or disagrees with the row's columns.</exception>
    public static SipCase ReadRow(SipCaseIndex row, string document)
    {
        var sipCase = SipJson.DeserializeCase(document);
        EnsureRowMatches(row, sipCase);
        return sipCase;
    }

    /// <summary>Checks that a row's columns are those of the case its document holds; see <see cref="ReadRow"/>.</summary>
    /// <param name="row">The row's indexed columns.</param>
    /// <param name="sipCase">The case its document holds.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipStorageException">They disagree, or the case's open deadlines do not begin at its next deadline in due order.</exception>
    public static void EnsureRowMatches(SipCaseIndex row, SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        if (sipCase.Id != row.Id)
        {
            throw new SipStorageException(
                $"The stored row of SIP case {row.Id} holds the document of case {sipCase.Id}: it was changed outside Sip.Workflow. " +
                "Nothing was read; restore the row from a backup or the history.");
        }

        var differing = SipCaseIndex.Of(sipCase).DifferingColumns(row);
        if (differing.Count > 0)
        {
            throw new SipStorageException(
                $"The stored row of SIP case {row.Id} has indexed columns that disagree with its document ({string.Join(", ", differing)}): it was " +
                "changed outside Sip.Workflow. Nothing was read; restore the row from a backup, or re-save the case's columns from its verified document.");
        }

        // Due work lists the sealed open deadlines: the earliest is the next deadline the row is indexed by, and they are in
        // order, or a deadline was cleared or moved in the document to hide an overdue case.
        if (sipCase.OpenDeadlines is { } open && !AreInOrderFrom(open, sipCase.NextDeadline))
        {
            throw new SipStorageException(
                $"The stored document of SIP case {row.Id} has open deadlines that disagree with its next deadline: it was changed outside " +
                "Sip.Workflow. Nothing was read; restore the row from a backup.");
        }
    }

    private static bool AreInOrderFrom(IReadOnlyList<SipDeadline> open, DateTimeOffset? next)
    {
        if (open.Count == 0)
        {
            return next is null;
        }

        if (open[0].DueAt != next)
        {
            return false;
        }

        for (var i = 1; i < open.Count; i++)
        {
            if (open[i].DueAt < open[i - 1].DueAt)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The answer to a unique-key violation while writing a case's event: normally a concurrency conflict (the case id or
    /// the command id was taken by a writer that won); but when the case is still at the version the writer read, the
    /// event's sequence number was already taken — an event added to the history outside the library — and retrying can
    /// never succeed, so the store says so.
    /// </summary>
    /// <param name="caseId">The case.</param>
    /// <param name="expectedVersion">The version the writer read (0 for a create).</param>
    /// <param name="actualVersion">The version stored now, or <see langword="null"/> when there is no such case.</param>
    /// <param name="sequenceTaken">Whether the history already holds an event with sequence <paramref name="expectedVersion"/> + 1.</param>
    /// <param name="inner">The database's error.</param>
    /// <returns>The exception to throw.</returns>
    public static SipWorkflowException UniqueViolation(SipCaseId caseId, long expectedVersion, long? actualVersion, bool sequenceTaken, Exception? inner)
        => sequenceTaken && expectedVersion > 0 && actualVersion == expectedVersion
            ? new SipStorageException(
                $"The history of SIP case {caseId} already holds an event {expectedVersion + 1} although the case is at version {expectedVersion}: " +
                "an event was added outside Sip.Workflow. Nothing was written; verify the case (VerifyHistoryAsync) and restore its history from a backup.",
                inner)
            : new SipConcurrencyException(caseId, expectedVersion, actualVersion, inner);

    /// <summary>
    /// The version protocol's answer when a conditional update changed no row ("… WHERE id = @id AND version = @expected"):
    /// a concurrency conflict naming both versions when the case exists at another version, otherwise not found. Read
    /// <paramref name="actualVersion"/> inside the same transaction, so it is the version that won.
    /// </summary>
    /// <param name="caseId">The case.</param>
    /// <param name="expectedVersion">The version the writer read.</param>
    /// <param name="actualVersion">The version stored now, or <see langword="null"/> when there is no such case.</param>
    /// <returns>The exception to throw.</returns>
    public static SipWorkflowException NothingUpdated(SipCaseId caseId, long expectedVersion, long? actualVersion)
        => actualVersion is { } actual
            ? new SipConcurrencyException(caseId, expectedVersion, actual)
            : new SipCaseNotFoundException(caseId);
}
