using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Lifecycles;

/// <summary>
/// Seed 002/003: an older person ready for discharge from hospital. The fixed care contact must summon within three
/// days of the ready-for-discharge notice (lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård,
/// counted in Swedish calendar days); the plan is followed up and revised, then closed.
/// </summary>
public sealed class DischargeLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_older_person_discharged_from_hospital_goes_from_notice_to_closing_within_the_deadlines()
    {
        var s = new SipScenario(SipPolicy.NationalGuidance);
        var w = s.Workflow;
        var readyAt = s.Time.GetUtcNow();
        var nurse = new SipActor { UserId = "hsa-avd12-77", Organisation = "Hallands sjukhus, avd 12", Role = "fast vårdkontakt" };

        var opened = await w.OpenCaseAsync(new OpenCase
        {
            Actor = nurse,
            Individual = SipTestData.Adult("pat-0042") with { InterpreterLanguage = "finska" },
            Origin = CaseOrigin.InpatientDischarge(readyAt),
            IdentifiedBy = PrincipalKind.Region,
        }, Ct);
        var id = opened.Case.Id;
        opened.Case.State.Should().Be(SipState.NeedIdentified);

        // The three-day summons deadline is watched from the notice on: notice on Monday 2 March, due by the end of
        // Thursday 5 March, Swedish time (midnight CET is 23:00 UTC).
        var due = await w.GetDueWorkAsync(readyAt.AddDays(4), cancellationToken: Ct);
        due.Items.Should().ContainSingle(i => i.CaseId == id).Which.OpenDeadlines
            .Should().Contain(d => d.Requirement.Code == "DEADLINE-DISCHARGE-SUMMONS" && d.DueAt == new DateTimeOffset(2026, 3, 5, 23, 0, 0, TimeSpan.Zero));

        await w.RecordConsentAsync(new RecordConsent
        {
            CaseId = id,
            Actor = nurse,
            Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = readyAt },
        }, Ct);
        s.Time.Advance(TimeSpan.FromHours(20));
        await w.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = nurse }, Ct);
        await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = nurse, Participant = new Participant { Kind = ParticipantKind.MunicipalHealthCare, Organisation = SipTestData.HomeCareUnit } }, Ct);
        await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = nurse, Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = SipTestData.SocialServicesUnit } }, Ct);
        await w.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = nurse, Participant = new Participant { Kind = ParticipantKind.RegionalHealthCare, Organisation = SipTestData.PrimaryCareUnit } }, Ct);
        var kin = await w.AddParticipantAsync(new AddParticipant
        {
            CaseId = id,
            Actor = nurse,
            Participant = new Participant
            {
                Kind = ParticipantKind.NextOfKin, Organisation = new OrganisationReference { Name = "Dotter" }, Mode = ParticipationMode.Phone,
                KinAssessment = new KinAssessment { IndividualObjects = false, JudgedSuitable = true, AssessedAt = s.Time.GetUtcNow() },
            },
        }, Ct);
        kin.Case.Participants.Single(p => p.Kind == ParticipantKind.NextOfKin).Role.Should().Be(ParticipationRole.Invited);

        // A SIP meeting on the ward before discharge (seed 002: "inläggande" when needed).
        var meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(1)) with { Place = "Hallands sjukhus, avd 12, dagrummet" };
        await w.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = nurse, Meeting = meeting }, Ct);
        s.Time.Advance(TimeSpan.FromHours(4));
        var summoned = await w.SendSummonsAsync(new SendSummons { CaseId = id, Actor = nurse }, Ct);

        summoned.Case.State.Should().Be(SipState.Summoned);
        var summons = summoned.Case.SummonsSent.Should().ContainSingle().Subject;
        summons.Called.Should().HaveCount(3);
        summons.Invited.Should().ContainSingle();
        summons.InterpreterLanguage.Should().Be("finska");
        summoned.Case.FirstSummonsSentAt.Should().BeBefore(readyAt.AddDays(3));
        SipDeadlines.Open(summoned.Case, w.Process.Policy).Should().Equal(
            [
                new SipDeadline(SipRequirements.DeadlineSummonsReplies, meeting.StartsAt),
                new SipDeadline(SipRequirements.DeadlinePlanDocumented, meeting.StartsAt + meeting.Duration + w.Process.Policy.PlanDocumentedWithin),
            ],
            "the summons went out in time; the parties' answers and the plan's documentation after the meeting are watched");

        s.Time.Advance(TimeSpan.FromDays(1));
        await w.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = id, Actor = nurse, MeetingId = meeting.Id,
            Attendance = [.. summoned.Case.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
        }, Ct);
        var followUpAt = s.Time.GetUtcNow().AddDays(30);
        var established = await w.EstablishPlanAsync(SipTestData.CompletePlan(id, followUpAt) with { Actor = nurse }, Ct);
        established.Case.State.Should().Be(SipState.PlanEstablished);
        established.Case.Plan!.Revision.Should().Be(1);
        established.Case.NextDeadline.Should().Be(followUpAt);

        // Nothing is overdue until the booked follow-up passes; then it surfaces.
        (await w.GetDueWorkAsync(s.Time.GetUtcNow(), cancellationToken: Ct)).Items.Should().BeEmpty();
        s.Time.Advance(TimeSpan.FromDays(31));
        var overdue = (await w.GetDueWorkAsync(s.Time.GetUtcNow(), cancellationToken: Ct)).Items.Should().ContainSingle().Subject;
        overdue.RequirementCode.Should().Be("DEADLINE-FOLLOW-UP");
        overdue.IsOverdue.Should().BeTrue();
        overdue.LeadPrincipal!.Principal.Should().Be(PrincipalKind.Municipality);

        await w.RecordFollowUpAsync(new RecordFollowUp
        {
            CaseId = id,
            Actor = nurse,
            FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Hemtjänsten fungerar; behöver även trygghetslarm.", InterventionsCarriedOut = true, InterventionsEffective = true, AnotherInterventionNeeded = true },
        }, Ct);
        var revised = await w.RevisePlanAsync(SipTestData.CompleteRevision(id, s.Time.GetUtcNow().AddDays(90)), Ct);
        revised.Case.Plan!.Revision.Should().Be(2);
        revised.Case.PlanRevisions.Should().HaveCount(2);

        s.Time.Advance(TimeSpan.FromDays(90));
        await w.RecordFollowUpAsync(new RecordFollowUp { CaseId = id, Actor = nurse, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Målen är nådda.", InterventionsCarriedOut = true, InterventionsEffective = true } }, Ct);
        var closed = await w.CloseCaseAsync(new CloseCase { CaseId = id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.CoordinationNoLongerNeeded }, Ct);

        closed.Case.State.Should().Be(SipState.Closed);
        closed.Case.NextDeadline.Should().BeNull();
        var history = await w.GetHistoryAsync(id, Ct);
        history.Should().HaveCount((int)closed.Case.Version);
        history.Select(e => e.EventType).Should().StartWith([SipEventTypes.CaseOpened, SipEventTypes.ConsentRecorded, SipEventTypes.PreparationStarted]).And.EndWith(SipEventTypes.CaseClosed);
        (await w.VerifyHistoryAsync(id, Ct)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task A_discharge_summons_not_sent_within_three_days_surfaces_as_overdue_work_with_its_legal_reference()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync(origin: CaseOrigin.InpatientDischarge(s.Time.GetUtcNow()));
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);

        // Noticed Monday 2 March 08:00 UTC: three calendar days end with Thursday 5 March, Swedish time.
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 5, 22, 59, 0, TimeSpan.Zero));
        (await s.Workflow.GetDueWorkAsync(s.Time.GetUtcNow(), cancellationToken: Ct)).Items.Should().BeEmpty();
        s.Time.Advance(TimeSpan.FromMinutes(2));

        var item = (await s.Workflow.GetDueWorkAsync(s.Time.GetUtcNow(), cancellationToken: Ct)).Items.Should().ContainSingle().Subject;
        item.RequirementCode.Should().Be("DEADLINE-DISCHARGE-SUMMONS");
        item.LegalReference.Should().Contain("2017:612");
        item.IsOverdue.Should().BeTrue();
    }
}
