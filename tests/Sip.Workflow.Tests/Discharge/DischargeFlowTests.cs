using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Discharge;

/// <summary>
/// Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård as it runs: a case opened on the admission
/// notice, the fixed care contact in outpatient care, a ready-for-discharge notice recorded, revoked and renewed, the
/// summons deadline in Swedish calendar days moved off weekends and holidays (lag (1930:173) 2 §), the discharge; and a
/// re-admission of a person who already has a plan (seed 002).
/// </summary>
public sealed class DischargeFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Utc(int month, int day, int hour = 8, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static async Task<IReadOnlyList<SipDeadline>> DueAsync(SipScenario s, SipCaseId id)
        => (await s.Workflow.GetDueWorkAsync(Utc(12, 31), cancellationToken: Ct)).Items.SingleOrDefault(i => i.CaseId == id)?.OpenDeadlines ?? [];

    private static async Task<DateTimeOffset?> SummonsDueAsync(SipScenario s, SipCaseId id)
        => (await DueAsync(s, id)).SingleOrDefault(d => d.Requirement.Code == "DEADLINE-DISCHARGE-SUMMONS")?.DueAt;

    [Fact]
    public async Task A_discharge_with_a_revoked_and_a_renewed_notice_keeps_the_summons_deadline_on_the_standing_notice_over_easter_and_a_weekend()
    {
        var s = new SipScenario();
        s.Time.SetUtcNow(Utc(3, 30));
        var w = s.Workflow;

        // Opened on the admission notice (Monday 30 March 2026), before anyone is ready for discharge: no summons deadline yet.
        var c = (await w.OpenCaseAsync(new OpenCase
        {
            Actor = s.Actor, Individual = SipTestData.Adult(), Origin = CaseOrigin.InpatientAdmission(Utc(3, 30, 6)), IdentifiedBy = PrincipalKind.Region,
        }, Ct)).Case;
        c.CurrentDischarge!.AdmittedAt.Should().Be(Utc(3, 30, 6));
        (await SummonsDueAsync(s, c.Id)).Should().BeNull();
        await s.ConsentAsync(c.Id);

        var appointed = await w.AppointFixedCareContactAsync(new AppointFixedCareContact { CaseId = c.Id, Actor = s.Actor, FixedCareContact = SipTestData.FixedCareContactAtPrimaryCare }, Ct);
        appointed.Case.CurrentDischarge!.FixedCareContact!.Unit.Should().Be(SipTestData.PrimaryCareUnit);
        appointed.Case.CurrentDischarge.FixedCareContact.AppointedAt.Should().Be(Utc(3, 30));

        // Ready on Tuesday 31 March: day 3 is Good Friday; the time limit ends on the next weekday, Tuesday 7 April
        // (Easter Monday is a holiday too) — due when Wednesday 8 April begins in Sweden (summer time).
        s.Time.SetUtcNow(Utc(3, 31, 10));
        await w.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = c.Id, Actor = s.Actor, NotifiedAt = Utc(3, 31, 9) }, Ct);
        (await SummonsDueAsync(s, c.Id)).Should().Be(Utc(4, 7, 22));

        // Revoked: the deadline goes.
        s.Time.SetUtcNow(Utc(4, 1));
        var revoked = await w.RevokeReadyForDischargeAsync(new RevokeReadyForDischarge { CaseId = c.Id, Actor = s.Actor }, Ct);
        revoked.Case.CurrentDischarge!.StandingNotice.Should().BeNull();
        (await SummonsDueAsync(s, c.Id)).Should().BeNull();
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => w.RevokeReadyForDischargeAsync(new RevokeReadyForDischarge { CaseId = c.Id, Actor = s.Actor }, Ct)))
            .Message.Should().Contain("nothing to revoke");

        // Renewed on Thursday 9 April: day 3 is Sunday 12 April, so the limit ends on Monday 13 April.
        s.Time.SetUtcNow(Utc(4, 9));
        var renewed = await w.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = c.Id, Actor = s.Actor, NotifiedAt = Utc(4, 9) }, Ct);
        renewed.Event.Details.Should().Contain("renewed", "true");
        renewed.Case.CurrentDischarge!.ReadyNotices.Should().HaveCount(2);
        (await SummonsDueAsync(s, c.Id)).Should().Be(Utc(4, 13, 22));
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => w.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = c.Id, Actor = s.Actor, NotifiedAt = Utc(4, 9) }, Ct))).Message.Should().Contain("revoke it");

        // Not yet summoned late on Monday 13 April: overdue only once Tuesday begins.
        s.Time.SetUtcNow(Utc(4, 13, 21));
        (await w.GetDueWorkAsync(s.Time.GetUtcNow(), cancellationToken: Ct)).Items.Should().NotContain(i => i.CaseId == c.Id && i.Deadline.Requirement.Code == "DEADLINE-DISCHARGE-SUMMONS");

        // The summons clears it; the discharge and the transfer of information are recorded on the same day.
        await w.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        await s.AddAsync(c.Id, ParticipantKind.MunicipalHealthCare, SipTestData.HomeCareUnit);
        await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        await w.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(Utc(4, 16)) }, Ct);
        await w.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);
        (await SummonsDueAsync(s, c.Id)).Should().BeNull();

        s.Time.SetUtcNow(Utc(4, 14, 12));
        var discharged = await w.RecordDischargeAsync(new RecordDischarge { CaseId = c.Id, Actor = s.Actor, DischargedAt = Utc(4, 14, 10), InformationTransferredAt = Utc(4, 14, 11) }, Ct);
        discharged.Case.CurrentDischarge!.IsDischarged.Should().BeTrue();
        discharged.Event.Details.Should().Contain("informationTransferredByDischargeDay", "true");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => w.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = c.Id, Actor = s.Actor, NotifiedAt = Utc(4, 14, 12) }, Ct)))
            .Message.Should().Contain("RecordAdmission");
    }

    [Fact]
    public async Task Information_not_transferred_with_the_discharge_is_due_by_the_end_of_the_Swedish_discharge_day()
    {
        var s = new SipScenario();
        s.Time.SetUtcNow(Utc(4, 14, 8));
        var w = s.Workflow;
        var c = (await w.OpenCaseAsync(new OpenCase
        {
            Actor = s.Actor, Individual = SipTestData.Adult(), Origin = CaseOrigin.InpatientDischarge(Utc(4, 14, 7)), IdentifiedBy = PrincipalKind.Region,
        }, Ct)).Case;
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => w.RecordInformationTransferAsync(new RecordInformationTransfer { CaseId = c.Id, Actor = s.Actor }, Ct)))
            .Message.Should().Contain("RecordDischarge");

        // Discharged at 21:30 UTC on 14 April: 23:30 Swedish summer time, so the day ends half an hour later.
        s.Time.SetUtcNow(Utc(4, 14, 21, 45));
        var discharged = (await w.RecordDischargeAsync(new RecordDischarge { CaseId = c.Id, Actor = s.Actor, DischargedAt = Utc(4, 14, 21, 30) }, Ct)).Case;
        (await DueAsync(s, c.Id)).Should().Contain(new SipDeadline(SipRequirements.DeadlineDischargeInformation, Utc(4, 14, 22)));
        discharged.NextDeadline.Should().Be(Utc(4, 14, 22), "it falls before the summons deadline of the morning's notice");

        s.Time.SetUtcNow(Utc(4, 15, 7));
        var late = await w.RecordInformationTransferAsync(new RecordInformationTransfer { CaseId = c.Id, Actor = s.Actor }, Ct);
        late.Case.CurrentDischarge!.InformationTransferredAt.Should().Be(Utc(4, 15, 7));
        late.Event.Details.Should().Contain("informationTransferredByDischargeDay", "false");
        (await DueAsync(s, c.Id)).Should().NotContain(d => d.Requirement == SipRequirements.DeadlineDischargeInformation);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => w.RecordInformationTransferAsync(new RecordInformationTransfer { CaseId = c.Id, Actor = s.Actor }, Ct)))
            .Message.Should().Contain("already recorded");
    }

    [Fact]
    public async Task A_new_admission_does_not_hide_a_transfer_still_missing_from_the_last_discharge()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync(origin: CaseOrigin.InpatientAdmission(s.Time.GetUtcNow().AddDays(-3)));
        await s.Workflow.RecordDischargeAsync(new RecordDischarge { CaseId = c.Id, Actor = s.Actor, DischargedAt = s.Time.GetUtcNow() }, Ct);
        s.Time.Advance(TimeSpan.FromDays(2));

        var readmitted = (await s.Workflow.RecordAdmissionAsync(new RecordAdmission { CaseId = c.Id, Actor = s.Actor, AdmittedAt = s.Time.GetUtcNow() }, Ct)).Case;
        SipDeadlines.Open(readmitted, SipPolicy.NationalGuidance).Should().Contain(d => d.Requirement == SipRequirements.DeadlineDischargeInformation);

        var recorded = (await s.Workflow.RecordInformationTransferAsync(new RecordInformationTransfer
        {
            CaseId = c.Id, Actor = s.Actor, TransferredAt = s.Time.GetUtcNow().AddDays(-1),
        }, Ct)).Case;
        recorded.DischargeEpisodes[0].InformationTransferredAt.Should().Be(s.Time.GetUtcNow().AddDays(-1));
        recorded.DischargeEpisodes[1].InformationTransferredAt.Should().BeNull();
        SipDeadlines.Open(recorded, SipPolicy.NationalGuidance).Should().NotContain(d => d.Requirement == SipRequirements.DeadlineDischargeInformation);
    }

    [Fact]
    public void Without_the_weekday_rule_the_limit_ends_on_the_third_calendar_day_whatever_it_is()
    {
        var policy = SipPolicy.NationalGuidance with { Name = "Utan helgregel", DeadlinesMoveToNextWeekday = false };

        SipDeadlines.DischargeSummonsDue(Utc(3, 31, 9), policy).Should().Be(Utc(4, 3, 22), "Good Friday ends at midnight Swedish summer time");
        SipDeadlines.DischargeSummonsDue(Utc(3, 31, 9), SipPolicy.NationalGuidance).Should().Be(Utc(4, 7, 22));

        // A notice late in the Swedish evening belongs to the next Swedish day: 23:30 UTC on 1 March is 00:30 on 2 March.
        SipDeadlines.DischargeSummonsDue(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero), policy).Should().Be(new DateTimeOffset(2026, 3, 5, 23, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_discharge_summons_limit_is_counted_in_whole_days()
    {
        (SipPolicy.NationalGuidance with { DischargeSummonsWithin = TimeSpan.FromHours(60) }).Validate().Should().ContainSingle().Which.Should().Contain("whole calendar days");
        (SipPolicy.NationalGuidance with { DischargeSummonsWithin = TimeSpan.FromDays(2) }).Validate().Should().BeEmpty();
    }

    [Fact]
    public async Task Discharge_steps_without_a_stay_or_a_second_admission_during_a_stay_are_refused_with_nothing_changed()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = c.Id, Actor = s.Actor, NotifiedAt = s.Time.GetUtcNow() }, Ct)))
            .Message.Should().Contain("record the admission");

        await s.Workflow.RecordAdmissionAsync(new RecordAdmission { CaseId = c.Id, Actor = s.Actor, AdmittedAt = s.Time.GetUtcNow() }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.RecordAdmissionAsync(new RecordAdmission { CaseId = c.Id, Actor = s.Actor, AdmittedAt = s.Time.GetUtcNow() }, Ct)))
            .Message.Should().Contain("has not ended");
        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id,
            () => s.Workflow.RecordDischargeAsync(new RecordDischarge { CaseId = c.Id, Actor = s.Actor, DischargedAt = s.Time.GetUtcNow().AddDays(-1) }, Ct)))
            .ParamName.Should().Be("DischargedAt");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.OpenCaseAsync(new OpenCase { Actor = s.Actor, Individual = SipTestData.Adult(), Origin = new CaseOrigin { Kind = OriginKind.InpatientDischarge }, IdentifiedBy = PrincipalKind.Region }, Ct)))
            .Message.Should().Contain("AdmittedAt");
    }

    [Fact]
    public async Task A_re_admission_of_a_person_with_an_established_plan_is_followed_up_by_revising_the_plan()
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var c = await s.PlanEstablishedAsync();
        s.Time.Advance(TimeSpan.FromDays(20));
        var admittedAt = s.Time.GetUtcNow();

        var admitted = await s.Workflow.RecordAdmissionAsync(new RecordAdmission { CaseId = c.Id, Actor = s.Actor, AdmittedAt = admittedAt }, Ct);

        admitted.Event.Details.Should().Contain("planEstablished", "true");
        (await DueAsync(s, c.Id)).Should().Contain(d => d.Requirement.Code == "DEADLINE-FOLLOW-UP-AFTER-ADMISSION" && d.DueAt == admittedAt + SipPolicy.VastraGotaland.StartWithin);

        await s.Workflow.RecordFollowUpAsync(new RecordFollowUp { CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Inlagd efter fall." } }, Ct);
        await s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(c.Id, s.Time.GetUtcNow().AddMonths(2)), Ct);

        (await DueAsync(s, c.Id)).Should().NotContain(d => d.Requirement.Code == "DEADLINE-FOLLOW-UP-AFTER-ADMISSION");
    }

    [Fact]
    public async Task A_re_admission_of_a_person_with_an_established_plan_is_followed_up_by_closing_and_restarting()
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var c = await s.FollowedUpAsync();
        await s.Workflow.RecordAdmissionAsync(new RecordAdmission { CaseId = c.Id, Actor = s.Actor, AdmittedAt = s.Time.GetUtcNow() }, Ct);
        (await DueAsync(s, c.Id)).Should().Contain(d => d.Requirement.Code == "DEADLINE-FOLLOW-UP-AFTER-ADMISSION");

        var closed = await s.Workflow.CloseAndRestartAsync(new CloseAndRestart { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker }, Ct);

        closed.Case.State.Should().Be(SipState.Closed);
        (await DueAsync(s, c.Id)).Should().ContainSingle("only each principal's closing note is left")
            .Which.Requirement.Code.Should().Be("DEADLINE-CLOSING-DOCUMENTED");
    }

    [Fact]
    public async Task An_admission_before_any_plan_is_no_follow_up_and_the_rule_is_off_outside_its_policy()
    {
        var vgr = new SipScenario(SipPolicy.VastraGotaland);
        var early = await vgr.ConsentedAsync();
        await vgr.Workflow.RecordAdmissionAsync(new RecordAdmission { CaseId = early.Id, Actor = vgr.Actor, AdmittedAt = vgr.Time.GetUtcNow() }, Ct);
        (await DueAsync(vgr, early.Id)).Should().NotContain(d => d.Requirement.Code == "DEADLINE-FOLLOW-UP-AFTER-ADMISSION");

        var national = new SipScenario();
        var c = await national.PlanEstablishedAsync();
        await national.Workflow.RecordAdmissionAsync(new RecordAdmission { CaseId = c.Id, Actor = national.Actor, AdmittedAt = national.Time.GetUtcNow() }, Ct);
        (await DueAsync(national, c.Id)).Should().NotContain(d => d.Requirement.Code == "DEADLINE-FOLLOW-UP-AFTER-ADMISSION");
    }
}
