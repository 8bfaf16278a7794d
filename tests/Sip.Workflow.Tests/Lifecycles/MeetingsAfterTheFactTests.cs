using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Lifecycles;

/// <summary>Meetings recorded after they were held: on the ward during the stay, a follow-up, or the whole SIP in one sitting.</summary>
public sealed class MeetingsAfterTheFactTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Attendance[] AllAttended(SipCase c)
        => [.. c.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })];

    private static async Task<SipCase> PreparedWithBothPrincipalsAsync(SipScenario s, CaseOrigin? origin = null)
    {
        var c = await s.ConsentedAsync(origin: origin);
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        return await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
    }

    [Fact]
    public async Task The_whole_SIP_in_one_sitting_is_recorded_after_the_meeting_and_the_plan_established_the_same_day()
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var prepared = await PreparedWithBothPrincipalsAsync(s);
        var heldAt = s.Time.GetUtcNow().AddHours(-2);
        var leader = new ContactPerson { Name = "Eva Berg", Title = "Sjuksköterska, vårdcentralen" };
        var meeting = SipTestData.PlanMeeting(heldAt) with
        {
            Attendance = AllAttended(prepared),
            Leader = leader,
            Documenter = new ContactPerson { Name = "Omar Said", Title = "Biståndshandläggare" },
            ExpectedContributions = [new ExpectedContribution { ParticipantId = prepared.Participants[0].Id, Contribution = "Bedömning av hemtjänst." }],
        };

        var held = await s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting { CaseId = prepared.Id, Actor = s.Actor, Meeting = meeting }, Ct);

        held.Event.FromState.Should().Be(SipState.Preparing);
        held.Case.State.Should().Be(SipState.Summoned, "the parties met: the meeting stands in for the summons");
        held.Case.PlanMeeting!.IsHeld.Should().BeTrue();
        held.Case.PlanMeeting.Leader.Should().Be(leader);
        held.Case.PlanMeeting.ExpectedContributions.Should().ContainSingle();
        held.Case.SummonsSent.Should().BeEmpty("no written summons went out");
        held.Event.Details["attended"].Should().Be("2");
        (await s.Workflow.GetPermittedActionsAsync(prepared.Id, cancellationToken: Ct)).Single(a => a.Trigger == SipTrigger.EstablishPlan)
            .UnmetRequirements.Select(u => u.Code).Should().NotContain("PLAN-MEETING-HELD", "the meeting has been held");

        var established = await s.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(prepared.Id, s.Time.GetUtcNow().AddMonths(3)), Ct);

        established.Case.State.Should().Be(SipState.PlanEstablished);
        established.Case.Plan!.MeetingId.Should().Be(meeting.Id);
        SipLegalReferences.SwedishDateOf(established.Case.PlanEstablishedAt!.Value).Should().Be(SipLegalReferences.SwedishDateOf(heldAt));
    }

    [Fact]
    public async Task A_meeting_held_on_the_ward_during_the_stay_is_recorded_after_the_fact_while_summoned()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);
        s.Time.Advance(TimeSpan.FromDays(2));
        var ward = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddHours(-3)) with { Place = "Avdelning 12, dagrummet", Attendance = AllAttended(c) };

        var held = await s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = ward }, Ct);

        held.Case.State.Should().Be(SipState.Summoned);
        held.Case.PlanMeeting!.Id.Should().Be(ward.Id, "the meeting held is now the plan meeting");
        var established = await s.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3)), Ct);
        established.Case.Plan!.MeetingId.Should().Be(ward.Id);
    }

    [Fact]
    public async Task A_follow_up_meeting_held_before_it_was_entered_is_recorded_and_a_called_principal_absent_is_a_deviation()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        s.Time.Advance(TimeSpan.FromDays(30));
        var followUp = SipTestData.FollowUpMeeting(s.Time.GetUtcNow().AddDays(-1)) with
        {
            Attendance =
            [
                new Attendance { ParticipantId = c.Participants[0].Id, Status = AttendanceStatus.Attended },
                new Attendance { ParticipantId = c.Participants[1].Id, Status = AttendanceStatus.Absent },
            ],
        };

        var held = await s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = followUp }, Ct);

        held.Case.State.Should().Be(SipState.PlanEstablished);
        held.Case.Deviations.Should().ContainSingle().Which.Kind.Should().Be(DeviationKind.CalledPrincipalAbsent);
    }

    [Fact]
    public async Task A_meeting_after_the_fact_lies_in_the_past_is_the_SIP_meeting_before_the_summons_and_names_only_participants()
    {
        var s = new SipScenario();
        var c = await PreparedWithBothPrincipalsAsync(s);
        Task Record(Meeting m) => s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = m }, Ct);
        var past = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddHours(-1)) with { Attendance = AllAttended(c) };

        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => Record(past with { StartsAt = s.Time.GetUtcNow().AddDays(1) })))
            .ParamName.Should().Be("Meeting.StartsAt");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Record(past with { Purpose = MeetingPurpose.PreMeeting })))
            .ParamName.Should().Be("Meeting.Purpose");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Record(past with { Attendance = [] })))
            .ParamName.Should().Be("Meeting.Attendance");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Record(past with
        {
            ExpectedContributions = [new ExpectedContribution { ParticipantId = ParticipantId.New(), Contribution = "x" }],
        }))).ParamName.Should().Be("Meeting.ExpectedContributions");
    }

    [Fact]
    public async Task A_meeting_after_the_fact_needs_both_principals_and_discloses_only_to_parties_the_consent_covers()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        var one = await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await s.ExpectUnmetAsync(c.Id, "SUMMONS-BOTH-PRINCIPALS", () => s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting
        {
            CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddHours(-1)) with { Attendance = AllAttended(one) },
        }, Ct));

        await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        var withSchool = await s.AddAsync(c.Id, ParticipantKind.School, SipTestData.SchoolUnit);
        await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual, Party = SipTestData.SchoolUnit }, Ct);

        var refused = await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting
        {
            CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddHours(-1)) with { Attendance = AllAttended(withSchool) },
        }, Ct));
        refused.ParamName.Should().Be("Meeting.Attendance");
        refused.Message.Should().Contain("no longer takes part");
    }

    [Fact]
    public async Task Attendance_added_later_is_held_to_the_same_consent_and_a_meeting_with_everyone_absent_was_not_held()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        var all = await s.AddAsync(c.Id, ParticipantKind.School, SipTestData.SchoolUnit);
        var absent = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddHours(-1)) with
        {
            Attendance = [.. all.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Absent })],
        };
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = absent }, Ct)))
            .Message.Should().Contain("no one as attending");

        var principals = all.Participants.Where(p => p.Role == ParticipationRole.Called).ToList();
        var held = await s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting
        {
            CaseId = c.Id, Actor = s.Actor,
            Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddHours(-1)) with
            {
                Attendance = [.. principals.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
            },
        }, Ct);

        // The school's cover is withdrawn; adding it to the meeting's attendance afterwards is refused like any disclosure to it.
        await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual, Party = SipTestData.SchoolUnit }, Ct);
        var school = all.Participants.Single(p => p.Kind == ParticipantKind.School);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = c.Id, Actor = s.Actor, MeetingId = held.Case.PlanMeeting!.Id,
            Attendance = [new Attendance { ParticipantId = school.Id, Status = AttendanceStatus.Attended }],
        }, Ct))).Message.Should().Contain("no longer takes part");
    }

    [Fact]
    public async Task A_meeting_after_the_fact_is_not_dated_before_the_consent_and_a_meeting_on_the_ward_meets_the_discharge_summons_deadline()
    {
        var s = new SipScenario();
        var notice = s.Time.GetUtcNow();
        var c = await PreparedWithBothPrincipalsAsync(s, CaseOrigin.InpatientDischarge(notice));
        SipDeadlines.Open(c, SipPolicy.NationalGuidance).Should().Contain(d => d.Requirement == SipRequirements.DeadlineDischargeSummons);
        var attended = AllAttended(c);

        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting
        {
            CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(-2)) with { Attendance = attended },
        }, Ct))).Message.Should().Contain("before the consent");

        s.Time.Advance(TimeSpan.FromDays(1));
        var held = (await s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting
        {
            CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddHours(-2)) with { Place = "Avdelning 12", Attendance = attended },
        }, Ct)).Case;

        SipDeadlines.Open(held, SipPolicy.NationalGuidance).Should().NotContain(d => d.Requirement == SipRequirements.DeadlineDischargeSummons,
            "the SIP meeting held on the ward after the notice did what the summons is for");
    }
}
