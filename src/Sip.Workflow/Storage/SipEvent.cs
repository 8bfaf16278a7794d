namespace Sip.Workflow;

/// <summary>
/// One entry of a case's append-only history: an accepted command, who issued it and when, and the states before and
/// after. Each event carries a hash of its content and of the previous event's hash, so editing, removing or
/// reordering an event breaks the chain (<see cref="Storage.SipAuditChain.Verify"/>).
/// </summary>
/// <remarks>
/// Details hold identifiers and codes only, never free text from the plan: the history is safe to show to an
/// auditor who may not read health data.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipEvent
{
    /// <summary>The case.</summary>
    public required SipCaseId CaseId { get; init; }

    /// <summary>1 for the opening, one more for each accepted command; equals the case version it produced.</summary>
    public required long Sequence { get; init; }

    /// <summary>What happened: <c>CaseOpened</c> or the name of a <see cref="SipTrigger"/>.</summary>
    public required string EventType { get; init; }

    /// <summary>The state before, or <see langword="null"/> for the opening.</summary>
    public SipState? FromState { get; init; }

    /// <summary>The state after.</summary>
    public required SipState ToState { get; init; }

    /// <summary>Who issued the command.</summary>
    public required SipActor Actor { get; init; }

    /// <summary>When it was accepted, from the engine's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The host's command id, when it gave one (the idempotency key).</summary>
    public CommandId? CommandId { get; init; }

    /// <summary>Identifiers and codes describing the change (e.g. <c>participantId</c>, <c>scope</c>).</summary>
    public IReadOnlyDictionary<string, string> Details
    {
        get;

        // A private copy with value equality: nothing the caller does to its dictionary afterwards reaches a stored
        // event, and two events with the same details are equal.
        init => field = Internal.SipDetails.Of(value);
    } = Internal.SipDetails.Empty;

    /// <summary>
    /// SHA-256 (HMAC-SHA-256 under the audit key named by <see cref="AuditKeyId"/>) over the case document this command
    /// produced (without its <see cref="SipCase.HistoryHead"/>), so that an edit of the stored case itself is found too;
    /// <see langword="null"/> for events written without one.
    /// </summary>
    public string? CaseHash { get; init; }

    /// <summary>
    /// A hash of everything the command carried (its <see cref="CommandId"/> aside), keyed like the event: the same
    /// command id sent again with other content is refused instead of replaying this event. <see langword="null"/> for
    /// events written before this was recorded, or without a command id.
    /// </summary>
    public string? CommandFingerprint { get; init; }

    /// <summary>
    /// The id of the audit key (<see cref="SipWorkflowOptions.AuditKeyId"/>) the hashes of this event were made with;
    /// <see langword="null"/> when they are plain SHA-256.
    /// </summary>
    public string? AuditKeyId { get; init; }

    /// <summary>
    /// The version of the hash form (docs/audit-trail.md) this event was sealed with: 4 for events this library writes (its
    /// <see cref="CaseHash"/> replaces each list of the case that is not empty by a digest of its elements' digests, and
    /// keeps an empty list as <c>[]</c>); 3 for events written before form 4, or under
    /// <see cref="SipWorkflowOptions.SealedHashForm"/> 3 (every list digested, empty ones too); 2 for events written before
    /// those (the case hashed whole); 1 for events written before the form covered <see cref="CommandFingerprint"/> and
    /// <see cref="AuditKeyId"/>.
    /// </summary>
    /// <value>1 unless set: an event stored without a form version is of the first form.</value>
    public int HashVersion
    {
        get;

        // A stored event of the first form has no member for it, which a reader fills with 0.
        init => field = value == 0 ? 1 : value;
    } = 1;

    /// <summary>The previous event's <see cref="Hash"/>; empty for the first event.</summary>
    public required string PreviousHash { get; init; }

    /// <summary>SHA-256 over this event's content and <see cref="PreviousHash"/>, as lowercase hex.</summary>
    public required string Hash { get => _hash; init => _hash = value; }

    // Behind the property so that the engine can seal the event it has just made (SealWith) instead of making it twice.
    private string _hash = string.Empty;

    /// <summary>
    /// Sets the hash of an event made with an empty one, before anyone else has it: the engine computes the hash over the
    /// event itself, and a copy made only to carry the hash would be one more object per command.
    /// </summary>
    internal void SealWith(string hash)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        if (_hash.Length != 0)
        {
            throw new InvalidOperationException("The event is sealed already; a sealed event is never changed.");
        }

        _hash = hash;
    }
}
