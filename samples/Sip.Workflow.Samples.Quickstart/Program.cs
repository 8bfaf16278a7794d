// Quickstart: Märta, 84, is ready for discharge from Hallands sjukhus (seed 002/003). The ward's fixed care contact
// opens a SIP, gets consent, summons the municipality and primary care, holds the meeting, establishes the plan and
// follows it up — on an embedded SQLite file, under Region Halland's agreement.
using System.Globalization;
using Sip.Workflow;
using Sip.Workflow.Samples.Quickstart;
using Sip.Workflow.Sqlite;

CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
var path = Path.Combine(Path.GetTempPath(), "sip-workflow-quickstart.db");
var clock = new DemoClock(DateTimeOffset.UtcNow);
var workflow = new SipWorkflow(new SqliteSipCaseStore(path), new SipWorkflowOptions { Policy = SipPolicy.RegionHalland }, clock);
Console.WriteLine($"SIP-databas (SQLite): {path}");
Console.WriteLine();

var nurse = new SipActor { UserId = "hsa-avd12-77", Organisation = "Hallands sjukhus, avdelning 12", Role = "fast vårdkontakt" };
var homeCare = new OrganisationReference { Name = "Hemtjänsten Söder, Halmstads kommun", Identifier = "SE2120000-0001-HT" };
var primaryCare = new OrganisationReference { Name = "Vårdcentralen Söder", Identifier = "SE2321000-0001-VCS" };

void Step(string text, SipCommandResult result)
    => Console.WriteLine($"  ✓ {text,-48} → {result.Case.State} (version {result.Case.Version})");

Console.WriteLine("1. Upptäck behov");
var opened = await workflow.OpenCaseAsync(new OpenCase
{
    Actor = nurse,
    Individual = new Individual { Reference = new SubjectReference($"journal-{Guid.NewGuid():N}"[..20]) },
    Origin = CaseOrigin.InpatientDischarge(clock.GetUtcNow()),
    IdentifiedBy = PrincipalKind.Region,
});
var id = opened.Case.Id;
Step("Utskrivningsklar: SIP öppnad", opened);

Console.WriteLine("2. Förbered");
try
{
    await workflow.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = nurse });
}
catch (SipRequirementsNotMetException refused)
{
    Console.WriteLine("  ✗ Förberedelsen nekades — krav som inte är uppfyllda:");
    foreach (var unmet in refused.UnmetRequirements)
    {
        Console.WriteLine($"      {unmet.Code}: {unmet.Text} [{unmet.LegalReference}]");
    }
}

Step("Samtycke (muntligt) till informationsöverföring och plan", await workflow.RecordConsentAsync(new RecordConsent
{
    CaseId = id,
    Actor = nurse,
    Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = clock.GetUtcNow() },
}));
Step("Förberedelse startad", await workflow.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = nurse }));
Step("Kommunen kallas: hemtjänsten", await workflow.AddParticipantAsync(new AddParticipant
{
    CaseId = id,
    Actor = nurse,
    Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = homeCare, HasMandateToDecide = true },
}));
Step("Regionen kallas: vårdcentralen", await workflow.AddParticipantAsync(new AddParticipant
{
    CaseId = id,
    Actor = nurse,
    Participant = new Participant { Kind = ParticipantKind.RegionalHealthCare, Organisation = primaryCare, HasMandateToDecide = true },
}));
Step("Dottern bjuds in (telefon)", await workflow.AddParticipantAsync(new AddParticipant
{
    CaseId = id,
    Actor = nurse,
    Participant = new Participant
    {
        Kind = ParticipantKind.NextOfKin, Organisation = new OrganisationReference { Name = "Dotter" }, Mode = ParticipationMode.Phone,
        // Before next of kin are asked: the individual does not object, and it is suitable.
        KinAssessment = new KinAssessment { IndividualObjects = false, JudgedSuitable = true, AssessedAt = clock.GetUtcNow() },
    },
}));
var meeting = new Meeting
{
    Id = MeetingId.New(),
    Purpose = MeetingPurpose.PlanMeeting,
    StartsAt = clock.GetUtcNow().AddDays(2),
    Duration = TimeSpan.FromMinutes(60),
    Form = MeetingForm.OnPremises,
    Place = "Hallands sjukhus, avdelning 12, dagrummet",
    PurposeText = "Planera en trygg hemgång",
    Reason = "Märta behöver insatser från både kommunen och regionen efter utskrivningen",
    LongTermGoal = "Att kunna känna mig trygg och bo hemma",
    Questions = ["Vilket stöd behövs morgon och kväll?", "Vem följer upp läkemedlen?"],
};
Step("SIP-möte bokat om två dagar", await workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = nurse, Meeting = meeting }));

Console.WriteLine("3. Kalla / bjud in");
var summoned = await workflow.SendSummonsAsync(new SendSummons { CaseId = id, Actor = nurse });
Step($"Kallelse till {summoned.Case.SummonsSent[^1].Called.Count} huvudmän, inbjudan till {summoned.Case.SummonsSent[^1].Invited.Count}", summoned);

