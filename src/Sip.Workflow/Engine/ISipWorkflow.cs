using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>The outcome of an accepted command.</summary>
/// <param name="Case">
/// The case after the command. For a replay (<see cref="IsReplay"/>) it is the case as it is now, which may have moved on.
/// </param>
/// <param name="Event">The history event the command produced (for a replay, the original one).</param>
/// <param name="IsReplay">Whether the command id had been applied before and nothing was applied this time.</param>
public sealed record SipCommandResult(SipCase Case, SipEvent Event, bool IsReplay);

/// <summary>The format of a process diagram.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DiagramFormat>))]
public enum DiagramFormat
{
    /// <summary>A Mermaid state diagram.</summary>
    Mermaid = 1,

    /// <summary>A Graphviz DOT graph.</summary>
    Dot = 2,
}

/// <summary>
/// The SIP engine a host calls: one method runs every step of the process (<see cref="ExecuteAsync"/>), and the queries a
/// journal system needs. The typed step methods hosts usually call (<c>workflow.RecordConsentAsync(command)</c>) are
/// extension methods in <see cref="SipWorkflowCommands"/>, so a decorator or test double implements these few members
/// and keeps working when the process gains a step (the <c>ILogger</c>/<c>LoggerExtensions</c> shape).
/// </summary>
/// <remarks>
/// <para>Every command loads the case, applies itself to a staging copy, checks the process's requirements, fires the
/// step, and saves the case with its history event in one atomic store call naming the version it read.</para>
/// <para>A refused command changes nothing, not even the history: bad input raises an <see cref="ArgumentException"/>
/// naming the argument; a step that does not exist in the case's state raises <see cref="SipInvalidStateException"/>;
/// unmet requirements raise <see cref="SipRequirementsNotMetException"/> listing each; a concurrent change raises
/// <see cref="SipConcurrencyException"/>; an unknown case raises <see cref="SipCaseNotFoundException"/>; a command id
/// already used for another command raises <see cref="SipIdempotencyConflictException"/>.</para>
/// </remarks>
/// <threadsafety>Implementations are safe to use from many threads at once.</threadsafety>
public interface ISipWorkflow
{
    /// <summary>Runs one step of the process: any command, from <see cref="OpenCase"/> to <see cref="CloseCase"/>.</summary>
    /// <param name="command">The command; its type says which step.</param>
    /// <param name="cancellationToken">Cancels the call; once the store has been asked to save, the command may still land.</param>
    /// <returns>The case after the command and the history event it wrote (or, for a replayed command id, the first result).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case (the message names the argument); nothing was changed.</exception>
    /// <exception cref="SipCaseNotFoundException">The command names a case that does not exist.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules (<see cref="SipWorkflowOptions.Access"/>) refused the actor; nothing was changed.</exception>
    /// <exception cref="SipInvalidStateException">The step does not exist in the case's state (e.g. anything on a closed case).</exception>
    /// <exception cref="SipRequirementsNotMetException">Requirements in force are not met; each is listed.</exception>
    /// <exception cref="SipConcurrencyException">
    /// The case is not at <see cref="SipCaseCommand.ExpectedVersion"/>, or someone else changed it since it was read (after
    /// <see cref="SipWorkflowOptions.ConcurrencyRetries"/> runs, when set); nothing was saved.
    /// </exception>
    /// <exception cref="SipIdempotencyConflictException">The command id was already used for another command.</exception>
    /// <exception cref="SipUnknownPolicyException">The case runs under a policy the engine does not know.</exception>
    /// <exception cref="SipCaseLimitExceededException">The case would outgrow its document size or event count; nothing was saved.</exception>
    /// <exception cref="SipStorageException">The store could not read or write the case for a lasting reason.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; retry with the same command id.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the save.</exception>
    Task<SipCommandResult> ExecuteAsync(SipCommand command, CancellationToken cancellationToken = default);

