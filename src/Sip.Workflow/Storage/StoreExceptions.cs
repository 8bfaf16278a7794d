using System.Globalization;

namespace Sip.Workflow;

/// <summary>
/// Two writers changed the same case at once and this one lost: the case was at <see cref="ActualVersion"/>, not
/// <see cref="ExpectedVersion"/>. Nothing was changed. Read the case again and decide whether the command still applies.
/// </summary>
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

/// <summary>There is no case with the given id.</summary>
public sealed class SipCaseNotFoundException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The id looked for.</param>
    public SipCaseNotFoundException(SipCaseId caseId)
        : base($"There is no SIP case with id {caseId}.")
    {
        CaseId = caseId;
    }

    /// <summary>The id looked for.</summary>
    public SipCaseId CaseId { get; }
}

/// <summary>
/// A store could not do its work for a reason other than the caller's input or a concurrent change: a database file
/// that is not a SIP database or is corrupt, a schema written by a newer library, an unreadable document. Nothing was
/// changed by the call that raised it.
/// </summary>
public sealed class SipStorageException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do about it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SipStorageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
