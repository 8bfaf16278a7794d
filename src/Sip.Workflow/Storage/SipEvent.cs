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
    /// SHA-256 over the case document this command produced (without its <see cref="SipCase.HistoryHead"/>), so that an
    /// edit of the stored case itself is found too; <see langword="null"/> for events written without one.
    /// </summary>
    public string? CaseHash { get; init; }

    /// <summary>The previous event's <see cref="Hash"/>; empty for the first event.</summary>
    public required string PreviousHash { get; init; }

    /// <summary>SHA-256 over this event's content and <see cref="PreviousHash"/>, as lowercase hex.</summary>
    public required string Hash { get; init; }
}
