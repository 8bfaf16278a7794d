// The kommun's and the region's systems side by side, each its own host with its own SQLite file, keeping one SIP in
// step through nothing but their event feeds and an HTTP endpoint (POST /sip-exchange, the sip-exchange/1 JSON form).
// The kommun summons, the region's case opens by itself and the region answers, the plan is established at the kommun
// and arrives at the region, and the closing follows. Each host runs the default access rules: the caseworkers read as
// themselves, the exchange as the sending unit's system, and every read is in each host's access log.
// Exits 0 when both sides end with the same plan, 1 otherwise.
using System.Text.Json;
using Sip.Workflow;
using Sip.Workflow.Exchange;
using Sip.Workflow.Samples.Exchange;

var kommunUnit = new OrganisationReference { Name = "Socialtjänsten Halmstad", Identifier = "SE2120000-0001-SOL" };
var regionUnit = new OrganisationReference { Name = "Vårdcentralen Söder", Identifier = "SE2321000-0001-VCS" };
var socialWorker = new SipActor { UserId = "soc-anna-lind", Organisation = kommunUnit.Name, Role = "biståndshandläggare" };
var doctor = new SipActor { UserId = "vc-erik-berg", Organisation = regionUnit.Name, Role = "distriktsläkare" };

var folder = Directory.CreateTempSubdirectory("sip-exchange-sample-").FullName;
Console.WriteLine($"Databases in {folder}");
await using var kommun = await PrincipalHost.StartAsync("Treserva", PrincipalKind.Municipality, kommunUnit, Path.Combine(folder, "kommun.db"));
await using var region = await PrincipalHost.StartAsync("Cosmic", PrincipalKind.Region, regionUnit, Path.Combine(folder, "region.db"));
kommun.Peers.Add(regionUnit, region.Address);
region.Peers.Add(kommunUnit, kommun.Address);
Console.WriteLine($"Kommun (Treserva) at {kommun.Address}, region (Cosmic) at {region.Address}");

// The kommun identifies the need, records consent, prepares and summons both principals to a meeting.
var k = kommun.Workflow;
var opened = (await k.OpenCaseAsync(new OpenCase
{
    Actor = socialWorker, Individual = new Individual { Reference = new SubjectReference("sample-pat-001") },
    Origin = CaseOrigin.SocialServices(), IdentifiedBy = PrincipalKind.Municipality, IdentifyingUnit = kommunUnit,
})).Case;
var id = opened.Id;
await k.RecordConsentAsync(new RecordConsent
{
    CaseId = id, Actor = socialWorker,
    Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Written, GivenAt = DateTimeOffset.UtcNow },
});
await k.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = socialWorker });
await k.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = socialWorker, Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = kommunUnit, HasMandateToDecide = true } });
var regionParty = new Participant { Kind = ParticipantKind.RegionalHealthCare, Organisation = regionUnit, HasMandateToDecide = true };
await k.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = socialWorker, Participant = regionParty });

// The meeting starts in a few seconds, so that the sample can hold it before it ends.
var meeting = new Meeting
{
    Id = MeetingId.New(), Purpose = MeetingPurpose.PlanMeeting, StartsAt = DateTimeOffset.UtcNow.AddSeconds(3), Duration = TimeSpan.FromMinutes(90),
    Form = MeetingForm.OnPremises, Place = "Socialtjänsten, Stora torg 1", PurposeText = "Samordna stöd i hemmet och läkemedelsuppföljning",
    Reason = "Behov av insatser från både kommun och region", LongTermGoal = "Att bo kvar hemma och känna mig trygg",
    Questions = ["Vilket stöd behövs i hemmet?", "Hur följs läkemedlen upp?"],
};
await k.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = socialWorker, Meeting = meeting });
await k.SendSummonsAsync(new SendSummons { CaseId = id, Actor = socialWorker });
Console.WriteLine("Kommun: summons sent.");

// The summons travels; the region's case opens by itself, linked to the kommun's.
var regionCase = await Until(region.Workflow, async w => (await w.ReadCasesAsync(new SipCaseQuery { PageSize = 10 }, doctor)).Cases.SingleOrDefault(c => c.State == SipState.Summoned));
Console.WriteLine($"Region: case {regionCase.Id} opened from the summons, linked to {regionCase.ExternalReferences[0].System} case {regionCase.ExternalReferences[0].CaseId}; its answer is due.");

await region.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply
{
    CaseId = regionCase.Id, Actor = doctor,
    Reply = new SummonsReply { MeetingId = meeting.Id, ParticipantId = regionParty.Id, Answer = SummonsAnswer.Accepted, Attendee = new ContactPerson { Name = "Erik Berg", Title = "distriktsläkare" }, AttendeeHasMandateToDecide = true },
});
await Until(k, async w => (await w.ReadCaseAsync(id, socialWorker))!.SummonsStateOf(meeting.Id, regionParty.Id) == SummonsDeliveryState.Answered ? true : (bool?)null);
Console.WriteLine("Kommun: the region's answer arrived (accepted, with mandate to decide).");

