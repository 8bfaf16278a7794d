namespace Sip.Workflow;

/// <summary>
/// A command carried a <see cref="SipCommand.CommandId"/> that was already used for a different command (another step,
/// another case, or the same step with other content — another individual, other plan text, other ids). A command id names one command only; nothing was changed. Use a new command id for a new command.
/// </summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public sealed class SipIdempotencyConflictException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="commandId">The reused command id.</param>
    /// <param name="earlierCaseId">The case the earlier command changed.</param>
    /// <param name="earlierEventType">The event the earlier command produced.</param>
    /// <param name="contentDiffers">Whether the earlier command was the same step on the same case with other content.</param>
    public SipIdempotencyConflictException(CommandId commandId, SipCaseId earlierCaseId, string earlierEventType, bool contentDiffers = false)
        : base(contentDiffers
            ? $"'CommandId' {commandId} was already used for {earlierEventType} on case {earlierCaseId} with other content; a command id names one " +
              "command only, so nothing was applied. If this is a retry, send the very same command: ids left out (of a new case, meeting, goal, " +
              "participant …) get a new value each time a command is built, so set them yourself. Otherwise use a new CommandId."
            : $"'CommandId' {commandId} was already used for {earlierEventType} on case {earlierCaseId}; a command id names one command only. " +
              "Use a new CommandId for a new command.")
    {
        CommandId = commandId;
        EarlierCaseId = earlierCaseId;
        EarlierEventType = earlierEventType;
        ContentDiffers = contentDiffers;
    }

    /// <summary>Whether the earlier command was the same step (on the same case) but carried other content.</summary>
    public bool ContentDiffers { get; }

    /// <summary>The reused command id.</summary>
    public CommandId CommandId { get; }

    /// <summary>The case the earlier command with this id changed.</summary>
    public SipCaseId EarlierCaseId { get; }

    /// <summary>The event type the earlier command with this id produced.</summary>
    public string EarlierEventType { get; }
}
