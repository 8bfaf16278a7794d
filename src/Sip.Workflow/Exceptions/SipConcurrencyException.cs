using System.Globalization;

namespace Sip.Workflow;

/// <summary>
/// Two writers changed the same case at once and this one lost: the case was at <see cref="ActualVersion"/>, not
/// <see cref="ExpectedVersion"/>. Nothing was changed. Read the case again and decide whether the command still applies.
/// </summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public sealed class SipConcurrencyException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="expectedVersion">The version the writer read.</param>
    /// <param name="actualVersion">The version stored, or <see langword="null"/> when unknown.</param>
    /// <param name="innerException">The store's own error, if any.</param>
    public SipConcurrencyException(SipCaseId caseId, long expectedVersion, long? actualVersion, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"SIP case {caseId} was changed by someone else: expected version {expectedVersion}, but it is at version {actualVersion?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}. Nothing was saved; read the case again and retry if the command still applies."),
            innerException)
    {
        CaseId = caseId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The case.</summary>
    public SipCaseId CaseId { get; }

    /// <summary>The version the writer read.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version stored when the write was refused, if known.</summary>
    public long? ActualVersion { get; }
}
