// Quickstart: Märta, 84, is admitted to Hallands sjukhus after a fall (seed 002/003, lag (2017:612)). The admission
// notice reaches primary care, whose fixed care contact — a district nurse at the vårdcentral, not a ward nurse — opens
// the SIP, gets consent, and when the ward reports Märta ready for discharge summons the municipality within three
// days. The meeting is held at home after the discharge, the plan is established and followed up — on an embedded
// SQLite file, under Region Halland's agreement. Märta and the home care evaluate the meeting, and the month's indicators
// are reported (small numbers hidden) and exported as CSV.
using System.Globalization;
using Sip.Workflow;
using Sip.Workflow.Samples.Quickstart;
using Sip.Workflow.Sqlite;

CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
var path = Path.Combine(Path.GetTempPath(), "sip-workflow-quickstart.db");
var clock = new DemoClock(DateTimeOffset.UtcNow);
var store = new SqliteSipCaseStore(path);
var workflow = new SipWorkflow(store, new SipWorkflowOptions { Policy = SipPolicy.RegionHalland }, clock);
Console.WriteLine($"SIP-databas (SQLite): {path}");
Console.WriteLine();

var primaryCare = new OrganisationReference { Name = "Vårdcentralen Söder", Identifier = "SE2321000-0001-VCS" };
var homeCare = new OrganisationReference { Name = "Hemtjänsten Söder, Halmstads kommun", Identifier = "SE2120000-0001-HT" };
var districtNurse = new ContactPerson { Name = "Eva Berg", Title = "distriktssköterska", ContactDetails = "035-13 10 00" };
var nurse = new SipActor { UserId = "hsa-vcs-77", Organisation = primaryCare.Name, Role = "fast vårdkontakt" };

void Step(string text, SipCommandResult result)
    => Console.WriteLine($"  ✓ {text,-56} → {result.Case.State} (version {result.Case.Version})");

void Due(SipCase c)
{
    foreach (var deadline in SipDeadlines.Open(c, workflow.Process.Policy))
    {
        Console.WriteLine($"      bevakning: {deadline.Requirement.Code} senast {deadline.DueAt.ToLocalTime():yyyy-MM-dd HH:mm}");
    }
}

Console.WriteLine("1. Upptäck behov — inskrivningsmeddelandet");
var opened = await workflow.OpenCaseAsync(new OpenCase
{
    Actor = nurse,
    Individual = new Individual { Reference = new SubjectReference($"journal-{Guid.NewGuid():N}"[..20]) },
    Origin = CaseOrigin.InpatientAdmission(clock.GetUtcNow().AddHours(-6)) with { RequestedBy = SipRequester.Staff },
    IdentifiedBy = PrincipalKind.Region,
});
var id = opened.Case.Id;
Step("Inskriven på avdelning 12: SIP öppnad", opened);
Step("Fast vårdkontakt utsedd i öppenvården", await workflow.AppointFixedCareContactAsync(new AppointFixedCareContact
{
    CaseId = id, Actor = nurse, FixedCareContact = new FixedCareContact { Unit = primaryCare, Person = districtNurse },
}));

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

clock.Advance(TimeSpan.FromDays(2));
var ready = await workflow.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = id, Actor = nurse, NotifiedAt = clock.GetUtcNow() });
Step("Avdelningen: utskrivningsklar", ready);
Due(ready.Case);

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
var withDaughter = await workflow.AddParticipantAsync(new AddParticipant
{
    CaseId = id,
    Actor = nurse,
    Participant = new Participant
    {
        Kind = ParticipantKind.NextOfKin, Organisation = new OrganisationReference { Name = "Dotter" }, Mode = ParticipationMode.Phone,
        // Before next of kin are asked: the individual does not object, and it is suitable.
        KinAssessment = new KinAssessment { IndividualObjects = false, JudgedSuitable = true, AssessedAt = clock.GetUtcNow() },
    },
});
Step("Dottern bjuds in (telefon)", withDaughter);
var participants = withDaughter.Case.Participants;
var homeCareId = participants.Single(p => p.Kind == ParticipantKind.SocialServices).Id;
var primaryCareId = participants.Single(p => p.Kind == ParticipantKind.RegionalHealthCare).Id;
var daughterId = participants.Single(p => p.Kind == ParticipantKind.NextOfKin).Id;

