using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Appoints the lead principal (<i>huvudansvarig</i>) and coordinator.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record AssignLeadPrincipal : SipCaseCommand
{
    /// <summary>The lead principal and, where appointed, the coordinator; one of the case's called principals.</summary>
    public required LeadPrincipal LeadPrincipal
    {
        get;
        init => field = Check.NotNull(value, nameof(LeadPrincipal));
    }

    internal override SipTrigger Trigger => SipTrigger.AssignLeadPrincipal;

    internal override string EventType => SipEventTypes.LeadPrincipalAssigned;

    internal override SipApplied Apply(SipCase current, SipCommandContext context) => new(
        current with { LeadPrincipal = EnsureCalledPrincipal(current, LeadPrincipal, nameof(LeadPrincipal)) },
        Details(("principal", LeadPrincipal.Principal.ToString()), ("coordinatorNamed", Flag(LeadPrincipal.Coordinator is not null))));
}
