namespace Sip.Workflow;

/// <summary>
/// A case was opened under a policy this engine does not know, so it cannot be run by the rules it was opened under.
/// Nothing was changed. Add the policy to <see cref="SipWorkflowOptions.KnownPolicies"/>.
/// </summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public sealed class SipUnknownPolicyException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="policyName">The policy the case was opened under.</param>
    /// <param name="knownPolicies">The policies the engine knows.</param>
    public SipUnknownPolicyException(SipCaseId caseId, string policyName, IEnumerable<string> knownPolicies)
        : base($"SIP case {caseId} was opened under the policy '{policyName}', which this engine does not know " +
            $"(it knows: {string.Join(", ", (knownPolicies ?? []).Select(n => $"'{n}'"))}). Add that policy to SipWorkflowOptions.KnownPolicies " +
            "so the case goes on under the rules it was opened under.")
    {
        CaseId = caseId;
        PolicyName = policyName;
    }

    /// <summary>The case.</summary>
    public SipCaseId CaseId { get; }

    /// <summary>The policy the case was opened under.</summary>
    public string PolicyName { get; }
}
