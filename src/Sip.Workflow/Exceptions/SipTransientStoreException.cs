namespace Sip.Workflow;

/// <summary>
/// The store could not be reached or gave up for a passing reason (a dropped connection, a serialization failure, a
/// deadlock, a server restart). Retrying the same command with the same <see cref="SipCommand.CommandId"/> is safe: if
/// the first attempt was in fact applied, the retry replays its result instead of applying it twice.
/// </summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
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

    /// <summary>Always <see langword="true"/>: the same call may succeed when tried again.</summary>
    /// <value><see langword="true"/>.</value>
    public override bool IsTransient => true;
}
