using Microsoft.Extensions.Options;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Samples.Caseworker.Demo;

/// <summary>
/// Adds the demo cases on start, drawn from the seed documents (Region Halland's leaflet, SKR's "SIP för äldre",
/// Västra Götaland's guideline): a discharge within its three days, an elderly man's established plan, an overdue start
/// for a woman with a protected identity, a school's SIP for a child with two guardians, a new admission. A case already
/// in the store (by its fixed id) is left alone, so a second start adds nothing.
/// </summary>
/// <remarks>
/// The stories began days or weeks ago: the seeder runs the same engine over the same store on a clock of its own that
/// walks from then to now, so every case has a real history — passed and coming deadlines, actors, hash chain — made
/// through the public API like any other.
/// </remarks>
internal sealed class DemoSeeder(ISipCaseStore store, IOptions<SipWorkflowOptions> options, TimeProvider time) : IHostedService
{
    private static readonly SipCaseId Marta = new(Guid.Parse("5e1d0000-0000-4000-8000-000000000001"));
    private static readonly SipCaseId Edvin = new(Guid.Parse("5e1d0000-0000-4000-8000-000000000002"));
    private static readonly SipCaseId Sara = new(Guid.Parse("5e1d0000-0000-4000-8000-000000000003"));
    private static readonly SipCaseId Leo = new(Guid.Parse("5e1d0000-0000-4000-8000-000000000004"));
    private static readonly SipCaseId Bengt = new(Guid.Parse("5e1d0000-0000-4000-8000-000000000005"));

    public static IReadOnlyList<SipCaseId> CaseIds { get; } = [Marta, Edvin, Sara, Leo, Bengt];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var clock = new SeedClock(now);
        var workflow = new SipWorkflow(store, options.Value, clock);
        var stories = new (SipCaseId Id, Func<SipWorkflow, SeedClock, DateTimeOffset, CancellationToken, Task> Seed)[]
        {
            (Marta, SeedMartaAsync), (Edvin, SeedEdvinAsync), (Sara, SeedSaraAsync), (Leo, SeedLeoAsync), (Bengt, SeedBengtAsync),
        };
        foreach (var (id, seed) in stories)
        {
            if (await workflow.GetCaseAsync(id, cancellationToken) is null)
            {
                await seed(workflow, clock, now, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static SipActor Nurse => DemoUsers.All[0].Actor;

    private static SipActor SocialWorker => DemoUsers.All[1].Actor;

    private static SipActor Coordinator => DemoUsers.All[2].Actor;

    private static Individual Person(string reference, DateTimeOffset at) => DemoRegister.Find(reference)!.ToIndividual(SipLegalReferences.SwedishDateOf(at));

    // A story's moments fall on Swedish working hours, counted in days from today.
    private static DateTimeOffset At(DateTimeOffset now, int days, int hour, int minute = 0) => Web.SwedishTime.At(now, days, hour, minute);

    // Märta, 84, fell at home (seed 003). Admitted three days ago, reported ready for discharge yesterday: the fixed care
    // contact must summon within three days (lag (2017:612)). Consent is given and the parties are chosen.
    private static async Task SeedMartaAsync(SipWorkflow workflow, SeedClock clock, DateTimeOffset now, CancellationToken ct)
    {
        clock.Set(At(now, -3, 9, 10));
        await OpenAsync(workflow, clock, Marta, Nurse, "journal-7f3a", CaseOrigin.InpatientAdmission(At(now, -3, 7, 40)) with { RequestedBy = SipRequester.Staff }, PrincipalKind.Region, DemoUnits.PrimaryCare, ct);
        clock.Advance(TimeSpan.FromHours(1));
        await workflow.AppointFixedCareContactAsync(new AppointFixedCareContact
        {
            CaseId = Marta, Actor = Nurse,
            FixedCareContact = new FixedCareContact
            {
                Unit = DemoUnits.PrimaryCare.Reference,
                Person = new ContactPerson { Name = "Eva Berg", Title = "distriktssköterska", ContactDetails = "035-13 10 00" },
            },
        }, ct);
        clock.Set(At(now, -2, 14));
        await workflow.RecordConsentAsync(new RecordConsent
        {
            CaseId = Marta, Actor = Nurse,
            Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = clock.GetUtcNow() },
        }, ct);
        clock.Set(At(now, -1, 10, 50));
        await workflow.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = Marta, Actor = Nurse, NotifiedAt = At(now, -1, 10, 30) }, ct);
        clock.Advance(TimeSpan.FromHours(2));
        await workflow.StartPreparationAsync(new StartPreparation { CaseId = Marta, Actor = Nurse }, ct);
        await AddAsync(workflow, Marta, Nurse, DemoUnits.HomeCare, "Omar Said", "enhetschef", ct);
        await AddAsync(workflow, Marta, Nurse, DemoUnits.PrimaryCare, "Eva Berg", "distriktssköterska", ct);
    }

