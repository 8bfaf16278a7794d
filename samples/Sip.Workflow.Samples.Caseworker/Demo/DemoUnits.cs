namespace Sip.Workflow.Samples.Caseworker.Demo;

/// <summary>A unit the demo knows, offered as a suggestion in the forms (a real host has its own directory, e.g. HSA).</summary>
internal sealed record DemoUnit(ParticipantKind Kind, string Name, string? Identifier)
{
    public OrganisationReference Reference => new() { Name = Name, Identifier = Identifier };
}

internal static class DemoUnits
{
    public static DemoUnit PrimaryCare { get; } = new(ParticipantKind.RegionalHealthCare, "Vårdcentralen Söder", "SE2321000-0001-VCS");
    public static DemoUnit HomeCare { get; } = new(ParticipantKind.SocialServices, "Hemtjänsten Söder, Halmstads kommun", "SE2120000-0001-HT");
    public static DemoUnit SocialServices { get; } = new(ParticipantKind.SocialServices, "Socialtjänsten, Halmstads kommun", "SE2120000-0001-SOC");
    public static DemoUnit MunicipalHealthCare { get; } = new(ParticipantKind.MunicipalHealthCare, "Kommunal hemsjukvård Halmstad", "SE2120000-0001-HSV");
    public static DemoUnit AdultPsychiatry { get; } = new(ParticipantKind.RegionalHealthCare, "Vuxenpsykiatrin Halmstad", "SE2321000-0001-VPS");
    public static DemoUnit SocialInsurance { get; } = new(ParticipantKind.SocialInsuranceAgency, "Försäkringskassan", null);
    public static DemoUnit School { get; } = new(ParticipantKind.School, "Centralskolan, elevhälsan, Alingsås", "SE2120000-0002-SKO");
    public static DemoUnit ChildPsychiatry { get; } = new(ParticipantKind.RegionalHealthCare, "Barn- och ungdomspsykiatrin Alingsås", "SE2321000-0002-BUP");
    public static DemoUnit SocialServicesAlingsas { get; } = new(ParticipantKind.SocialServices, "Socialtjänsten, Alingsås kommun", "SE2120000-0002-SOC");

    public static IReadOnlyList<DemoUnit> All { get; } =
        [PrimaryCare, HomeCare, SocialServices, MunicipalHealthCare, AdultPsychiatry, SocialInsurance, School, ChildPsychiatry, SocialServicesAlingsas];

    /// <summary>The identifier the directory has for a unit of that name, so a caseworker who types a known name gets the unit.</summary>
    public static string? IdentifierOf(string name) => All.FirstOrDefault(u => string.Equals(u.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))?.Identifier;
}
