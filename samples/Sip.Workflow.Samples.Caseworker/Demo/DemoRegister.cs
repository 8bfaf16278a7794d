namespace Sip.Workflow.Samples.Caseworker.Demo;

/// <summary>One person in the host's own record: what the journal system knows and the SIP library never stores.</summary>
/// <param name="Reference">The opaque key the SIP case carries (<see cref="SubjectReference"/>); never a personal identity number.</param>
/// <param name="Name">The name shown to the caseworker.</param>
/// <param name="Age">The age in years: kept as an age, not a birth year, so the demo's people stay as old as their stories
/// whatever year the demo runs in.</param>
/// <param name="Address">The home address. Never shown for a person with a protected identity.</param>
/// <param name="HasProtectedIdentity">Skyddade personuppgifter: the address is secret, in the UI, the summons and the plan document.</param>
/// <param name="InterpreterLanguage">The language an interpreter is needed for, if any.</param>
/// <param name="LegalGuardians">A child's guardians, as the record's own keys; empty for an adult.</param>
internal sealed record DemoPerson(
    string Reference,
    string Name,
    int Age,
    string Address,
    bool HasProtectedIdentity = false,
    string? InterpreterLanguage = null,
    IReadOnlyList<string>? LegalGuardians = null)
{
    public bool IsChild => LegalGuardians is { Count: > 0 };

    /// <summary>
    /// The individual as the SIP case sees them on <paramref name="today"/>: the reference and the flags that change how
    /// the process runs, and for a child the birth year-month (two months past their birthday), from which the library
    /// knows when the guardians' consents lapse.
    /// </summary>
    public Individual ToIndividual(DateOnly today) => new()
    {
        Reference = new SubjectReference(Reference),
        HasProtectedIdentity = HasProtectedIdentity,
        InterpreterLanguage = InterpreterLanguage,
        IsChild = IsChild,
        LegalGuardians = LegalGuardians ?? [],
        BirthYearMonth = IsChild ? SipYearMonth.Of(today.AddYears(-Age).AddMonths(-2)) : null,
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
        new("journal-7f3a", "Märta Lindqvist", 84, "Storgatan 12, 302 43 Halmstad"),
        new("journal-2c91", "Edvin Karlsson", 79, "Furuvägen 3, 302 60 Halmstad"),
        new("journal-5d10", "Sara Ahmed", 34, "Lärkgatan 8, 302 31 Halmstad", HasProtectedIdentity: true, InterpreterLanguage: "arabiska"),
        new("journal-8b44", "Leo Nilsson", 14, "Skolvägen 21, 441 30 Alingsås", LegalGuardians: ["vh-nilsson-1", "vh-nilsson-2"]),
        new("journal-3e77", "Bengt Olsson", 67, "Hamngatan 4, 302 42 Halmstad"),
        new("journal-9a02", "Nils Ek", 58, "Kvarngatan 15, 302 50 Halmstad"),
        new("journal-4f18", "Astrid Holm", 91, "Solrosvägen 2, 302 72 Halmstad"),
        new("journal-6c55", "Karin Sjöberg", 45, "Björkgatan 30, 302 35 Halmstad"),
    ];

    public static DemoPerson? Find(string reference) => People.FirstOrDefault(p => p.Reference == reference);

    public static DemoPerson? Find(SipCase sipCase) => Find(sipCase.Individual.Reference.Value);
}
