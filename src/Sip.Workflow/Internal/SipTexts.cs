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
}
