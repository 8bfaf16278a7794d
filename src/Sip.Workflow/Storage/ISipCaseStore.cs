namespace Sip.Workflow.Storage;

/// <summary>
/// Persists SIP cases and their history. Every provider (in-memory, SQLite, …) keeps exactly these promises, and the
/// shared store-contract tests hold each one to them.
/// </summary>
/// <remarks>
/// <para><b>Atomicity.</b> <see cref="CreateAsync"/> and <see cref="UpdateAsync"/> write the case and its event together or
/// not at all: after a crash the store holds either both or neither.</para>
/// <para><b>Optimistic concurrency.</b> <see cref="UpdateAsync"/> succeeds only when the stored version equals the
/// expected version; otherwise it changes nothing and throws <see cref="SipConcurrencyException"/> naming the case,
/// the expected and the actual version. An update is never lost and never silently overwrites another.</para>
/// <para><b>Versions and sequence.</b> A created case has version 1 and its event sequence 1; an update's case has the
/// expected version + 1 and its event that same sequence. The store refuses anything else with an
/// <see cref="ArgumentException"/>.</para>
/// <para><b>Append-only history.</b> Events are never changed or removed; <see cref="GetHistoryAsync"/> returns them
/// oldest first.</para>
/// <para><b>Idempotency.</b> A command id appears on at most one event in the whole store; writing a second event with
/// the same command id fails with <see cref="SipConcurrencyException"/> and changes nothing.
/// <see cref="FindByCommandIdAsync"/> finds the event a command produced.</para>
/// <para><b>No aliasing.</b> Cases and events are immutable; lists a store returns are its own copies, so nothing a
/// caller does to a returned object changes the store.</para>
/// <para><b>Gallring.</b> <see cref="PurgeAsync"/> is the one way anything leaves the store: it removes a case and its
/// history and leaves its tombstone, atomically; the database stores refuse any other DELETE. A purged case's id is never
/// used again: <see cref="CreateAsync"/> refuses it.</para>
/// <para><b>Cancellation.</b> A cancelled call throws <see cref="OperationCanceledException"/> and has either written
/// everything or nothing.</para>
/// </remarks>
/// <threadsafety>Implementations are safe to use from many threads at once.</threadsafety>
public interface ISipCaseStore
{
    /// <summary>Stores a new case (version 1) with its opening event (sequence 1).</summary>
    /// <param name="newCase">The case.</param>
    /// <param name="openingEvent">The opening event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SipConcurrencyException">A case with this id exists or was purged, or the event's command id was used before.</exception>
    /// <exception cref="ArgumentException">The version or sequence is not 1, the event is for another case, or the case's open deadlines do not begin at its next deadline in due order.</exception>
    Task CreateAsync(SipCase newCase, SipEvent openingEvent, CancellationToken cancellationToken = default);

    /// <summary>Reads a case.</summary>
    /// <param name="caseId">The case's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case, or <see langword="null"/> when there is none with that id.</returns>
    Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a case to run a command on. A store may answer with a case it wrote or read itself when the stored version,
    /// indexed columns and newest event are still that case's, without reading the document again: the command's
    /// <see cref="UpdateAsync"/> names the version read, so a write by another node in between is refused as a conflict,
    /// and a document changed by hand at the same version is replaced by the engine's own (what the store rewrites). Reads for anyone else, and
    /// verification, use <see cref="GetAsync"/>, which always reads what is stored.
    /// </summary>
    /// <param name="caseId">The case's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case, or <see langword="null"/> when there is none with that id.</returns>
    /// <remarks>Unless a store implements it, this is <see cref="GetAsync"/>.</remarks>
    Task<SipCase?> GetForCommandAsync(SipCaseId caseId, CancellationToken cancellationToken = default) => GetAsync(caseId, cancellationToken);