// The meeting is held at home two days after the discharge; the fixed care contact leads it.
var meeting = new Meeting
{
    Id = MeetingId.New(),
    Purpose = MeetingPurpose.PlanMeeting,
    StartsAt = clock.GetUtcNow().AddDays(4),
    Duration = TimeSpan.FromMinutes(60),
    Form = MeetingForm.AtIndividualsHome,
    PurposeText = "Planera tiden efter hemgången",
    Reason = "Märta behöver insatser från både kommunen och regionen efter utskrivningen",
    LongTermGoal = "Att kunna känna mig trygg och bo hemma",
    Questions = ["Vilket stöd behövs morgon och kväll?", "Vem följer upp läkemedlen?"],
    Leader = districtNurse,
    ExpectedContributions =
    [
        new ExpectedContribution { ParticipantId = homeCareId, Contribution = "Bedömning av hemtjänst och trygghetslarm" },
        new ExpectedContribution { ParticipantId = primaryCareId, Contribution = "Läkemedelsgenomgång och uppföljning av fallrisk" },
    ],
};
Step("SIP-möte bokat hemma hos Märta", await workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = nurse, Meeting = meeting }));

Console.WriteLine("3. Kalla / bjud in — inom tre dagar från underrättelsen");
clock.Advance(TimeSpan.FromHours(3));
var summoned = await workflow.SendSummonsAsync(new SendSummons { CaseId = id, Actor = nurse });
Step($"Kallelse till {summoned.Case.SummonsSent[^1].Called.Count} huvudmän, inbjudan till {summoned.Case.SummonsSent[^1].Invited.Count}", summoned);
Due(summoned.Case);
foreach (var (party, who, mandate) in new[] { (homeCareId, "Omar Said, enhetschef", true), (primaryCareId, "Eva Berg", true), (daughterId, "Dottern", false) })
{
    Step($"Svar: {who} kommer", await workflow.RecordSummonsReplyAsync(new RecordSummonsReply
    {
        CaseId = id,
        Actor = nurse,
        Reply = new SummonsReply
        {
            MeetingId = meeting.Id, ParticipantId = party, Answer = SummonsAnswer.Accepted,
            Attendee = new ContactPerson { Name = who }, AttendeeHasMandateToDecide = mandate,
        },
    }));
}

clock.Advance(TimeSpan.FromDays(1));
var discharged = await workflow.RecordDischargeAsync(new RecordDischarge
{
    CaseId = id, Actor = nurse, DischargedAt = clock.GetUtcNow().AddHours(-2), InformationTransferredAt = clock.GetUtcNow().AddHours(-3),
});
Step("Utskriven; informationen överförd samma dag", discharged);

