using System.Text;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// A step was refused because requirements in force are not met. Nothing was changed. <see cref="UnmetRequirements"/>
/// lists each one with its code, text and legal reference, so a host can show the caseworker what is missing.
/// </summary>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
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
        var language = unmet.Count > 0 ? unmet[0].Language : SipLanguage.Swedish;
        var text = new StringBuilder(SipTexts.RequirementsNotMet(language, trigger, caseId, state));
        foreach (var u in unmet)
        {
            text.AppendLine().Append("- ").Append(u.Code).Append(": ").Append(u.Text).Append(" [").Append(u.LegalReference).Append(']');
        }

        return text.ToString();
    }
}
