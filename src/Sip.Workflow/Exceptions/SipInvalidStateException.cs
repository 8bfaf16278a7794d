using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>A step that does not exist in the case's current state (e.g. anything on a closed case). Nothing was changed.</summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public sealed class SipInvalidStateException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="state">The case's state.</param>
    /// <param name="trigger">The refused step.</param>
    /// <param name="permitted">The steps that exist in <paramref name="state"/>.</param>
    /// <param name="language">The message's language.</param>
    public SipInvalidStateException(SipCaseId caseId, SipState state, SipTrigger trigger, IReadOnlyList<SipTrigger> permitted, SipLanguage language = SipLanguage.Swedish)
        : base(Describe(caseId, state, trigger, permitted, language))
    {
        CaseId = caseId;
        State = state;
        Trigger = trigger;
        PermittedTriggers = permitted;
    }

    /// <summary>The case.</summary>
    public SipCaseId CaseId { get; }

    /// <summary>The case's state.</summary>
    public SipState State { get; }

    /// <summary>The refused step.</summary>
    public SipTrigger Trigger { get; }

    /// <summary>The steps that exist in <see cref="State"/>.</summary>
    public IReadOnlyList<SipTrigger> PermittedTriggers { get; }

    private static string Describe(SipCaseId caseId, SipState state, SipTrigger trigger, IReadOnlyList<SipTrigger> permitted, SipLanguage language)
    {
        return state == SipState.Closed
            ? SipTexts.CaseClosed(language, caseId, trigger)
            : SipTexts.StepNotInState(language, trigger, caseId, state, string.Join(", ", permitted));
    }
}
