namespace Sip.Workflow;

/// <summary>
/// The access rules refused the actor: nothing was changed, and a refused read was logged. Names the rule and the action,
/// never the individual.
/// </summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public sealed class SipAccessRefusedException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="action">What was asked.</param>
    /// <param name="rule">The rule that refused it.</param>
    /// <param name="caseId">The case, if one was at hand.</param>
    public SipAccessRefusedException(SipAccessAction action, string rule, SipCaseId? caseId)
        : base(caseId is { } id
            ? $"{action} on SIP case {id} was refused by the access rule '{rule}'; nothing was changed."
            : $"{action} was refused by the access rule '{rule}'; nothing was changed.")
    {
        Action = action;
        Rule = rule;
        CaseId = caseId;
    }

    /// <summary>What was asked.</summary>
    public SipAccessAction Action { get; }

    /// <summary>The rule that refused it (<see cref="SipAccessRuleNames"/>, or a host rule's name).</summary>
    public string Rule { get; }

    /// <summary>The case, if one was at hand.</summary>
    public SipCaseId? CaseId { get; }
}
