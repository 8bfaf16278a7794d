using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records the decision that a plan revision may be shown to the individual in their own access to their records
/// (<i>godkänd för patient</i>): Inera's care-plan contract carries it as <c>approvedForPatient</c>, and 1177 shows
/// only what is approved. A decision, not a default: the plan is the individual's own, but what reaches their direct
/// access is decided and recorded by the principal.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ApprovePlanForIndividual : SipCaseCommand
{
    /// <summary>The plan revision approved (<see cref="SipPlan.Revision"/>).</summary>
    public required int Revision
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Revision), value, $"'{nameof(Revision)}' is {value}; plan revisions are numbered from 1.");
    }

    internal override SipTrigger Trigger => SipTrigger.ApprovePlanForIndividual;

    internal override string EventType => SipEventTypes.PlanApprovedForIndividual;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        PlanRevision(current, Revision, nameof(Revision));
        if (current.IsApprovedForIndividual(Revision))
        {
            throw new ArgumentException($"Revision {Revision} of the plan is already approved for the individual.", nameof(Revision));
        }

        var approval = new PlanApproval { Revision = Revision, ApprovedAt = context.Now };
        return new SipApplied(current with { PlanApprovals = [.. current.PlanApprovals, approval] }, Details(("revision", Count(Revision))));
    }
}
