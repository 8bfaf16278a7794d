namespace Sip.Workflow;

/// <summary>
/// The requirements catalogue: every rule of the SIP process the engine enforces or watches, with its source.
/// </summary>
/// <remarks>
/// Law is always in force; guidance and regional rules are switched on by the <see cref="SipPolicy"/>. Each requirement's
/// <see cref="SipRequirement.References"/> are dated (<see cref="SipLegalReferences"/>): socialtjänstlagen (2001:453) is
/// cited for events up to 30 June 2025, socialtjänstlagen (2025:400) from 1 July 2025.
/// </remarks>
public static class SipRequirements
{
    private static readonly SipLegalReference SkrSipProcess = SipLegalReferences.Document(RequirementSource.SectorGuidance, "SKR", "SIP-processen");
    private static readonly SipLegalReference SkrSip = SipLegalReferences.Document(RequirementSource.SectorGuidance, "SKR", "Samordnad individuell plan");
    private static readonly SipLegalReference SkrSipForOlder = SipLegalReferences.Document(RequirementSource.SectorGuidance, "SKR (Uppdrag psykisk hälsa)", "SIP för äldre");

    // Seed 002 is the guideline's version of November 2020 (valid "till och med årsskiftet 2023"); a region should check its current version.
    private static SipLegalReference Vgr(string? part = null) => SipLegalReferences.Document(RequirementSource.RegionalAgreement, "Riktlinje SIP, Västra Götaland", part) with
    {
        Note = "Version november 2020.",
    };

    private static SipLegalReference Varmland(string part) => SipLegalReferences.Document(RequirementSource.RegionalAgreement, "Region Värmland", part);

    private static SipLegalReference Halland(string part) => SipLegalReferences.Document(RequirementSource.RegionalAgreement, "Region Halland", part);

    /// <summary>Consent to information sharing between the parties.</summary>
    public static SipRequirement ConsentInformationSharing { get; } = new(
        "CONSENT-INFORMATION-SHARING", RequirementKind.Guard, RequirementSource.Law, [SipLegalReferences.SecrecyWaiver, SipLegalReferences.SecrecyOfMinors, SipLegalReferences.PrivateCareConfidentiality, .. SipLegalReferences.Plan],
        "Den enskilde (eller ombud med fullmakt; för barn vårdnadshavare, eller barnet självt om det har ålder och mognad) har samtyckt till informationsöverföring mellan parterna",
        "The individual (or an ombud with a power of attorney; for a child a legal guardian, or the child if of the age and maturity) has consented to information sharing between the parties");

    /// <summary>Consent to establishing the plan.</summary>
    public static SipRequirement ConsentPlanEstablishment { get; } = new(
        "CONSENT-PLAN", RequirementKind.Guard, RequirementSource.Law, SipLegalReferences.Plan,
        "Den enskilde (eller ombud med fullmakt; för barn vårdnadshavare, eller barnet självt om det har ålder och mognad) har samtyckt till att planen upprättas",
        "The individual (or an ombud with a power of attorney; for a child a legal guardian, or the child if of the age and maturity) has consented to establishing the plan");

    /// <summary>
    /// Both legal guardians of a child with two have consented — or one alone while the other is prevented, or one with
    /// the socialnämnd's decision, or the mature child themself.
    /// </summary>
    public static SipRequirement ConsentBothGuardians { get; } = new(
        "CONSENT-BOTH-GUARDIANS", RequirementKind.Guard, RequirementSource.Law,
        [SipLegalReferences.GuardianDecides, SipLegalReferences.GuardiansDecideTogether, SipLegalReferences.GuardianAloneWhenOtherPrevented,
            SipLegalReferences.SocialWelfareBoardDecides, SipLegalReferences.SecrecyOfMinors],
        "Har barnet två vårdnadshavare har båda samtyckt (eller den ena ensam när den andra är förhindrad, eller den ena med socialnämndens beslut)",
        "Where the child has two legal guardians, both have consented (or one alone while the other is prevented, or one with the social welfare board's decision)");

    /// <summary>Every party a step discloses to is covered by the consent to information sharing.</summary>
    public static SipRequirement ConsentPartyCovered { get; } = new(
        "CONSENT-PARTY-COVERED", RequirementKind.Guard, RequirementSource.Law,
        [SipLegalReferences.SecrecyWaiver, SipLegalReferences.PrivateCareConfidentiality],
        "Parten omfattas av samtycket till informationsöverföring (den enskilde bestämmer vilka som är med)",
        "The party is covered by the consent to information sharing (the individual decides who takes part)");

