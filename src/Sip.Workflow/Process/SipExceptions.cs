using System.Text;

namespace Sip.Workflow;

/// <summary>The base of every exception the SIP engine raises for a refused command (bad input aside, which is an <see cref="ArgumentException"/>).</summary>
public abstract class SipWorkflowException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    protected SipWorkflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    protected SipWorkflowException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A step was refused because requirements in force are not met. Nothing was changed. <see cref="UnmetRequirements"/>
/// lists each one with its code, text and legal reference, so a host can show the caseworker what is missing.
/// </summary>
public sealed class SipRequirementsNotMetException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="state">The case's state.</param>
    /// <param name="trigger">The refused step.</param>
    /// <param name="unmetRequirements">What is missing.</param>
    public SipRequirementsNotMetException(SipCaseId caseId, SipState state, SipTrigger trigger, IReadOnlyList<UnmetRequirement> unmetRequirements)
        : base(Describe(caseId, state, trigger, unmetRequirements))
    {
        CaseId = caseId;
        State = state;
        Trigger = trigger;
        UnmetRequirements = unmetRequirements;
    }

    /// <summary>The case.</summary>
    public SipCaseId CaseId { get; }

    /// <summary>The state the case was (and still is) in.</summary>
    public SipState State { get; }

    /// <summary>The refused step.</summary>
    public SipTrigger Trigger { get; }

    /// <summary>The requirements that are not met.</summary>
    public IReadOnlyList<UnmetRequirement> UnmetRequirements { get; }

    private static string Describe(SipCaseId caseId, SipState state, SipTrigger trigger, IReadOnlyList<UnmetRequirement> unmet)
    {
        var swedish = unmet.Count > 0 && unmet[0].Language == SipLanguage.Swedish;
        var text = new StringBuilder(swedish
            ? $"Steget {trigger} kan inte tas för SIP-ärende {caseId} ({state}). Följande krav är inte uppfyllda:"
            : $"The step {trigger} cannot be taken for SIP case {caseId} ({state}). These requirements are not met:");
        foreach (var u in unmet)
        {
            text.AppendLine().Append("- ").Append(u.Code).Append(": ").Append(u.Text).Append(" [").Append(u.LegalReference).Append(']');
        }

        return text.ToString();
    }
}

/// <summary>A step that does not exist in the case's current state (e.g. anything on a closed case). Nothing was changed.</summary>
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
