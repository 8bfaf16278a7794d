namespace Sip.Workflow;

/// <summary>The outcome of verifying a case's history.</summary>
/// <param name="IsIntact">Whether the whole chain holds (and, against a checkpoint, whether the case still accounts for it).</param>
/// <param name="FirstBrokenSequence">The sequence number of the first event where the chain breaks, if it does.</param>
/// <param name="Problem">What is wrong there, in words; <see langword="null"/> when intact.</param>
public sealed record SipAuditVerification(bool IsIntact, long? FirstBrokenSequence, string? Problem)
{
    /// <summary>An intact chain.</summary>
    public static SipAuditVerification Intact { get; } = new(true, null, null);

    /// <summary>What kind of problem was found: <see cref="Storage.SipAuditFinding.None"/> when intact, else what went wrong.</summary>
    public Storage.SipAuditFinding Finding
    {
        get => field == Storage.SipAuditFinding.None && !IsIntact ? Storage.SipAuditFinding.Broken : field;
        init;
    }

    /// <summary>Whether the case was purged and its tombstone accounts for the checkpoint (verifying against a checkpoint only).</summary>
    public bool Purged { get; init; }
}