    /// <summary>Before next of kin are invited, it is recorded that the individual does not object and that it is suitable.</summary>
    public static SipRequirement KinAskedBeforeInvitation { get; } = new(
        "KIN-ASKED-BEFORE-INVITATION", RequirementKind.Guard, RequirementSource.Law, [.. SipLegalReferences.Participation, SipLegalReferences.SecrecyWaiver],
        "Innan närstående bjuds in är det dokumenterat att den enskilde inte motsätter sig det och att det är lämpligt",
        "Before next of kin are invited, it is recorded that the individual does not object and that it is suitable");

    /// <summary>At least one called unit from each principal, kommun and region (a reading of the law; a policy switch).</summary>
    public static SipRequirement SummonsBothPrincipals { get; } = new(
        "SUMMONS-BOTH-PRINCIPALS", RequirementKind.Guard, RequirementSource.DerivedFromLaw, SipLegalReferences.Plan,
        "Minst en kallad enhet från kommunen och en från regionen",
        "At least one called unit from the municipality and one from the region");

    /// <summary>A meeting with time and place or form is scheduled.</summary>
    public static SipRequirement SummonsMeetingScheduled { get; } = new(
        "SUMMONS-MEETING", RequirementKind.Guard, RequirementSource.SectorGuidance, [SkrSipProcess, Varmland("Kalla/bjud in")],
        "Ett SIP-möte är bokat med tid, tidsram och plats eller form",
        "A SIP meeting is scheduled with time, time frame and place or form");

    /// <summary>The summons goes out before the meeting it calls to (a meeting already begun is rescheduled, or recorded as held).</summary>
    public static SipRequirement SummonsMeetingAhead { get; } = new(
        "SUMMONS-MEETING-AHEAD", RequirementKind.Guard, RequirementSource.SectorGuidance, [SkrSipProcess, Varmland("Kalla/bjud in")],
        "Kallelsen skickas före mötet (ett möte som redan börjat bokas om, eller registreras som hållet)",
        "The summons goes out before the meeting (a meeting already begun is rescheduled, or recorded as held)");

    /// <summary>The summons states the purpose and why the meeting is needed.</summary>
    public static SipRequirement SummonsPurpose { get; } = new(
        "SUMMONS-PURPOSE", RequirementKind.Guard, RequirementSource.RegionalAgreement, [Vgr("Kalla/bjud in")],
        "Kallelsen anger mötets syfte och varför mötet behövs",
        "The summons states the meeting's purpose and why it is needed");

    /// <summary>The summons states the individual's long-term goal.</summary>
    public static SipRequirement SummonsLongTermGoal { get; } = new(
        "SUMMONS-LONG-TERM-GOAL", RequirementKind.Guard, RequirementSource.RegionalAgreement, [Vgr("Kalla/bjud in")],
        "Kallelsen anger den enskildes långsiktiga mål",
        "The summons states the individual's long-term goal");

    /// <summary>The summons states the questions for the meeting.</summary>
    public static SipRequirement SummonsQuestions { get; } = new(
        "SUMMONS-QUESTIONS", RequirementKind.Guard, RequirementSource.RegionalAgreement, [Vgr("Kalla/bjud in"), Varmland("Förbered")],
        "Kallelsen anger frågeställningarna för mötet",
        "The summons states the questions for the meeting");

    /// <summary>The plan is established at the meeting, once it has been held (its time has come).</summary>
    public static SipRequirement PlanMeetingHeld { get; } = new(
        "PLAN-MEETING-HELD", RequirementKind.Guard, RequirementSource.SectorGuidance, [SkrSipProcess],
        "Planen upprättas vid mötet, när det har hållits",
        "The plan is established at the meeting, once it has been held");

    /// <summary>Statutory item 1: which interventions are needed.</summary>
    public static SipRequirement PlanInterventions { get; } = new(
        "PLAN-INTERVENTIONS", RequirementKind.Guard, RequirementSource.Law, SipLegalReferences.Plan,
        "Planen anger vilka insatser som behövs",
        "The plan states which interventions are needed");

    /// <summary>Statutory item 2: which interventions each principal is responsible for.</summary>
    public static SipRequirement PlanPrincipalResponsibility { get; } = new(
        "PLAN-PRINCIPAL-RESPONSIBILITY", RequirementKind.Guard, RequirementSource.Law, SipLegalReferences.Plan,
        "Planen anger vilka insatser kommunen respektive regionen ansvarar för",
        "The plan states which interventions the municipality and the region are each responsible for");

