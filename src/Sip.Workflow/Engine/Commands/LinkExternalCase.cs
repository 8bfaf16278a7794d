using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Links the same SIP's case in another system — the other principal's (<i>motpartens ärende</i>) — to this case, so that
/// summonses, answers and plans exchanged between the two systems reach the right case on both sides.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record LinkExternalCase : SipCaseCommand
{
    /// <summary>The other system's case; not one linked already.</summary>
    public required ExternalCaseReference Reference
    {
        get;
        init => field = Check.NotNull(value, nameof(Reference));
    }

    internal override SipTrigger Trigger => SipTrigger.LinkExternalCase;

    internal override string EventType => SipEventTypes.ExternalCaseLinked;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        if (current.ExternalReferences.Any(Reference.IsSameCaseAs))
        {
            throw new ArgumentException($"This case is already linked to that case in {Reference.System}.", nameof(Reference));
        }

        return new SipApplied(current with { ExternalReferences = [.. current.ExternalReferences, Reference] }, Details(("linked", Count(current.ExternalReferences.Count + 1))));
    }
}
