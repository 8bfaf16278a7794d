using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Closes the case after a follow-up because the long-term goal changed substantially, so a new SIP can start. Opens
/// nothing: the new SIP is a new case (<see cref="OpenCase.PreviousCaseId"/>) with new consent.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record CloseAndRestart : SipCaseCommand
{
    /// <summary>A note on the closing, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }

    internal override int LimitReservePercent => 10;

    internal override SipTrigger Trigger => SipTrigger.CloseAndRestart;

    internal override string EventType => SipEventTypes.CaseClosedForRestart;

    internal override SipApplied Apply(SipCase current, SipCommandContext context) => new(
        Closed(current, ClosureReason.LongTermGoalChanged, context.Now, Note, restartRequested: true),
        Details(("reason", nameof(ClosureReason.LongTermGoalChanged)), ("restartRequested", Flag(true))));
}