    /// <summary>Statutory item 3: which actions others than kommun and region take.</summary>
    public static SipRequirement PlanActionsByOthers { get; } = new(
        "PLAN-ACTIONS-BY-OTHERS", RequirementKind.Guard, RequirementSource.Law, SipLegalReferences.Plan,
        "Planen anger vilka åtgärder andra än kommunen och regionen vidtar (eller att inga vidtas)",
        "The plan states which actions others than the municipality and the region take (or that none do)");

    /// <summary>Statutory item 4: which principal has overall responsibility.</summary>
    public static SipRequirement PlanLeadPrincipal { get; } = new(
        "PLAN-LEAD-PRINCIPAL", RequirementKind.Guard, RequirementSource.Law, SipLegalReferences.Plan,
        "Det är bestämt vilken huvudman som har det övergripande ansvaret för planen",
        "It is decided which principal has overall responsibility for the plan");

    /// <summary>The plan is made with the individual when possible; their participation, or why not, is recorded.</summary>
    public static SipRequirement PlanIndividualParticipation { get; } = new(
        "PLAN-INDIVIDUAL-PARTICIPATION", RequirementKind.Guard, RequirementSource.Law, SipLegalReferences.Participation,
        "Den enskildes delaktighet är dokumenterad, eller varför den enskilde inte kunde delta",
        "The individual's participation is recorded, or why they could not take part");

    /// <summary>Next of kin take part only if suitable and the individual does not object.</summary>
    public static SipRequirement PlanKinParticipation { get; } = new(
        "PLAN-KIN-PARTICIPATION", RequirementKind.Guard, RequirementSource.Law, SipLegalReferences.Participation,
        "Närstående deltar bara om det är lämpligt och den enskilde inte motsätter sig det",
        "Next of kin take part only where suitable and the individual does not object");

    /// <summary>Long- and short-term goals.</summary>
    public static SipRequirement PlanGoals { get; } = new(
        "PLAN-GOALS", RequirementKind.Guard, RequirementSource.SectorGuidance, [SkrSipForOlder, Vgr()],
        "Planen har både långsiktiga och kortsiktiga mål",
        "The plan has both long-term and short-term goals");

    /// <summary>Who, what, when and where for every line.</summary>
    public static SipRequirement PlanInterventionDetails { get; } = new(
        "PLAN-INTERVENTION-DETAILS", RequirementKind.Guard, RequirementSource.RegionalAgreement, [Vgr("Upprättande av plan")],
        "För varje insats framgår vem som gör vad, när och var",
        "Every intervention says who does what, when and where");

    /// <summary>What matters to the individual, in their own words.</summary>
    public static SipRequirement PlanWhatMatters { get; } = new(
        "PLAN-WHAT-MATTERS", RequirementKind.Guard, RequirementSource.SectorGuidance, [SkrSip, Vgr()],
        "Planen anger vad som är viktigt för den enskilde, med den enskildes egna ord",
        "The plan states what matters to the individual, in their own words");

    /// <summary>A follow-up is booked with date and place before the meeting ends.</summary>
    public static SipRequirement PlanFollowUpBooked { get; } = new(
        "PLAN-FOLLOW-UP-BOOKED", RequirementKind.Guard, RequirementSource.SectorGuidance, [SkrSipForOlder, Vgr()],
        "Uppföljning är bokad med datum och plats innan mötet avslutas",
        "A follow-up is booked with date and place before the meeting ends");

    /// <summary>A named coordinator.</summary>
    public static SipRequirement PlanCoordinator { get; } = new(
        "PLAN-COORDINATOR", RequirementKind.Guard, RequirementSource.RegionalAgreement, [Halland("Samordnad individuell plan")],
        "En namngiven samordnare är utsedd",
        "A named coordinator is appointed");

    /// <summary>At discharge, a SIP is always offered and the individual's answer recorded.</summary>
    public static SipRequirement DischargeOffer { get; } = new(
        "DISCHARGE-OFFER", RequirementKind.Guard, RequirementSource.RegionalAgreement, [Vgr(), Varmland("SIP vid utskrivning"), SipLegalReferences.DischargeAct],
        "Vid utskrivning från slutenvård erbjuds alltid SIP: den enskildes svar (samtycke eller nej) registreras i stället för att ärendet avslutas (om den enskilde inte har avlidit eller flyttat)",
        "At discharge from inpatient care a SIP is always offered: record the individual's answer (consent or decline) instead of closing (unless the individual died or moved away)");