Console.WriteLine("4. SIP-möte — efter hemgången");
clock.Advance(meeting.StartsAt - clock.GetUtcNow());
Step("Närvaro registrerad", await workflow.RecordAttendanceAsync(new RecordAttendance
{
    CaseId = id, Actor = nurse, MeetingId = meeting.Id,
    Attendance = [.. participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
}));
var safety = new Need { Id = NeedId.New(), Text = "Att känna sig trygg hemma efter fallet" };
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
    Plan = new SipPlan { Needs = [safety], Goals = [
        new Goal { Id = GoalId.New(), Horizon = GoalHorizon.LongTerm, Text = "Bo kvar hemma och känna mig trygg", NeedId = safety.Id },
        new Goal { Id = GoalId.New(), Horizon = GoalHorizon.ShortTerm, Text = "Klara morgonrutinen med stöd inom två veckor", NeedId = safety.Id },
    ], Interventions = [
        new Intervention { Id = InterventionId.New(), What = "Hemtjänst morgon och kväll", Responsible = ResponsibleKind.Municipality,
            PerformedBy = homeCareId, When = "Dagligen 08.00 och 20.00", Where = "Hemma", NeedId = safety.Id },
        new Intervention { Id = InterventionId.New(), What = "Trygghetslarm", Responsible = ResponsibleKind.Municipality,
            PerformedBy = homeCareId, When = "Installeras denna vecka", Where = "Hemma", NeedId = safety.Id },
        new Intervention { Id = InterventionId.New(), What = "Läkemedelsgenomgång", Responsible = ResponsibleKind.Region,
            PerformedBy = primaryCareId, When = "Inom två veckor", Where = "Vårdcentralen Söder" },
        new Intervention { Id = InterventionId.New(), What = "Ringer varje söndag och handlar", Responsible = ResponsibleKind.OtherActor,
            PerformedBy = daughterId, When = "Söndagar", Where = "Per telefon / affären" },
    ], WhatMattersToIndividual = "Att få sova i min egen säng och ha katten hos mig.", IndividualParticipation = new IndividualParticipation { Participated = true, Mode = ParticipationMode.InPerson }, KinParticipation = new KinParticipation { Participated = true, Offered = true, JudgedSuitable = true } },
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
foreach (var item in (await workflow.ReadDueWorkAsync(nurse, clock.GetUtcNow().AddMonths(4))).Items.Where(i => i.CaseId == id))
{
    Console.WriteLine($"  {item.DueAt:yyyy-MM-dd} {item.RequirementCode} [{item.LegalReference}] — {item.Deadline.Requirement.SwedishText}");
}

Console.WriteLine();
Console.WriteLine("5. Följ upp");
Step("Trygghetslarmet installerat", await workflow.UpdateInterventionStatusAsync(new UpdateInterventionStatus
{
    CaseId = id, Actor = nurse, Change = new InterventionStatusChange { InterventionId = established.Case.Plan!.Interventions[1].Id, Status = InterventionStatus.Done },
}));
clock.Advance(TimeSpan.FromDays(91));
Step("Uppföljning: målen nådda", await workflow.RecordFollowUpAsync(new RecordFollowUp
{
    CaseId = id,
    Actor = nurse,
    FollowUp = new FollowUpRecord { HeldAt = clock.GetUtcNow(), Progress = "Morgonrutinen fungerar; Märta känner sig trygg hemma.", InterventionsCarriedOut = true, InterventionsEffective = true },
}));
Step("Planen gäller oförändrad; ny uppföljning om ett halvår", await workflow.ConfirmPlanUnchangedAsync(new ConfirmPlanUnchanged
{
    CaseId = id, Actor = nurse, NextFollowUp = new FollowUpBooking { At = clock.GetUtcNow().AddMonths(6), Place = "Hemma hos Märta" },
}));

Console.WriteLine();
Console.WriteLine("6. Utvärdera och följ processen — månadsrapport");

// SIPKollen-style: each respondent answers short questions (ids from the region's own questionnaire) with scores 1-5.
Step("Märtas utvärdering av SIP-mötet", await workflow.RecordEvaluationAsync(new RecordEvaluation
{
    CaseId = id, Actor = nurse, Evaluation = new Evaluation
    {
        MeetingId = meeting.Id, Respondent = EvaluationRespondent.Individual,
        Answers = [new EvaluationAnswer { QuestionId = "heard", Score = 5 }, new EvaluationAnswer { QuestionId = "knows-next-step", Score = 4 }],
    },
}));
Step("Hemtjänstens utvärdering av SIP-mötet", await workflow.RecordEvaluationAsync(new RecordEvaluation
{
    CaseId = id, Actor = nurse,
    Evaluation = new Evaluation { MeetingId = meeting.Id, Respondent = EvaluationRespondent.Professional, Answers = [new EvaluationAnswer { QuestionId = "heard", Score = 4 }] },
}));

// The indicators of the month the SIP started, for every case in this file (each run of the sample adds one): numbers
// below five are hidden, so a small unit's report cannot point at Märta.
var indicators = new SipIndicators(store, store, workflow.Policies, timeProvider: clock);
var month = SipYearMonth.Of(SipLegalReferences.SwedishDateOf(opened.Case.OpenedAt));
var report = await indicators.GetIndicatorsAsync(SipIndicatorPeriod.Month(month));
Console.WriteLine($"  Månadsrapport {report.Period} (celler under {report.MinimumCellSize} döljs):");
foreach (var indicator in report.Indicators.Where(i => i.Suppressed || i.Count > 0))
{
    var value = indicator switch
    {
        { Suppressed: true } => "dolt (färre än " + report.MinimumCellSize + ")",
        { Median: { } median } => $"n={indicator.Count}, median {median.TotalHours:0} h, 90:e percentilen {indicator.Percentile90!.Value.TotalHours:0} h",
        { Share: { } share } => $"{indicator.Numerator} av {indicator.Count} ({share:P0})",
        { Mean: { } mean } => $"n={indicator.Count}, medel {mean:0.0}",
        _ => indicator.Count?.ToString(CultureInfo.InvariantCulture) ?? "-",
    };
    Console.WriteLine($"    {indicator.Name}{(indicator.Kind is null ? string.Empty : $" ({indicator.Kind})")}: {value}");
}

var csv = Path.Combine(Path.GetTempPath(), $"sip-workflow-indikatorer-{report.Period}.csv");
await File.WriteAllTextAsync(csv, report.ToCsv());
Console.WriteLine($"  Exporterad som CSV: {csv} (och som JSON med report.ToJson())");

Console.WriteLine();
Console.WriteLine("Historik:");
foreach (var e in await workflow.ReadHistoryAsync(id, nurse))
{
    Console.WriteLine($"  {e.Sequence,2}. {e.OccurredAt:yyyy-MM-dd HH:mm} {e.EventType,-26} {e.FromState?.ToString() ?? "-",-16} → {e.ToState,-16} {e.Actor.Role} · {e.Hash[..12]}…");
}

var verification = await workflow.VerifyHistoryAsync(id);
Console.WriteLine(verification.IsIntact
    ? "  Hashkedjan är obruten: ingen händelse har ändrats, tagits bort eller flyttats."
    : $"  Hashkedjan bryts vid händelse {verification.FirstBrokenSequence}: {verification.Problem}");

Console.WriteLine();
Console.WriteLine("Processen (Mermaid):");
Console.WriteLine(workflow.GetProcessDiagram());
return verification.IsIntact ? 0 : 1;
