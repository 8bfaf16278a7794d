namespace Sip.Workflow;

/// <summary>
/// The base of every exception the SIP engine and its stores raise for a refused or failed call (bad input aside, which
/// is an <see cref="ArgumentException"/> naming the argument). Whatever raised it changed nothing.
/// </summary>
/// <remarks>
/// It derives from <see cref="Exception"/>, not <see cref="InvalidOperationException"/>, so a host's own
/// <c>catch (InvalidOperationException)</c> never swallows a SIP refusal or a store failure by accident. A retry
/// policy needs one test: <c>ex is SipWorkflowException { IsTransient: true }</c> (the shape of Npgsql's
/// <c>NpgsqlException.IsTransient</c>).
/// </remarks>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public abstract class SipWorkflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    protected SipWorkflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    protected SipWorkflowException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether the same call may succeed if simply tried again (a dropped connection, a deadlock, a busy database).
    /// Retry a command with the same <see cref="SipCommand.CommandId"/>, so that one that was in fact applied replays.
    /// </summary>
    /// <value><see langword="false"/> unless the failure was passing.</value>
    public virtual bool IsTransient => false;
}