    /// <summary>Start without delay.</summary>
    public static SipRequirement DeadlineStart { get; } = new(
        "DEADLINE-START", RequirementKind.Deadline, RequirementSource.Law, [.. SipLegalReferences.Plan, SkrSipForOlder],
        "Arbetet med planen påbörjas utan dröjsmål, enligt socialtjänstlagen (2025:400) genast (skyndsamt, inom några dagar)",
        "Work on the plan starts without delay, under socialtjänstlagen (2025:400) at once (promptly, within a few days)");

    /// <summary>The first meeting within the policy's limit.</summary>
    public static SipRequirement DeadlineFirstMeeting { get; } = new(
        "DEADLINE-FIRST-MEETING", RequirementKind.Deadline, RequirementSource.RegionalAgreement, [Halland("Möte inom 30 dagar")],
        "Det första SIP-mötet hålls inom den överenskomna tiden efter samtycket",
        "The first SIP meeting is held within the agreed time after consent");

    /// <summary>Every party summoned or invited has answered before the meeting.</summary>
    public static SipRequirement DeadlineSummonsReplies { get; } = new(
        "DEADLINE-SUMMONS-REPLIES", RequirementKind.Deadline, RequirementSource.RegionalAgreement, [Varmland("Kalla/bjud in")],
        "De kallade och inbjudna har svarat (vem som kommer, med mandat, eller varför inte) före mötet",
        "The parties called and invited have answered (who comes, with mandate, or why not) before the meeting");

    /// <summary>The plan is documented soon after the SIP meeting.</summary>
    public static SipRequirement DeadlinePlanDocumented { get; } = new(
        "DEADLINE-PLAN-DOCUMENTED", RequirementKind.Deadline, RequirementSource.RegionalAgreement, [Vgr("SIP-möte"), Varmland("Innan mötet avslutas")],
        "Planen dokumenteras efter SIP-mötet (mötesledaren ansvarar)",
        "The plan is documented after the SIP meeting (the meeting leader is responsible)");

    /// <summary>At discharge, the fixed care contact summons within 3 days of the ready-for-discharge notice.</summary>
    public static SipRequirement DeadlineDischargeSummons { get; } = new(
        "DEADLINE-DISCHARGE-SUMMONS", RequirementKind.Deadline, RequirementSource.Law, [SipLegalReferences.DischargeAct, SipLegalReferences.TimeLimitsAct],
        "Den fasta vårdkontakten kallar till SIP inom tre dagar från den senaste gällande underrättelsen om utskrivningsklar",
        "The fixed care contact sends the summons within three days of the latest standing ready-for-discharge notice");

    /// <summary>The information needed after discharge reaches the kommun and outpatient care on the day of discharge.</summary>
    public static SipRequirement DeadlineDischargeInformation { get; } = new(
        "DEADLINE-DISCHARGE-INFORMATION", RequirementKind.Deadline, RequirementSource.Law, [SipLegalReferences.DischargeActInformation],
        "Informationen som behövs efter utskrivningen överförs till kommunen och öppenvården senast samma dag som patienten skrivs ut",
        "The information needed after discharge is transferred to the municipality and outpatient care on the day of discharge at the latest");

    /// <summary>A person with an established plan is admitted: the plan is followed up — revised, or closed and restarted.</summary>
    public static SipRequirement FollowUpAfterAdmission { get; } = new(
        "DEADLINE-FOLLOW-UP-AFTER-ADMISSION", RequirementKind.Deadline, RequirementSource.RegionalAgreement,
        [Vgr("Uppföljning i samband med in- och utskrivningsprocessen")],
        "Vid inskrivning i slutenvård följs den upprättade SIP:en upp: den revideras, eller avslutas och startas om med nytt samtycke",
        "On admission to inpatient care the established plan is followed up: revised, or closed and restarted with new consent");

    /// <summary>A child comes of age: the guardians' consents lapse and the young adult's own consent is needed.</summary>
    public static SipRequirement DeadlineOwnConsent { get; } = new(
        "DEADLINE-OWN-CONSENT", RequirementKind.Deadline, RequirementSource.Law, [SipLegalReferences.CustodyUntilEighteen, SipLegalReferences.SecrecyWaiver],
        "Den enskilde fyller 18: vårdnadshavarnas samtycken upphör och den unga vuxnas eget samtycke behövs",
        "The individual comes of age: the guardians' consents lapse and the young adult's own consent is needed");

