using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// A request to purge a closed SIP whose retention has passed (<i>gallring</i>, <see cref="ISipWorkflow.PurgeCaseAsync"/>).
/// Not a step of the process: it ends the case's existence in the store, leaving a tombstone.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record PurgeCase
{
    /// <summary>The case.</summary>
    public required SipCaseId CaseId
    {
        get;
        init => field = Check.Id(value, nameof(CaseId));
    }

    /// <summary>Who purges; recorded on the tombstone.</summary>
    public required SipActor Actor
    {
        get;
        init => field = Check.NotNull(value, nameof(Actor));
    }

    /// <summary>The retention rule the host's record of this SIP falls under.</summary>
    public required SipRetentionRule Rule
    {
        get;
        init => field = Check.NotNull(value, nameof(Rule));
    }

    /// <summary>
    /// The Swedish calendar day of the last entry in the individual's record (personakt or patient journal) this SIP
    /// belongs to, as the host knows it: the record is culled as a whole, so its last entry counts, not the SIP's own.
    /// Never before the SIP's last event.
    /// </summary>
    public required DateOnly LastEntryInRecord { get; init; }

    /// <summary>
    /// The host's confirmation that none of the law's exceptions keeps this record (<see cref="SipLegalReference.Note"/> of
    /// the rule's provision: e.g. an investigation about a child's protection, a placement of a child, paternity or
    /// adoption); must be <see langword="true"/>. The library cannot see those from the SIP alone.
    /// </summary>
    public required bool NoRetentionExceptionApplies { get; init; }

    /// <summary>Shows the case id only.</summary>
    public override string ToString() => $"PurgeCase {CaseId}";
}

/// <summary>Why a purge was refused.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipPurgeRefusal>))]
public enum SipPurgeRefusal
{
    /// <summary>The case is not closed: only a closed SIP is purged.</summary>
    NotClosed = 1,

    /// <summary>The retention period after the last entry has not passed yet.</summary>
    RetentionNotPassed = 2,

    /// <summary>The case's history does not verify: purging it would destroy the evidence.</summary>
    HistoryNotIntact = 3,

    /// <summary>Another SIP of the same individual's record is still open: the record is culled as a whole.</summary>
    RecordStillInUse = 4,
}

/// <summary>A purge (<see cref="ISipWorkflow.PurgeCaseAsync"/>) was refused; nothing was removed.</summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public sealed class SipPurgeRefusedException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="reason">Why.</param>
    /// <param name="message">What is wrong and what to do, without personal data.</param>
    public SipPurgeRefusedException(SipCaseId caseId, SipPurgeRefusal reason, string message)
        : base(message)
    {
        CaseId = caseId;
        Reason = reason;
    }

    /// <summary>The case.</summary>
    public SipCaseId CaseId { get; }

    /// <summary>Why the purge was refused.</summary>
    public SipPurgeRefusal Reason { get; }
}

/// <summary>A closed case whose retention has passed, as far as the SIP's own history shows.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="LastEntry">The Swedish calendar day of the SIP's last event; the individual's record may have later entries.</param>
/// <param name="PurgeableFrom">The first day it may be purged, counted from <paramref name="LastEntry"/>.</param>
/// <param name="PurgeDueBy">The day culling must be finished by where it is a duty (social services, LSS); otherwise <see langword="null"/>.</param>
public sealed record SipGallringItem(SipCaseId CaseId, DateOnly LastEntry, DateOnly PurgeableFrom, DateOnly? PurgeDueBy);

/// <summary>One page of cases due for gallring.</summary>
/// <param name="Items">The cases on this page; a page may hold fewer than asked, even none, while more pages follow.</param>
/// <param name="ContinuationToken">Pass it back for the next page; <see langword="null"/> on the last page.</param>
public sealed record SipGallringPage(IReadOnlyList<SipGallringItem> Items, string? ContinuationToken)
{
    /// <summary>The cases on this page; a page may hold fewer than asked, even none, while more pages follow.</summary>
    public IReadOnlyList<SipGallringItem> Items
    {
        get;
        // A frozen copy with value equality, so that the value equals its copy read back from JSON.
        init => field = SipList<SipGallringItem>.Of(value);
    } = SipList<SipGallringItem>.Of(Items);
}
