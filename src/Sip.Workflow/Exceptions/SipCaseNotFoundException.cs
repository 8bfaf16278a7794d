namespace Sip.Workflow;

/// <summary>There is no case with the given id.</summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public sealed class SipCaseNotFoundException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The id looked for.</param>
    public SipCaseNotFoundException(SipCaseId caseId)
        : base($"There is no SIP case with id {caseId}.")
    {
        CaseId = caseId;
    }

    /// <summary>The id looked for.</summary>
    public SipCaseId CaseId { get; }
}