    /// <summary>The follow-up at the booked date.</summary>
    public static SipRequirement DeadlineFollowUp { get; } = new(
        "DEADLINE-FOLLOW-UP", RequirementKind.Deadline, RequirementSource.RegionalAgreement, [Vgr("SIP ska alltid följas upp")],
        "Planen följs upp på den bokade dagen",
        "The plan is followed up on the booked date");

    /// <summary>The individual's situation changed substantially: the parties are called to an early follow-up.</summary>
    public static SipRequirement DeadlineEarlyFollowUp { get; } = new(
        "DEADLINE-EARLY-FOLLOW-UP", RequirementKind.Deadline, RequirementSource.RegionalAgreement, [Varmland("Efter mötet")],
        "Den enskildes livssituation har förändrats väsentligt: berörda kallas till uppföljning före den planerade",
        "The individual's situation changed substantially: the parties are called to a follow-up before the booked one");

    /// <summary>After a follow-up, it is decided whether the plan is revised, continues unchanged or is closed.</summary>
    public static SipRequirement DeadlineFollowUpDecision { get; } = new(
        "DEADLINE-FOLLOW-UP-DECISION", RequirementKind.Deadline, RequirementSource.RegionalAgreement, [Vgr("Följ upp")],
        "Efter uppföljningen beslutas om planen revideras, gäller oförändrad eller avslutas",
        "After the follow-up it is decided whether the plan is revised, continues unchanged or is closed");

    /// <summary>Each principal that took part documents the closing of a closed case.</summary>
    public static SipRequirement DeadlineClosingDocumented { get; } = new(
        "DEADLINE-CLOSING-DOCUMENTED", RequirementKind.Deadline, RequirementSource.RegionalAgreement, [Vgr("Avsluta")],
        "Varje huvudman som deltagit dokumenterar avslutet",
        "Each principal that took part documents the closing");

    /// <summary>
    /// Everyone taking part — the individual and every participant — has a copy of the plan in force (seed 000: "Se till
    /// att alla på mötet får ett exemplar av SIP"; seed 001: "Efter mötet får du ett exemplar av planen och samordnaren ser
    /// till att alla andra deltagare också får ett"; seed 003: "alla deltagare får planen").
    /// </summary>
    public static SipRequirement DeadlinePlanDistributed { get; } = new(
        "DEADLINE-PLAN-DISTRIBUTED", RequirementKind.Deadline, RequirementSource.SectorGuidance,
        [SkrSipForOlder, Varmland("Innan mötet avslutas"), Halland("Samordnad individuell plan")],
        "Den enskilde och alla deltagare har fått ett exemplar av den gällande planen",
        "The individual and every participant have a copy of the plan in force");

    /// <summary>Every requirement, guards first, in a stable order.</summary>
    public static IReadOnlyList<SipRequirement> All { get; } =
    [
        ConsentInformationSharing, ConsentPlanEstablishment, ConsentBothGuardians, ConsentPartyCovered, KinAskedBeforeInvitation,
        SummonsBothPrincipals, SummonsMeetingScheduled, SummonsMeetingAhead, SummonsPurpose, SummonsLongTermGoal, SummonsQuestions,
        PlanMeetingHeld, PlanInterventions, PlanPrincipalResponsibility, PlanActionsByOthers, PlanLeadPrincipal,
        PlanIndividualParticipation, PlanKinParticipation,
        PlanGoals, PlanInterventionDetails, PlanWhatMatters, PlanFollowUpBooked, PlanCoordinator, DischargeOffer,
        DeadlineStart, DeadlineFirstMeeting, DeadlineSummonsReplies, DeadlinePlanDocumented, DeadlineDischargeSummons, DeadlineDischargeInformation, FollowUpAfterAdmission, DeadlineOwnConsent, DeadlineFollowUp,
        DeadlineEarlyFollowUp, DeadlineFollowUpDecision, DeadlineClosingDocumented, DeadlinePlanDistributed,
    ];

    /// <summary>Finds a requirement by its code.</summary>
    /// <param name="code">The code, e.g. <c>CONSENT-PLAN</c> (case-insensitive).</param>
    /// <returns>The requirement, or <see langword="null"/> when no requirement has that code.</returns>
    public static SipRequirement? Find(string code) => All.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));
}