// The meeting is held; the plan is established at the kommun.
await Task.Delay(meeting.StartsAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
var c = (await k.ReadCaseAsync(id, socialWorker))!;
await k.RecordAttendanceAsync(new RecordAttendance
{
    CaseId = id, Actor = socialWorker, MeetingId = meeting.Id,
    Attendance = [.. c.ActiveParticipants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
});
await k.EstablishPlanAsync(new EstablishPlan
{
    CaseId = id, Actor = socialWorker,
    Plan = new SipPlan
    {
        WhatMattersToIndividual = "Att kunna bo kvar i mitt hus.",
        Goals =
        [
            new Goal { Id = GoalId.New(), Horizon = GoalHorizon.LongTerm, Text = "Att bo kvar hemma och känna mig trygg" },
            new Goal { Id = GoalId.New(), Horizon = GoalHorizon.ShortTerm, Text = "Klara morgonrutinen med stöd inom två veckor" },
        ],
        Interventions =
        [
            new Intervention { Id = InterventionId.New(), What = "Hemtjänst morgon och kväll", Responsible = ResponsibleKind.Municipality, When = "dagligen", Where = "i hemmet" },
            new Intervention { Id = InterventionId.New(), What = "Läkemedelsgenomgång", Responsible = ResponsibleKind.Region, When = "inom två veckor", Where = "Vårdcentralen Söder" },
        ],
        NoActionsByOthers = true,
        IndividualParticipation = new IndividualParticipation { Participated = true, Mode = ParticipationMode.InPerson },
    },
    LeadPrincipal = new LeadPrincipal { Principal = PrincipalKind.Municipality, Organisation = kommunUnit, Coordinator = new ContactPerson { Name = "Anna Lind", Title = "samordnare" } },
    FollowUpBooking = new FollowUpBooking { At = DateTimeOffset.UtcNow.AddMonths(3), Place = "Socialtjänsten, Stora torg 1" },
});
Console.WriteLine("Kommun: plan established (revision 1).");
regionCase = await Until(region.Workflow, async w => (await w.ReadCaseAsync(regionCase.Id, doctor)) is { PlanRevisions.Count: 1 } r ? r : null);
Console.WriteLine("Region: plan revision 1 arrived and was established through the region's own rules.");

// The kommun closes the SIP; the region's case follows.
await k.CloseCaseAsync(new CloseCase { CaseId = id, Actor = socialWorker, Reason = ClosureReason.NoNewNeedsExpected });
regionCase = await Until(region.Workflow, async w => (await w.ReadCaseAsync(regionCase.Id, doctor)) is { State: SipState.Closed } r ? r : null);
Console.WriteLine("Region: the closing arrived; each principal now documents its own closing.");

var kommunCase = (await k.ReadCaseAsync(id, socialWorker))!;
// The same revision on both sides: the same content, only the moment each system recorded it differs.
static string Content(SipPlan plan)
{
    var json = JsonSerializer.SerializeToNode(plan)!.AsObject();
    json.Remove(nameof(SipPlan.EstablishedAt));
    return json.ToJsonString();
}
var same = kommunCase.PlanRevisions.Count == regionCase.PlanRevisions.Count
    && kommunCase.PlanRevisions.Zip(regionCase.PlanRevisions).All(p => Content(p.First) == Content(p.Second));
Console.WriteLine($"Both sides hold plan revision {regionCase.Plan!.Revision} with the same content: {same}. Refused for good: {kommun.Peers.DeadLetters.Count + region.Peers.DeadLetters.Count}.");
Console.WriteLine("The region's history:");
foreach (var e in await region.Workflow.ReadHistoryAsync(regionCase.Id, doctor))
{
    Console.WriteLine($"  {e.Sequence,2} {e.EventType,-22} by {e.Actor.Role}");
}

return same && kommun.Peers.DeadLetters.IsEmpty && region.Peers.DeadLetters.IsEmpty ? 0 : 1;

// Waits for the other system to catch up (the feeds are polled every 100 ms); gives up after 30 seconds.
static async Task<T> Until<T>(ISipWorkflow workflow, Func<ISipWorkflow, Task<T?>> probe)
{
    var until = DateTimeOffset.UtcNow.AddSeconds(30);
    while (DateTimeOffset.UtcNow < until)
    {
        if (await probe(workflow) is { } found)
        {
            return found;
        }

        await Task.Delay(50);
    }

    throw new TimeoutException("The other system did not catch up within 30 seconds.");
}
