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

/// <summary>
/// A case was opened under a policy this engine does not know, so it cannot be run by the rules it was opened under.
/// Nothing was changed. Add the policy to <see cref="SipWorkflowOptions.KnownPolicies"/>.
/// </summary>
public sealed class SipUnknownPolicyException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="policyName">The policy the case was opened under.</param>
    /// <param name="knownPolicies">The policies the engine knows.</param>
    public SipUnknownPolicyException(SipCaseId caseId, string policyName, IEnumerable<string> knownPolicies)
        : base($"SIP case {caseId} was opened under the policy '{policyName}', which this engine does not know " +
            $"(it knows: {string.Join(", ", (knownPolicies ?? []).Select(n => $"'{n}'"))}). Add that policy to SipWorkflowOptions.KnownPolicies " +
            "so the case goes on under the rules it was opened under.")
    {
        CaseId = caseId;
        PolicyName = policyName;
    }

    /// <summary>The case.</summary>
    public SipCaseId CaseId { get; }

    /// <summary>The policy the case was opened under.</summary>
    public string PolicyName { get; }
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

/// <summary>
/// The store could not be reached or gave up for a passing reason (a dropped connection, a serialization failure, a
/// deadlock, a server restart). Retrying the same command with the same <see cref="SipCommand.CommandId"/> is safe: if
/// the first attempt was in fact applied, the retry replays its result instead of applying it twice.
/// </summary>
public sealed class SipTransientStoreException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="mayHaveBeenApplied">Whether the write may have reached the database (the failure came while committing).</param>
    /// <param name="innerException">The provider's error.</param>
    public SipTransientStoreException(string message, bool mayHaveBeenApplied, Exception? innerException = null)
        : base(message, innerException)
    {
        MayHaveBeenApplied = mayHaveBeenApplied;
    }

    /// <summary>
    /// <see langword="false"/> when nothing was written for certain; <see langword="true"/> when the connection failed
    /// while committing, so the write may or may not have been applied — retry with the same command id to find out.
    /// </summary>
    public bool MayHaveBeenApplied { get; }
}
