using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records a staff decision not to start a SIP, with its reason (<see cref="ClosureReason.NotStarted"/>): ends the case
/// before preparation. The reason is kept because the individual may complain about it (Region Halland's leaflet points
/// to Patientnämnden).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record DeclineToStart : SipCaseCommand
{
    /// <summary>Why no SIP is started, in words the individual can be told.</summary>
    public required string Reason
    {
        get;
        init => field = Check.Text(value, nameof(Reason), SipLimits.LongTextMaxLength, multiline: true);
    }

    internal override int LimitReservePercent => 10;

    internal override SipTrigger Trigger => SipTrigger.DeclineToStart;

    internal override string EventType => SipEventTypes.StartDeclined;

    internal override SipApplied Apply(SipCase current, SipCommandContext context) => new(
        Closed(current, ClosureReason.NotStarted, context.Now, Reason),
        Details(("reason", nameof(ClosureReason.NotStarted))));
}
