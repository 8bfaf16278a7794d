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
        if (state == SipState.Closed)
        {
            return language == SipLanguage.Swedish
                ? $"SIP-ärende {caseId} är avslutat och kan inte ändras ({trigger}). En ny SIP kräver ett nytt ärende med nytt samtycke."
                : $"SIP case {caseId} is closed and cannot change ({trigger}). A new SIP needs a new case with new consent.";
        }

        var list = string.Join(", ", permitted);
        return language == SipLanguage.Swedish
            ? $"Steget {trigger} finns inte när SIP-ärende {caseId} är i läget {state}. Möjliga steg nu: {list}."
            : $"The step {trigger} does not exist while SIP case {caseId} is {state}. Steps available now: {list}.";
    }
}
