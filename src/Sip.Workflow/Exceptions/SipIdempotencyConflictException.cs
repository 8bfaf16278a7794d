namespace Sip.Workflow;

/// <summary>
/// A command carried a <see cref="SipCommand.CommandId"/> that was already used for a different command (another step,
/// or another case). A command id names one command only; nothing was changed. Use a new command id for a new command.
/// </summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public sealed class SipIdempotencyConflictException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="commandId">The reused command id.</param>
    /// <param name="earlierCaseId">The case the earlier command changed.</param>
    /// <param name="earlierEventType">The event the earlier command produced.</param>
    public SipIdempotencyConflictException(CommandId commandId, SipCaseId earlierCaseId, string earlierEventType)
        : base($"'CommandId' {commandId} was already used for {earlierEventType} on case {earlierCaseId}; a command id names one command only. " +
            "Use a new CommandId for a new command.")
    {
        CommandId = commandId;
        EarlierCaseId = earlierCaseId;
        EarlierEventType = earlierEventType;
    }

    /// <summary>The reused command id.</summary>
    public CommandId CommandId { get; }

    /// <summary>The case the earlier command with this id changed.</summary>
    public SipCaseId EarlierCaseId { get; }

    /// <summary>The event type the earlier command with this id produced.</summary>
    public string EarlierEventType { get; }
}
