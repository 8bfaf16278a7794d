namespace Sip.Workflow.Samples.Caseworker.Demo;

/// <summary>One person in the host's own record: what the journal system knows and the SIP library never stores.</summary>
/// <param name="Reference">The opaque key the SIP case carries (<see cref="SubjectReference"/>); never a personal identity number.</param>
/// <param name="Name">The name shown to the caseworker.</param>
/// <param name="BirthYear">The year of birth, for the age shown in lists.</param>
/// <param name="Address">The home address. Never shown for a person with a protected identity.</param>
/// <param name="HasProtectedIdentity">Skyddade personuppgifter: the address is secret, in the UI, the summons and the plan document.</param>
/// <param name="InterpreterLanguage">The language an interpreter is needed for, if any.</param>
/// <param name="LegalGuardians">A child's guardians, as the record's own keys; empty for an adult.</param>
internal sealed record DemoPerson(
    string Reference,
    string Name,
    int BirthYear,
    string Address,
    bool HasProtectedIdentity = false,
    string? InterpreterLanguage = null,
    IReadOnlyList<string>? LegalGuardians = null)
{
    public bool IsChild => LegalGuardians is { Count: > 0 };

    /// <summary>The individual as the SIP case sees them: the reference and the flags that change how the process runs.</summary>
    public Individual ToIndividual() => new()
    {
        Reference = new SubjectReference(Reference),
        HasProtectedIdentity = HasProtectedIdentity,
        InterpreterLanguage = InterpreterLanguage,
        IsChild = IsChild,
        LegalGuardians = LegalGuardians ?? [],
    };
}

/// <summary>
/// The journal system's register of the demo's (fictitious) people. A real host looks the SIP case's opaque reference up
/// in its own patient or client record; the library keeps no names or addresses, so this is where they come from.
/// </summary>
internal static class DemoRegister
{
    public static IReadOnlyList<DemoPerson> People { get; } =
    [
        new("journal-7f3a", "Märta Lindqvist", 1942, "Storgatan 12, 302 43 Halmstad"),
        new("journal-2c91", "Edvin Karlsson", 1946, "Furuvägen 3, 302 60 Halmstad"),
        new("journal-5d10", "Sara Ahmed", 1991, "Lärkgatan 8, 302 31 Halmstad", HasProtectedIdentity: true, InterpreterLanguage: "arabiska"),
        new("journal-8b44", "Leo Nilsson", 2012, "Skolvägen 21, 441 30 Alingsås", LegalGuardians: ["vh-nilsson-1", "vh-nilsson-2"]),
        new("journal-3e77", "Bengt Olsson", 1958, "Hamngatan 4, 302 42 Halmstad"),
        new("journal-9a02", "Nils Ek", 1967, "Kvarngatan 15, 302 50 Halmstad"),
        new("journal-4f18", "Astrid Holm", 1934, "Solrosvägen 2, 302 72 Halmstad"),
        new("journal-6c55", "Karin Sjöberg", 1980, "Björkgatan 30, 302 35 Halmstad"),
    ];

    public static DemoPerson? Find(string reference) => People.FirstOrDefault(p => p.Reference == reference);

    public static DemoPerson? Find(SipCase sipCase) => Find(sipCase.Individual.Reference.Value);
}