    /// <summary>
    /// The newest event of a case's history: the engine checks a case read from its stored document against it before a
    /// command acts on it, so that an edit made outside the engine is refused rather than sealed into history.
    /// </summary>
    /// <remarks>The default reads the whole history; the library's SQL stores read the one row.</remarks>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The newest event, or <see langword="null"/> when the case has none.</returns>
    async Task<SipEvent?> GetNewestEventAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => (await GetHistoryAsync(caseId, cancellationToken).ConfigureAwait(false)) is { Count: > 0 } history ? history[^1] : null;

    /// <summary>Replaces a case whose stored version is <paramref name="expectedVersion"/> and appends its event.</summary>
    /// <param name="updatedCase">The case at version <paramref name="expectedVersion"/> + 1.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="sipEvent">The event, with sequence <paramref name="expectedVersion"/> + 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SipConcurrencyException">The stored version differs, or the command id was used before.</exception>
    /// <exception cref="SipCaseNotFoundException">There is no case with that id.</exception>
    /// <exception cref="ArgumentException">The versions or sequence do not line up, the event is for another case, or the case's open deadlines do not begin at its next deadline in due order.</exception>
    Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default);

    /// <summary>Reads a case's history, oldest first; empty when there is no such case.</summary>
    /// <param name="caseId">The case's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default);

    /// <summary>Finds the event a command produced, for idempotent replay.</summary>
    /// <param name="commandId">The command id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The event, or <see langword="null"/> when no event carries that command id.</returns>
    Task<SipEvent?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds cases by state, subject reference, lead principal, next deadline and access keys, one page at a time. Ordered
    /// by <see cref="SipCase.NextDeadline"/> (cases without one last), then by id, so pages never skip or repeat a case
    /// that does not change between calls.
    /// </summary>
    /// <remarks>
    /// <see cref="SipCaseQuery.AccessKeys"/> selects the cases holding at least one of the keys <see cref="SipCaseAccessKeys.Of"/>
    /// gives them, so that a reader's list loads no case the rules leave out: a store keeps the keys beside the case (or
    /// computes them, as the in-memory store does) and selects by them before it reads a document. The access contract
    /// (<c>SipAccessContract</c>) holds a store to it.
    /// </remarks>
    /// <param name="query">The filters and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCasePage> QueryAsync(SipCaseQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds cases as <see cref="QueryAsync"/> does — the same filters, order, pages and continuation tokens — each read as
    /// its head: every member but the lists a store may keep apart (<see cref="SipCaseItems.Lists"/>: plan revisions,
    /// follow-ups, evaluations, …), which may be empty in it. For what needs no more than the head: due work, from the
    /// sealed <see cref="SipCase.OpenDeadlines"/>, and the list decisions of access rules that read only the head
    /// (<see cref="ISipAccessPolicy.DecidesListsOnHeads"/>), so that a case with a long history costs them no more than a
    /// fresh one.
    /// </summary>
    /// <remarks>
    /// A head is not the case, and the engine never hands one to a host as if it were. The default answers whole cases
    /// (<see cref="QueryAsync"/>), which hold their heads; the SQLite store reads the head document without the item rows,
    /// and the PostgreSQL store leaves the lists out in the database.
    /// </remarks>
    /// <param name="query">The filters and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, each case as its head at least.</returns>
    Task<SipCasePage> QueryHeadsAsync(SipCaseQuery query, CancellationToken cancellationToken = default) => QueryAsync(query, cancellationToken);

    /// <summary>
    /// Lists the ids of the cases the store holds, in id order (<see cref="Guid.CompareTo(Guid)"/>), one page at a time:
    /// for verifying the whole store.
    /// </summary>
    /// <param name="after">The last id of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="maxCount">The most ids to return; 1 to <see cref="SipCaseQuery.MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="maxCount"/> ids after <paramref name="after"/>; fewer only on the last page.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is out of range.</exception>
    Task<IReadOnlyList<SipCaseId>> ListCaseIdsAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Purges a case (<i>gallring</i>): removes the case and its whole history and stores its tombstone, in one atomic step,
    /// only while the case is still at <see cref="SipTombstone.LastVersion"/>.
    /// </summary>
    /// <param name="tombstone">The sealed tombstone; its <see cref="SipTombstone.LastVersion"/> is the version expected.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SipConcurrencyException">The case is at another version; nothing was removed.</exception>
    /// <exception cref="SipCaseNotFoundException">There is no case with that id.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="tombstone"/> is <see langword="null"/>.</exception>
    Task PurgeAsync(SipTombstone tombstone, CancellationToken cancellationToken = default);

    /// <summary>Reads a purged case's tombstone.</summary>
    /// <param name="caseId">The case's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tombstone, or <see langword="null"/> when the case was never purged.</returns>
    Task<SipTombstone?> GetTombstoneAsync(SipCaseId caseId, CancellationToken cancellationToken = default);

    /// <summary>Lists tombstones in case-id order, one page at a time.</summary>
    /// <param name="after">The last case id of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="maxCount">The most tombstones to return; 1 to <see cref="SipCaseQuery.MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is out of range.</exception>
    Task<IReadOnlyList<SipTombstone>> ListTombstonesAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the event feed: the events of all cases, and the tombstones of purged cases, in the one order every reader
    /// sees, after <paramref name="afterPosition"/>.
    /// </summary>
    /// <remarks>
    /// <para>An event's entry is written in the same transaction as the event. Positions grow in the order entries become
    /// visible: an entry committed later never gets a lower position than one a reader has already been given, so a reader
    /// that resumes after the last position it handled never misses an entry and never sees one twice. A store may make an
    /// entry readable a moment after its write was acknowledged (PostgreSQL: once every transaction that began before it
    /// has ended), never out of order.</para>
    /// <para>A purge removes its case's entries and adds one for the tombstone, in the purge's transaction: after gallring,
    /// nothing of the case but its tombstone is read from the feed.</para>
    /// </remarks>
    /// <param name="afterPosition">The last position the reader handled; 0 to read from the start.</param>
    /// <param name="maxCount">The most entries to return; 1 to <see cref="SipCaseQuery.MaxPageSize"/>. Fewer (even none)
    /// means the reader has caught up for now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries after <paramref name="afterPosition"/>, in position order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative or <paramref name="maxCount"/> is out of range.</exception>
    Task<IReadOnlyList<SipFeedEntry>> ReadFeedAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many feed entries a reader at <paramref name="afterPosition"/> has still to read — the lag in entries a
    /// subscriber reports — counting no further than <paramref name="atMost"/>, so that the answer costs little however far
    /// behind the reader is.
    /// </summary>
    /// <remarks>The entries counted are those <see cref="ReadFeedAsync"/> would return now. The default reads them page by
    /// page; the library's stores count them in one query.</remarks>
    /// <param name="afterPosition">The last position the reader handled; 0 for the start.</param>
    /// <param name="atMost">Where to stop counting; 1 to 1,000,000.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of entries after <paramref name="afterPosition"/>, at most <paramref name="atMost"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative or <paramref name="atMost"/> is out of range.</exception>
    Task<int> CountFeedAsync(long afterPosition, int atMost, CancellationToken cancellationToken = default)
        => SipStoreRules.CountFeedByReadingAsync(this, afterPosition, atMost, cancellationToken);

    /// <summary>
    /// The access keys the store keeps for a case (<see cref="SipCaseAccessKeys"/>), sorted, for verification
    /// (<see cref="ISipWorkflow.VerifyStoreAsync"/> compares them with the ones its document derives: a key lost or changed
    /// outside the library would leave the case out of its readers' lists).
    /// </summary>
    /// <remarks>The default answers <see langword="null"/>: a store that keeps no keys, and filters lists by computing them
    /// (as the in-memory store does), has none to go stale.</remarks>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys (empty for a case with none, or no such case), or <see langword="null"/> when the store keeps none.</returns>
    Task<IReadOnlyList<string>?> ReadAccessKeysAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<string>?>(null);
}