Console.WriteLine("4. SIP-möte");
clock.Advance(TimeSpan.FromDays(2));
var participants = summoned.Case.Participants;
Step("Närvaro registrerad", await workflow.RecordAttendanceAsync(new RecordAttendance
{
    CaseId = id, Actor = nurse, MeetingId = meeting.Id,
    Attendance = [.. participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
}));
var homeCareId = participants.Single(p => p.Kind == ParticipantKind.SocialServices).Id;
var primaryCareId = participants.Single(p => p.Kind == ParticipantKind.RegionalHealthCare).Id;
var daughterId = participants.Single(p => p.Kind == ParticipantKind.NextOfKin).Id;
var established = await workflow.EstablishPlanAsync(new EstablishPlan
{
    CaseId = id,
    Actor = nurse,
    LeadPrincipal = new LeadPrincipal
    {
        Principal = PrincipalKind.Municipality,
        Organisation = homeCare,
        Coordinator = new ContactPerson { Name = "Anna Lind", Title = "samordnare", ContactDetails = "035-13 70 00" },
    },
    FollowUpBooking = new FollowUpBooking { At = clock.GetUtcNow().AddMonths(3), Place = "Hemma hos Märta" },
    Plan = new SipPlan { Goals = [
        new Goal { Id = GoalId.New(), Horizon = GoalHorizon.LongTerm, Text = "Bo kvar hemma och känna mig trygg" },
        new Goal { Id = GoalId.New(), Horizon = GoalHorizon.ShortTerm, Text = "Klara morgonrutinen med stöd inom två veckor" },
    ], Interventions = [
        new Intervention { Id = InterventionId.New(), What = "Hemtjänst morgon och kväll", Responsible = ResponsibleKind.Municipality,
            PerformedBy = homeCareId, When = "Dagligen 08.00 och 20.00", Where = "Hemma" },
        new Intervention { Id = InterventionId.New(), What = "Trygghetslarm installeras", Responsible = ResponsibleKind.Municipality,
            PerformedBy = homeCareId, When = "Före hemgång", Where = "Hemma" },
        new Intervention { Id = InterventionId.New(), What = "Läkemedelsgenomgång", Responsible = ResponsibleKind.Region,
            PerformedBy = primaryCareId, When = "Inom två veckor", Where = "Vårdcentralen Söder" },
        new Intervention { Id = InterventionId.New(), What = "Ringer varje söndag och handlar", Responsible = ResponsibleKind.OtherActor,
            PerformedBy = daughterId, When = "Söndagar", Where = "Per telefon / affären" },
    ], WhatMattersToIndividual = "Att få sova i min egen säng och ha katten hos mig.", IndividualParticipation = new IndividualParticipation { Participated = true, Mode = ParticipationMode.InPerson }, KinParticipation = new KinParticipation { Participated = true, JudgedSuitable = true } },
});
Step("Planen upprättad", established);

Console.WriteLine();
Console.WriteLine("Planen — vem gör vad, när och var:");
Console.WriteLine($"  {"Vem",-38} {"Vad",-34} {"När",-26} Var");
foreach (var line in established.Case.Plan!.Interventions)
{
    var who = line.PerformedBy is { } by ? established.Case.FindParticipant(by)!.Organisation.Name : line.Responsible.ToString();
    Console.WriteLine($"  {who,-38} {line.What,-34} {line.When,-26} {line.Where}");
}

Console.WriteLine($"  Huvudansvarig: {established.Case.LeadPrincipal!.Organisation.Name}, samordnare {established.Case.LeadPrincipal.Coordinator!.Name}");
Console.WriteLine($"  Uppföljning: {established.Case.FollowUpBooking!.At:yyyy-MM-dd}, {established.Case.FollowUpBooking.Place}");

Console.WriteLine();
Console.WriteLine("Bevakning — vad förfaller inom fyra månader:");
foreach (var item in (await workflow.GetDueWorkAsync(clock.GetUtcNow().AddMonths(4))).Items.Where(i => i.CaseId == id))
{
    Console.WriteLine($"  {item.DueAt:yyyy-MM-dd} {item.RequirementCode} [{item.LegalReference}] — {item.Deadline.Requirement.SwedishText}");
}

Console.WriteLine();
Console.WriteLine("5. Följ upp");
clock.Advance(TimeSpan.FromDays(91));
Step("Uppföljning: målen nådda", await workflow.RecordFollowUpAsync(new RecordFollowUp
{
    CaseId = id,
    Actor = nurse,
    FollowUp = new FollowUpRecord { HeldAt = clock.GetUtcNow(), Progress = "Morgonrutinen fungerar; Märta känner sig trygg hemma.", InterventionsCarriedOut = true, InterventionsEffective = true },
}));

Console.WriteLine("6. Avsluta");
Step("Samordning behövs inte längre", await workflow.CloseCaseAsync(new CloseCase { CaseId = id, Actor = nurse, Reason = ClosureReason.CoordinationNoLongerNeeded }));

Console.WriteLine();
Console.WriteLine("Historik:");
foreach (var e in await workflow.GetHistoryAsync(id))
{
    Console.WriteLine($"  {e.Sequence,2}. {e.OccurredAt:yyyy-MM-dd HH:mm} {e.EventType,-20} {e.FromState?.ToString() ?? "-",-16} → {e.ToState,-16} {e.Actor.Role} · {e.Hash[..12]}…");
}

var verification = await workflow.VerifyHistoryAsync(id);
Console.WriteLine(verification.IsIntact
    ? "  Hashkedjan är obruten: ingen händelse har ändrats, tagits bort eller flyttats."
    : $"  Hashkedjan bryts vid händelse {verification.FirstBrokenSequence}: {verification.Problem}");

Console.WriteLine();
Console.WriteLine("Processen (Mermaid):");
Console.WriteLine(workflow.GetProcessDiagram());
return verification.IsIntact ? 0 : 1;
