namespace Sip.Workflow.Internal;

/// <summary>
/// Every text the library writes for a caseworker, in Swedish and English, in one place. Texts for developers
/// (argument errors) are always English; texts a caseworker reads follow the engine's <see cref="SipLanguage"/>.
/// </summary>
internal static class SipTexts
{
    public static string CalledPrincipalAbsent(SipLanguage language) => language == SipLanguage.English
        ? "A called principal did not attend the meeting."
        : "En kallad huvudman deltog inte i mötet.";

    public static string RequirementsNotMet(SipLanguage language, SipTrigger trigger, SipCaseId caseId, SipState state) => language == SipLanguage.English
        ? $"The step {trigger} cannot be taken for SIP case {caseId} ({state}). These requirements are not met:"
        : $"Steget {trigger} kan inte tas för SIP-ärende {caseId} ({state}). Följande krav är inte uppfyllda:";

    public static string CaseClosed(SipLanguage language, SipCaseId caseId, SipTrigger trigger) => language == SipLanguage.English
        ? $"SIP case {caseId} is closed and cannot change ({trigger}). A new SIP needs a new case with new consent."
        : $"SIP-ärende {caseId} är avslutat och kan inte ändras ({trigger}). En ny SIP kräver ett nytt ärende med nytt samtycke.";

    public static string StepNotInState(SipLanguage language, SipTrigger trigger, SipCaseId caseId, SipState state, string permitted) => language == SipLanguage.English
        ? $"The step {trigger} does not exist while SIP case {caseId} is {state}. Steps available now: {permitted}."
        : $"Steget {trigger} finns inte när SIP-ärende {caseId} är i läget {state}. Möjliga steg nu: {permitted}.";
}
