using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Starts the preparation (<i>förbered</i>).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record StartPreparation : SipCaseCommand
{
    internal override SipTrigger Trigger => SipTrigger.StartPreparation;

    internal override string EventType => SipEventTypes.PreparationStarted;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
        => new(current with { PreparationStartedAt = context.Now }, Details());
}