    /// <summary>Reads a case.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="ArgumentException"><paramref name="caseId"/> is the empty id.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse a read that names no reader (the default rules do:
    /// use the overload with a <see cref="SipReader"/>, or name <see cref="SipAccessPolicies.AllowAll"/>).</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used (a foreign or corrupt database, another schema version).</exception>
    Task<SipCase?> GetCaseAsync(SipCaseId caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a case for <paramref name="reader"/>: the access rules decide with the case at hand, and the read is logged —
    /// allowed or refused — in the access log before anything is answered (<see cref="ISipAccessLogStore"/>).
    /// </summary>
    /// <param name="caseId">The case.</param>
    /// <param name="reader">Who reads, what for (<see cref="SipReader.Purpose"/>: the case, a document, an export) and why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case, or <see langword="null"/> when there is none (nothing is logged then).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="caseId"/> is the empty id.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refused the reader; the refusal is logged.</exception>
    /// <exception cref="SipStorageException">The store could not be read or written for a lasting reason, or keeps no access log (give <see cref="SipWorkflowOptions.AccessLog"/>).</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; nothing was answered. It is safe to retry.</exception>
    Task<SipCase?> ReadCaseAsync(SipCaseId caseId, SipReader reader, CancellationToken cancellationToken = default);

    /// <summary>Reads a case's history, oldest first.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="caseId"/> is empty.</exception>
    /// <exception cref="SipCaseNotFoundException">There is no such case (a purged case included), as for every other query on a case.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse a read that names no reader (the default rules do:
    /// use the overload with a <see cref="SipReader"/>, or name <see cref="SipAccessPolicies.AllowAll"/>).</exception>
    /// <exception cref="SipStorageException">The store could not be read for a lasting reason.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default);

    /// <summary>Reads a case's history, oldest first, for <paramref name="reader"/>: decided and logged as <see cref="ReadCaseAsync"/> is.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="reader">Who reads and why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="caseId"/> is empty.</exception>
    /// <exception cref="SipCaseNotFoundException">There is no such case (nothing is logged then).</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refused the reader; the refusal is logged.</exception>
    /// <exception cref="SipStorageException">The store could not be read or written for a lasting reason, or keeps no access log (give <see cref="SipWorkflowOptions.AccessLog"/>).</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; nothing was answered. It is safe to retry.</exception>
    Task<IReadOnlyList<SipEvent>> ReadHistoryAsync(SipCaseId caseId, SipReader reader, CancellationToken cancellationToken = default);

    /// <summary>Verifies a case's hash-chained history against the case.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SipCaseNotFoundException">There is no such case.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse the host's system functions this read (<see cref="SipAccessAction.SystemRead"/>; the default rules allow it).</exception>
    Task<SipAuditVerification> VerifyHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a sealed checkpoint of a case (its version and history head now) for the host to keep outside the database,
    /// so that a later <see cref="VerifyAgainstCheckpointAsync"/> finds the case set
    /// back, rewritten or deleted.
    /// </summary>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SipCaseNotFoundException">There is no such case.</exception>
    /// <exception cref="SipStorageException">The case's history does not verify now; no checkpoint is taken of a broken case.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse the host's system functions this read (<see cref="SipAccessAction.SystemRead"/>; the default rules allow it).</exception>
    Task<SipCaseCheckpoint> GetCheckpointAsync(SipCaseId caseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies a case against a checkpoint taken earlier: its own chain, then that it is still at the checkpoint's version or
    /// later with the same event there — or, if it is gone, that a valid tombstone accounts for it (then the result is intact
    /// with <see cref="SipAuditVerification.Purged"/>).
    /// </summary>
    /// <param name="caseId">The case.</param>
    /// <param name="checkpoint">The checkpoint, as <see cref="GetCheckpointAsync"/> returned it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Intact, or what is wrong (<see cref="SipAuditVerification.Finding"/>: rolled back, missing, broken …).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="checkpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="checkpoint"/> is for another case, or <paramref name="caseId"/> is empty.</exception>
    /// <exception cref="SipStorageException">The store could not be read or written for a lasting reason.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse the host's system functions this read (<see cref="SipAccessAction.SystemRead"/>; the default rules allow it).</exception>
    Task<SipAuditVerification> VerifyAgainstCheckpointAsync(SipCaseId caseId, SipCaseCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies the whole store: every case's row against its document and its chain, every tombstone's seal, and — given
    /// an earlier store checkpoint kept outside the database — that every case it knew is still there at its version or later
    /// with the same head then, or purged with a valid tombstone. Returns a new checkpoint to keep for next time.
    /// </summary>
    /// <param name="since">The checkpoint of the last verification, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// Every problem found, the counts, and a new checkpoint. Keep it in place of the old one only when nothing was found:
    /// a checkpoint taken over tampered rows would vouch for them. Without an audit key, someone who can write the database
    /// can also write a tombstone that passes, so a deletion is certain to be found only with a key.
    /// </returns>
    /// <exception cref="SipStorageException">The store cannot be read at all.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse the host's system functions this read (<see cref="SipAccessAction.SystemRead"/>; the default rules allow it).</exception>
    Task<SipStoreVerification> VerifyStoreAsync(SipStoreCheckpoint? since = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closed cases whose retention under <paramref name="rule"/> has passed on <paramref name="asOf"/>, counted from the SIP's own
    /// last event, one page of closed cases at a time. The individual's record may have later entries: the host checks
    /// before it purges (<see cref="PurgeCaseAsync"/> takes the record's last entry).
    /// </summary>
    /// <param name="rule">The retention rule the host's records fall under.</param>
    /// <param name="asOf">The Swedish calendar day to count to (usually today).</param>
    /// <param name="pageSize">How many closed cases to look at; 1 to 1,000.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="continuationToken"/> is not a token this library made.</exception>
    /// <exception cref="SipStorageException">The store could not be read or written for a lasting reason.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse the host's system functions this read (<see cref="SipAccessAction.SystemRead"/>; the default rules allow it).</exception>
    Task<SipGallringPage> GetDueForGallringAsync(
        SipRetentionRule rule, DateOnly asOf, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Purges a closed case whose retention has passed (<i>gallring</i>): removes the case and its history and leaves a
    /// sealed tombstone (case id, time, actor, rule, the record's last entry, the last head hash). The only way anything
    /// leaves the store.
    /// </summary>
    /// <param name="request">The case, the actor, the rule, the record's last entry and the host's confirmation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tombstone.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The confirmation is missing, or the record's last entry is before the SIP's own or after today.</exception>
    /// <exception cref="SipCaseNotFoundException">There is no such case.</exception>
    /// <exception cref="SipPurgeRefusedException">The case is not closed, its retention has not passed, or its history does not verify.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refused the actor the purge (<see cref="SipAccessAction.Purge"/>); nothing was removed.</exception>
    /// <exception cref="SipConcurrencyException">The case changed while it was being purged; nothing was removed.</exception>
    /// <exception cref="SipStorageException">The store could not be read or written for a lasting reason.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    Task<SipTombstone> PurgeCaseAsync(PurgeCase request, CancellationToken cancellationToken = default);

    /// <summary>What may happen next: every step that exists in the case's state with its unmet requirements, whoever asks.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="language">The language of the requirement texts; the engine's default unless given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SipCaseNotFoundException">There is no such case.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse a read that names no reader (the default rules do:
    /// use <see cref="ReadPermittedActionsAsync"/>, or name <see cref="SipAccessPolicies.AllowAll"/>).</exception>
    Task<IReadOnlyList<PermittedAction>> GetPermittedActionsAsync(SipCaseId caseId, SipLanguage? language = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// What <paramref name="reader"/> may do next: the steps that exist in the case's state, with their unmet requirements,
    /// that the access rules let this actor take — so that a caseworker is offered only the steps they may take. The read of
    /// the case is decided and logged as <see cref="ReadCaseAsync"/>'s is.
    /// </summary>
    /// <param name="caseId">The case.</param>
    /// <param name="reader">Who asks, and why.</param>
    /// <param name="language">The language of the requirement texts; the engine's default unless given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The steps, in the order <see cref="GetPermittedActionsAsync"/> gives them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="caseId"/> is the empty id, or <paramref name="language"/> is not defined.</exception>
    /// <exception cref="SipCaseNotFoundException">There is no such case.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refused the reader the case; the refusal is logged.</exception>
    /// <exception cref="SipStorageException">The store could not be read or written for a lasting reason, or keeps no access log.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    Task<IReadOnlyList<PermittedAction>> ReadPermittedActionsAsync(SipCaseId caseId, SipReader reader, SipLanguage? language = null, CancellationToken cancellationToken = default);

    /// <summary>Due work (<i>bevakning</i>): open cases whose next deadline falls at or before <paramref name="dueAtOrBefore"/>, by due time.</summary>
    /// <remarks>
    /// Each case is read as its head (<see cref="Storage.ISipCaseStore.QueryHeadsAsync"/>), with the open deadlines sealed
    /// with its last command (<see cref="SipCase.OpenDeadlines"/>): they follow the policy in force then, so a change to
    /// the deadline settings shows in a case's due work from its next command on. A page holding a case sealed by an
    /// earlier release is read again whole, and that case's deadlines worked out from it.
    /// </remarks>
    /// <param name="dueAtOrBefore">The horizon; pass now for what is overdue.</param>
    /// <param name="pageSize">1 to 1,000.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page of due work and the token of the next, if any.</returns>
    /// <exception cref="ArgumentException"><paramref name="dueAtOrBefore"/> is not a real moment, or <paramref name="continuationToken"/> is not one this library issued.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1 to 1,000.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse a read that names no reader (the default rules do:
    /// use the overload with a <see cref="SipReader"/>, or name <see cref="SipAccessPolicies.AllowAll"/>).</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used (a foreign or corrupt database, another schema version).</exception>
    Task<DueWorkPage> GetDueWorkAsync(DateTimeOffset dueAtOrBefore, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Due work for <paramref name="reader"/>: only the cases the access rules let the reader see (<see cref="SipAccessAction.List"/>).
    /// A page may hold fewer items than asked, even none, before the last: follow the continuation token to the end.
    /// </summary>
    /// <remarks>
    /// Read as <see cref="GetDueWorkAsync"/> reads it. Each entry is decided on the case's head when the access policy
    /// decides lists on heads (<see cref="ISipAccessPolicy.DecidesListsOnHeads"/>; the default rules do), else on the
    /// whole case.
    /// </remarks>
    /// <param name="reader">Who reads.</param>
    /// <param name="dueAtOrBefore">The horizon; pass now for what is overdue.</param>
    /// <param name="pageSize">1 to 1,000.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page of due work and the token of the next, if any.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="dueAtOrBefore"/> is not a real moment, or <paramref name="continuationToken"/> is not one this library issued.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1 to 1,000.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used (a foreign or corrupt database, another schema version).</exception>
    /// <exception cref="InvalidOperationException">The access policy returned no list scope (<see cref="ISipAccessPolicy.ListScope"/>).</exception>
    Task<DueWorkPage> ReadDueWorkAsync(SipReader reader, DateTimeOffset dueAtOrBefore, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>Finds cases.</summary>
    /// <param name="query">Filters and page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page of cases and the token of the next, if any.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A filter, the page size or the continuation token is not valid; the message names it.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse a read that names no reader (the default rules do:
    /// use the overload with a <see cref="SipReader"/>, or name <see cref="SipAccessPolicies.AllowAll"/>).</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used (a foreign or corrupt database, another schema version).</exception>
    Task<SipCasePage> QueryCasesAsync(SipCaseQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds cases for <paramref name="reader"/>: only those the access rules let the reader see. A page may hold fewer cases
    /// than asked, even none, before the last: follow the continuation token to the end.
    /// </summary>
    /// <param name="query">Filters and page.</param>
    /// <param name="reader">Who reads.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One page of cases and the token of the next, if any.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or <paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used (a foreign or corrupt database, another schema version).</exception>
    /// <exception cref="InvalidOperationException">The access policy returned no list scope (<see cref="ISipAccessPolicy.ListScope"/>).</exception>
    Task<SipCasePage> ReadCasesAsync(SipCaseQuery query, SipReader reader, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the event feed: every case's events and every purged case's tombstone, in one order every reader sees, after
    /// the last position the reader handled. What a host forwards to the other principal's system, a search index or a
    /// statistics store reads from here (or through a subscriber, <c>AddSipEventSubscriber</c>).
    /// </summary>
    /// <remarks>
    /// Keep the last <see cref="SipFeedEntry.Position"/> handled and pass it back: an entry committed later never gets a
    /// lower position than one already read, so nothing is missed and nothing read twice. Events hold ids and codes only
    /// (<see cref="SipEvent.Details"/>); read the case for its content. A purged case's events leave the feed with it; its
    /// tombstone stays.
    /// </remarks>
    /// <param name="afterPosition">The last position handled; 0 to read from the start.</param>
    /// <param name="maxCount">The most entries to return, 1 to 1,000; fewer (even none) means caught up for now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries after <paramref name="afterPosition"/>, in position order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="afterPosition"/> is negative or <paramref name="maxCount"/> is out of range.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used, or the feed names an event it does not hold.</exception>
    /// <exception cref="SipAccessRefusedException">The access rules refuse the host's system functions this read (<see cref="SipAccessAction.SystemRead"/>; the default rules allow it).</exception>
    Task<IReadOnlyList<SipFeedEntry>> ReadEventsAsync(long afterPosition, int maxCount = 100, CancellationToken cancellationToken = default);

    /// <summary>The process under a policy the engine knows as a diagram: the steps, their guards and deadlines.</summary>
    /// <param name="format">Mermaid or DOT.</param>
    /// <param name="language">The language of the requirement texts; the engine's default unless given.</param>
    /// <param name="policyName">The policy, by <see cref="SipPolicy.Name"/>: one of <see cref="Policies"/>; the engine's
    /// default policy unless given.</param>
    /// <returns>The diagram's source text.</returns>
    /// <exception cref="ArgumentException"><paramref name="policyName"/> is not a policy the engine knows (the message lists
    /// those it does), or <paramref name="format"/> or <paramref name="language"/> is not a defined value.</exception>
    string GetProcessDiagram(DiagramFormat format = DiagramFormat.Mermaid, SipLanguage? language = null, string? policyName = null);

    /// <summary>
    /// The policies the engine knows: first the default one new cases are opened under, then
    /// <see cref="SipWorkflowOptions.KnownPolicies"/>. A case is opened under any of them (<see cref="OpenCase.Policy"/>)
    /// and always runs under the one it was opened under: its checklist, deadlines and due work follow that policy.
    /// </summary>
    IReadOnlyList<SipPolicy> Policies { get; }
}
