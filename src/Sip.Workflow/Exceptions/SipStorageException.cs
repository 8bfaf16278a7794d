namespace Sip.Workflow;

/// <summary>
/// A store could not do its work for a reason other than the caller's input or a concurrent change: a database file
/// that is not a SIP database or is corrupt, a schema written by a newer library, an unreadable document. Nothing was
/// changed by the call that raised it.
/// </summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
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
