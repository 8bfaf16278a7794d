namespace Sip.Workflow;

/// <summary>The outcome of verifying a case's history.</summary>
/// <param name="IsIntact">Whether the whole chain holds.</param>
/// <param name="FirstBrokenSequence">The sequence number of the first event where the chain breaks, if it does.</param>
/// <param name="Problem">What is wrong there, in words; <see langword="null"/> when intact.</param>
public sealed record SipAuditVerification(bool IsIntact, long? FirstBrokenSequence, string? Problem)
{
    /// <summary>An intact chain.</summary>
    public static SipAuditVerification Intact { get; } = new(true, null, null);
}
