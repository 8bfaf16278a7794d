namespace Sip.Workflow.Storage;

/// <summary>
/// One entry of the store's event feed (<see cref="ISipCaseStore.ReadFeedAsync"/>): an event of some case, or the tombstone
/// a purge left in place of a case's events.
/// </summary>
/// <remarks>
/// Positions grow in the order entries become visible to readers, so a reader that resumes after the last position it
/// handled never misses an entry and never sees one twice. They are not contiguous: a purge removes its case's entries and
/// adds its tombstone's, and the PostgreSQL store leaves wide gaps (see its README). Keep the last position handled, not a
/// count.
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipFeedEntry
{
    /// <summary>Where the entry stands in the feed, 1 or more: later entries have higher positions.</summary>
    public required long Position
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Position), "A feed position is 1 or more.");
    }

    /// <summary>The event; <see langword="null"/> on a tombstone's entry.</summary>
    public SipEvent? Event { get; init; }

    /// <summary>The tombstone of a purged case; <see langword="null"/> on an event's entry. A purged case's events leave the feed with it.</summary>
    public SipTombstone? Tombstone { get; init; }

    /// <summary>The case the entry is about.</summary>
    public SipCaseId CaseId => Event?.CaseId ?? Tombstone?.CaseId ?? default;

    /// <summary>When it happened: the event's time, or when the case was purged.</summary>
    public DateTimeOffset OccurredAt => Event?.OccurredAt ?? Tombstone?.PurgedAt ?? default;

    /// <summary>Shows the position, the case id and the kind of entry only.</summary>
    public override string ToString() => Event is { } e
        ? $"SipFeedEntry {Position}: {CaseId} #{e.Sequence} {e.EventType}"
        : $"SipFeedEntry {Position}: {CaseId} purged";
}