    // Edvin, 79, at home with Maj (seed 003: "Jag kunde bli Edvins fru igen"). The plan was made at home five weeks ago;
    // its follow-up is booked in twelve days.
    private static async Task SeedEdvinAsync(SipWorkflow workflow, SeedClock clock, DateTimeOffset now, CancellationToken ct)
    {
        clock.Set(At(now, -45, 9, 30));
        await OpenAsync(workflow, clock, Edvin, Coordinator, "journal-2c91", CaseOrigin.Outpatient() with { RequestedBy = SipRequester.NextOfKin }, PrincipalKind.Municipality, DemoUnits.HomeCare, ct);
        clock.Advance(TimeSpan.FromDays(1));
        await workflow.RecordConsentAsync(new RecordConsent
        {
            CaseId = Edvin, Actor = Coordinator,
            Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Written, GivenAt = clock.GetUtcNow(), DocumentReference = "Samtycke 2c91-1" },
        }, ct);
        await workflow.StartPreparationAsync(new StartPreparation { CaseId = Edvin, Actor = Coordinator }, ct);
        var homeCare = await AddAsync(workflow, Edvin, Coordinator, DemoUnits.HomeCare, "Anna Lind", "samordnare", ct);
        var primaryCare = await AddAsync(workflow, Edvin, Coordinator, DemoUnits.PrimaryCare, "Eva Berg", "distriktssköterska", ct);
        var wife = (await workflow.AddParticipantAsync(new AddParticipant
        {
            CaseId = Edvin, Actor = Coordinator,
            Participant = new Participant
            {
                Kind = ParticipantKind.NextOfKin, Organisation = new OrganisationReference { Name = "Maj Karlsson, hustru" },
                KinAssessment = new KinAssessment { IndividualObjects = false, JudgedSuitable = true, AssessedAt = clock.GetUtcNow() },
            },
        }, ct)).Case.Participants[^1].Id;
        clock.Advance(TimeSpan.FromDays(1));
        var meeting = new Meeting
        {
            Id = new MeetingId(Guid.Parse("5e1d0000-0000-4000-8000-0000000000e1")),
            Purpose = MeetingPurpose.PlanMeeting,
            StartsAt = At(now, -35, 10),
            Duration = TimeSpan.FromMinutes(60),
            Form = MeetingForm.AtIndividualsHome,
            PurposeText = "Samordna stödet i hemmet så att Edvin kan bo kvar och Maj slipper vara samordnare",
            Reason = "Edvin har insatser från både hemtjänsten och vårdcentralen, och Maj bär ansvaret för att de hänger ihop",
            LongTermGoal = "Att leva gott så länge det går, hemma",
            Questions = ["Vilket stöd behövs dagtid?", "Hur följs läkemedlen upp?", "Vad kan avlasta Maj?"],
            Leader = new ContactPerson { Name = "Anna Lind", Title = "samordnare" },
            ExpectedContributions =
            [
                new ExpectedContribution { ParticipantId = homeCare, Contribution = "Bedömning av hemtjänst och dagverksamhet" },
                new ExpectedContribution { ParticipantId = primaryCare, Contribution = "Läkemedelsgenomgång och uppföljning av minnet" },
            ],
        };
        await workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = Edvin, Actor = Coordinator, Meeting = meeting }, ct);
        clock.Advance(TimeSpan.FromHours(2));
        await workflow.SendSummonsAsync(new SendSummons { CaseId = Edvin, Actor = Coordinator }, ct);
        clock.Set(At(now, -35, 11, 15));
        await workflow.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = Edvin, Actor = Coordinator, MeetingId = meeting.Id,
            Attendance = [.. new[] { homeCare, primaryCare, wife }.Select(p => new Attendance { ParticipantId = p, Status = AttendanceStatus.Attended })],
        }, ct);
        var need = new Need { Id = new NeedId(Guid.Parse("5e1d0000-0000-4000-8000-0000000000a1")), Text = "Trygghet och sällskap dagtid medan Maj är borta" };
        await workflow.EstablishPlanAsync(new EstablishPlan
        {
            CaseId = Edvin, Actor = Coordinator,
            LeadPrincipal = new LeadPrincipal
            {
                Principal = PrincipalKind.Municipality, Organisation = DemoUnits.HomeCare.Reference,
                Coordinator = new ContactPerson { Name = "Anna Lind", Title = "samordnare", ContactDetails = "035-13 70 00" },
            },
            FollowUpBooking = new FollowUpBooking { At = At(now, 12, 9), Place = "Hemma hos Edvin och Maj" },
            Plan = new SipPlan
            {
                Needs = [need],
                Goals =
                [
                    new Goal { Id = new GoalId(Guid.Parse("5e1d0000-0000-4000-8000-0000000000b1")), Horizon = GoalHorizon.LongTerm, Text = "Att leva gott så länge det går, hemma med Maj", NeedId = need.Id },
                    new Goal { Id = new GoalId(Guid.Parse("5e1d0000-0000-4000-8000-0000000000b2")), Horizon = GoalHorizon.ShortTerm, Text = "Dagverksamhet två dagar i veckan inom en månad", NeedId = need.Id },
                ],
                Interventions =
                [
                    new Intervention { Id = new InterventionId(Guid.Parse("5e1d0000-0000-4000-8000-0000000000c1")), What = "Dagverksamhet med skjuts", Responsible = ResponsibleKind.Municipality, PerformedBy = homeCare, When = "Tisdagar och torsdagar", Where = "Träffpunkten Söder", NeedId = need.Id },
                    new Intervention { Id = new InterventionId(Guid.Parse("5e1d0000-0000-4000-8000-0000000000c2")), What = "Läkemedelsgenomgång", Responsible = ResponsibleKind.Region, PerformedBy = primaryCare, When = "Inom två veckor", Where = "Vårdcentralen Söder" },
                    new Intervention { Id = new InterventionId(Guid.Parse("5e1d0000-0000-4000-8000-0000000000c3")), What = "Anhörigträff för Maj", Responsible = ResponsibleKind.OtherActor, PerformedBy = wife, When = "Första måndagen i månaden", Where = "Anhörigcentrum" },
                ],
                WhatMattersToIndividual = "Att få vara hemma med Maj, och att hon inte ska behöva bära allt ansvar.",
                IndividualParticipation = new IndividualParticipation { Participated = true, Mode = ParticipationMode.InPerson },
                KinParticipation = new KinParticipation { Participated = true, Offered = true, JudgedSuitable = true },
            },
        }, ct);
    }

    // Sara, 34, with support from adult psychiatry and social services (seed 001): a protected identity and an
    // interpreter. Opened eight days ago and never started: overdue ("utan dröjsmål").
    private static async Task SeedSaraAsync(SipWorkflow workflow, SeedClock clock, DateTimeOffset now, CancellationToken ct)
    {
        clock.Set(At(now, -8, 11, 20));
        await OpenAsync(workflow, clock, Sara, Nurse, "journal-5d10", CaseOrigin.Outpatient() with { RequestedBy = SipRequester.Individual }, PrincipalKind.Region, DemoUnits.AdultPsychiatry, ct);
    }

    // Leo, 14, in Västra Götaland, where school is a called principal (seed 002). One of his two guardians has
    // consented; the other's consent is still missing, so preparation cannot start.
    private static async Task SeedLeoAsync(SipWorkflow workflow, SeedClock clock, DateTimeOffset now, CancellationToken ct)
    {
        clock.Set(At(now, -2, 8, 45));
        await OpenAsync(workflow, clock, Leo, SocialWorker, "journal-8b44", CaseOrigin.School() with { RequestedBy = SipRequester.Staff }, PrincipalKind.Municipality, DemoUnits.School, ct, policy: SipPolicy.VastraGotaland.Name);
        clock.Set(At(now, -1, 15, 30));
        await workflow.RecordConsentAsync(new RecordConsent
        {
            CaseId = Leo, Actor = SocialWorker,
            Consent = new Consent
            {
                Scope = ConsentScope.All, GivenBy = ConsentGiver.LegalGuardian, GiverReference = "vh-nilsson-1",
                Form = ConsentForm.Written, GivenAt = clock.GetUtcNow(), ChildsViews = "Leo vill att skolan och BUP pratar med varandra.",
            },
        }, ct);
    }

    // Bengt, 67, admitted to the ward yesterday: the admission notice opened the SIP; nobody has acted yet.
    private static async Task SeedBengtAsync(SipWorkflow workflow, SeedClock clock, DateTimeOffset now, CancellationToken ct)
    {
        clock.Set(now.AddHours(-20));
        await OpenAsync(workflow, clock, Bengt, Nurse, "journal-3e77", CaseOrigin.InpatientAdmission(now.AddHours(-26)) with { RequestedBy = SipRequester.Staff }, PrincipalKind.Region, null, ct);
    }

    private static Task<SipCommandResult> OpenAsync(
        SipWorkflow workflow, SeedClock clock, SipCaseId id, SipActor actor, string person, CaseOrigin origin, PrincipalKind identifiedBy, DemoUnit? unit,
        CancellationToken ct, string? policy = null)
        => workflow.OpenCaseAsync(new OpenCase
        {
            CaseId = id, Actor = actor, Individual = Person(person, clock.GetUtcNow()), Origin = origin, IdentifiedBy = identifiedBy,
            IdentifyingUnit = unit?.Reference, Policy = policy,
        }, ct);

    private static async Task<ParticipantId> AddAsync(SipWorkflow workflow, SipCaseId caseId, SipActor actor, DemoUnit unit, string contact, string title, CancellationToken ct)
    {
        var added = await workflow.AddParticipantAsync(new AddParticipant
        {
            CaseId = caseId, Actor = actor,
            Participant = new Participant
            {
                Kind = unit.Kind, Organisation = unit.Reference, HasMandateToDecide = true,
                Contact = new ContactPerson { Name = contact, Title = title },
            },
        }, ct);
        return added.Case.Participants[^1].Id;
    }

    /// <summary>The seeder's clock: set to a moment of a story, and moved on as the story goes.</summary>
    private sealed class SeedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Set(DateTimeOffset now) => _now = now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
