using Sip.Workflow.Internal;

namespace Sip.Workflow.Storage;

/// <summary>
/// A store that keeps the access log: every read of a case, its history, its document or its export, allowed or refused,
/// append-only, kept until its case is purged. The three stores of this library implement it; the engine writes to it on
/// every read that names a reader, before it answers.
/// </summary>
public interface ISipAccessLogStore
{
    /// <summary>Appends one record, durably (as durable as the store's history): the read is answered only after.</summary>
    /// <param name="record">The record; its <see cref="SipAccessRecord.Sequence"/> is ignored and given by the store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; the read was not answered.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    Task AppendAccessAsync(SipAccessRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the log, oldest first: every record of one case, or of one user, or both, after a sequence already read.
    /// </summary>
    /// <remarks>
    /// Sequences are given when a record is written; on a database where several nodes write at once (PostgreSQL) a record
    /// with a lower sequence may commit just after one with a higher sequence. A log review reads a period that has ended,
    /// where that cannot happen; a reader that follows the log as it is written re-reads its last minute.
    /// </remarks>
    /// <param name="query">Which records.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <see cref="SipAccessLogQuery.MaxCount"/> records after <see cref="SipAccessLogQuery.AfterSequence"/>, by sequence; fewer means the end.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; it is safe to retry.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    Task<IReadOnlyList<SipAccessRecord>> ReadAccessLogAsync(SipAccessLogQuery query, CancellationToken cancellationToken = default);
}

/// <summary>One read of a case, as the access log keeps it: who, for which organisation, in which role, when, what, why, and the decision.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipAccessRecord
{
    /// <summary>The record's place in the log, given by the store: higher for a later append.</summary>
    public long Sequence { get; init; }

    /// <summary>The case read.</summary>
    public required SipCaseId CaseId
    {
        get;
        init => field = Check.Id(value, nameof(CaseId));
    }

    /// <summary>When it was read.</summary>
    public required DateTimeOffset At
    {
        get;
        init => field = Check.Moment(value, nameof(At));
    }

    /// <summary>Who read it: user, organisation (and its identifier), role, and HSA-id if they have one.</summary>
    public required SipActor Actor
    {
        get;
        init => field = Check.NotNull(value, nameof(Actor));
    }

    /// <summary>What was read.</summary>
    public required SipAccessAction Action
    {
        get;
        init => field = Check.Defined(value, nameof(Action));
    }

    /// <summary>The host's why-code, if it gave one.</summary>
    public string? Reason
    {
        get;
        init => field = Check.OptionalText(value, nameof(Reason), SipLimits.NameMaxLength);
    }

    /// <summary>Whether the read was allowed; a refused read is logged too.</summary>
    public required bool Allowed { get; init; }

    /// <summary>The rule that decided.</summary>
    public required string Rule
    {
        get;
        init => field = Check.Text(value, nameof(Rule), SipLimits.NameMaxLength);
    }

    /// <summary>Shows the sequence, case, action and decision only.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipAccessRecord {Sequence} {CaseId} {Action} ({(Allowed ? "allowed" : "refused")}, {Rule})";
}

/// <summary>Which access records to read: one case's, one user's, or one user's on one case; a page at a time.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipAccessLogQuery
{
    /// <summary>Only reads of this case.</summary>
    public SipCaseId? CaseId
    {
        get;
        init => field = value is { } id ? Check.Id(id, nameof(CaseId)) : null;
    }

    /// <summary>Only reads by this user (<see cref="SipActor.UserId"/>, exactly as given).</summary>
    public string? UserId
    {
        get;
        init => field = Check.OptionalText(value, nameof(UserId), SipLimits.NameMaxLength);
    }

    /// <summary>The last sequence already read; 0 to read from the start.</summary>
    public long AfterSequence
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(AfterSequence), value, $"'{nameof(AfterSequence)}' is {value}; it must be 0 or more.");
    }

    /// <summary>The most records to return: 1 to 1,000; 100 unless given.</summary>
    public int MaxCount
    {
        get;
        init => field = value is >= 1 and <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(MaxCount), value, $"'{nameof(MaxCount)}' is {value}; it must be between 1 and 1000.");
    } = 100;

    /// <summary>Shows the case, the sequence and the page size only: a user id stays out of logs.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipAccessLogQuery {CaseId} after {AfterSequence} ({MaxCount})";

    /// <summary>Whether <paramref name="record"/> is one this query asks for (not the page); stores that filter in memory use this.</summary>
    /// <param name="record">The record.</param>
    /// <returns>Whether it matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    public bool Matches(SipAccessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Sequence > AfterSequence && (CaseId is not { } id || record.CaseId == id) && (UserId is null || string.Equals(record.Actor.UserId, UserId, StringComparison.Ordinal));
    }
}
