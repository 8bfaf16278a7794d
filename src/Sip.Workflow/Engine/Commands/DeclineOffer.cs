using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Records that the individual declined the offer of a SIP (<i>tackat nej</i>): ends the case.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record DeclineOffer : SipCaseCommand
{
    /// <summary>A note, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }

    internal override int LimitReservePercent => 10;

    internal override SipTrigger Trigger => SipTrigger.DeclineOffer;

    internal override string EventType => SipEventTypes.OfferDeclined;

    internal override SipApplied Apply(SipCase current, SipCommandContext context) => new(
        Closed(current, ClosureReason.OfferDeclined, context.Now, Note),
        Details(("reason", nameof(ClosureReason.OfferDeclined))));
}
