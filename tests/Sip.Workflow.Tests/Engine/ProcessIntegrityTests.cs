using Sip.Workflow.InMemory;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>Rules that close ways around the process: guardians, meetings, lead principal, policies, dates, summons.</summary>
public sealed class ProcessIntegrityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_guardian_written_differently_does_not_count_as_the_second_guardian()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync(SipTestData.ChildWithTwoGuardians());
        await s.ConsentAsync(c.Id, ConsentScope.All, ConsentGiver.LegalGuardian, "vh-1");
        await s.ConsentAsync(c.Id, ConsentScope.All, ConsentGiver.LegalGuardian, " VH-1 ");

        await s.ExpectUnmetAsync(c.Id, "CONSENT-BOTH-GUARDIANS",
            () => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct));
        var stranger = () => s.ConsentAsync(c.Id, ConsentScope.All, ConsentGiver.LegalGuardian, "granne");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, stranger)).ParamName.Should().Be("GiverReference");
    }

    [Theory]
    [InlineData(ConsentGiver.Proxy)]
    [InlineData(ConsentGiver.Individual)]
    public async Task Only_the_legal_guardians_consent_for_a_child(ConsentGiver giver)
    {
        var s = new SipScenario();
        var c = await s.OpenAsync(SipTestData.ChildWithTwoGuardians());

        var act = () => s.ConsentAsync(c.Id, ConsentScope.All, giver, "ombud-1");

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, act)).ParamName.Should().Be("GivenBy");
    }

    [Fact]
    public async Task A_plan_is_not_established_before_its_meeting_is_held_nor_at_a_pre_meeting()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);
        var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2));

        await s.ExpectUnmetAsync(c.Id, "PLAN-MEETING-HELD", () => s.Workflow.EstablishPlanAsync(plan, Ct));
        (await s.Workflow.GetPermittedActionsAsync(c.Id, cancellationToken: Ct)).Single(a => a.Trigger == SipTrigger.EstablishPlan)
            .UnmetRequirements.Select(u => u.Code).Should().Contain("PLAN-MEETING-HELD", "the checklist shows the timing rule like every other");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = c.Id, Actor = s.Actor, MeetingId = c.PlanMeeting!.Id,
            Attendance = [new Attendance { ParticipantId = c.Participants[0].Id, Status = AttendanceStatus.Absent }],
        }, Ct))).Message.Should().Contain("has not been held yet");

        var pre = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddHours(1)) with { Purpose = MeetingPurpose.PreMeeting };
        await s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = pre }, Ct);
        s.Time.Advance(TimeSpan.FromDays(8));
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.EstablishPlanAsync(plan with { Plan = plan.Plan with { MeetingId = pre.Id } }, Ct)))
            .Message.Should().Contain("pre-meeting");

        (await s.Workflow.EstablishPlanAsync(plan, Ct)).Case.Plan!.MeetingId.Should().Be(c.PlanMeeting!.Id);
    }

    [Fact]
    public async Task The_lead_principal_must_be_a_called_unit_of_that_principal()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var police = new LeadPrincipal { Principal = PrincipalKind.Municipality, Organisation = new OrganisationReference { Name = "Polisen" } };
        var wrongSide = SipTestData.MunicipalLead with { Principal = PrincipalKind.Region };

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.AssignLeadPrincipalAsync(new AssignLeadPrincipal { CaseId = c.Id, Actor = s.Actor, LeadPrincipal = police }, Ct)))
            .Message.Should().Contain("Socialtjänsten Halmstad");
        await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.AssignLeadPrincipalAsync(new AssignLeadPrincipal { CaseId = c.Id, Actor = s.Actor, LeadPrincipal = wrongSide }, Ct));
        await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2)) with { LeadPrincipal = police }, Ct));
    }

    [Fact]
    public async Task The_summons_can_be_sent_again_after_rescheduling_and_for_a_follow_up_meeting()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);
        var moved = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(10));
        await s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = moved }, Ct);

        var again = await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);

        again.Case.State.Should().Be(SipState.Summoned);
        again.Case.SummonsSent.Select(x => x.MeetingId).Should().EndWith(moved.Id);
        again.Case.FirstSummonsSentAt.Should().Be(SipTestData.Start);

        s.Time.SetUtcNow(moved.StartsAt);
        var established = await s.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3)), Ct);
        await s.ExpectUnmetAsync(c.Id, "SUMMONS-MEETING", () => s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct));
        var followUpMeeting = SipTestData.FollowUpMeeting(s.Time.GetUtcNow().AddDays(20));
        await s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = followUpMeeting }, Ct);
        var summonedToFollowUp = await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);

        summonedToFollowUp.Case.State.Should().Be(SipState.PlanEstablished);
        summonedToFollowUp.Case.SummonsSent[^1].MeetingId.Should().Be(followUpMeeting.Id);
        established.Case.Version.Should().BeLessThan(summonedToFollowUp.Case.Version);
    }

    [Fact]
    public async Task A_summons_for_a_meeting_that_has_started_is_refused_and_the_checklist_says_so()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        s.Time.SetUtcNow(c.PlanMeeting!.StartsAt.AddMinutes(1));

        var refused = await s.ExpectUnmetAsync(c.Id, "SUMMONS-MEETING-AHEAD", () => s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct));
        refused.UnmetRequirements.Should().ContainSingle();
        (await s.Workflow.GetPermittedActionsAsync(c.Id, cancellationToken: Ct)).Single(a => a.Trigger == SipTrigger.SendSummons)
            .UnmetRequirements.Select(u => u.Code).Should().Equal("SUMMONS-MEETING-AHEAD");
    }

    [Fact]
    public async Task A_case_runs_under_the_policy_it_was_opened_under()
    {
        var store = new InMemorySipCaseStore();
        var halland = new SipScenario(SipPolicy.RegionHalland, store);
        var c = await halland.SummonedAsync();
        var time = halland.Time;

        var vgrOnly = new SipWorkflow(store, new SipWorkflowOptions { Policy = SipPolicy.VastraGotaland, Access = SipTestAccess.DefaultWithUnattributedReads }, time);
        var unknown = () => vgrOnly.GetPermittedActionsAsync(c.Id, cancellationToken: Ct);
        (await unknown.Should().ThrowAsync<SipUnknownPolicyException>()).WithMessage("*Region Halland*KnownPolicies*");

        var both = new SipWorkflowOptions { Policy = SipPolicy.VastraGotaland };
        both.KnownPolicies.Add(SipPolicy.RegionHalland);
        var engine = new SipWorkflow(store, both, time);
        var withoutCoordinator = SipTestData.CompletePlan(c.Id, time.GetUtcNow().AddMonths(2)) with { LeadPrincipal = SipTestData.MunicipalLead with { Coordinator = null } };
        var refused = await engine.Invoking(e => e.EstablishPlanAsync(withoutCoordinator, Ct)).Should().ThrowAsync<SipRequirementsNotMetException>();
        refused.Which.UnmetRequirements.Select(u => u.Code).Should().Equal("PLAN-COORDINATOR");
    }

    [Fact]
    public void Two_different_policies_with_one_name_are_refused()
    {
        var options = new SipWorkflowOptions { Policy = SipPolicy.RegionHalland with { Name = "Halland, Kungsbacka" } };
        options.KnownPolicies.Add(SipPolicy.NationalGuidance with { Name = "Halland, Kungsbacka" });

        options.Validate().Should().ContainSingle().Which.Should().Contain("names must be unique");
    }

    [Fact]
    public async Task An_unbooked_follow_up_surfaces_when_the_policy_sets_a_limit()
    {
        var s = new SipScenario(SipPolicy.NationalMinimum with { Name = "Uppföljning inom 180 dagar", FollowUpWithin = TimeSpan.FromDays(180) });
        var c = await s.SummonedAsync();
        var established = await s.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow()) with { FollowUpBooking = null }, Ct);

        established.Case.NextDeadline.Should().Be(s.Time.GetUtcNow().AddDays(180));
        SipDeadlines.Open(established.Case, SipPolicy.NationalMinimum).Should().BeEmpty("without the limit nothing watches an unbooked follow-up");
    }

    [Fact]
    public async Task Dates_far_outside_the_case_are_refused()
    {
        var s = new SipScenario();
        var open = () => s.Workflow.OpenCaseAsync(new OpenCase
        {
            Actor = s.Actor, Individual = SipTestData.Adult(), Origin = CaseOrigin.InpatientDischarge(new DateTimeOffset(1901, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            IdentifiedBy = PrincipalKind.Region,
        }, Ct);
        (await open.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithParameterName("ReadyForDischargeAt").WithMessage("*days ago*");

        var c = await s.PlanEstablishedAsync();
        var tooFar = () => s.Workflow.BookFollowUpAsync(new BookFollowUp
        {
            CaseId = c.Id, Actor = s.Actor, Booking = new FollowUpBooking { At = s.Time.GetUtcNow().AddYears(3), Place = "Digitalt" },
        }, Ct);
        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, tooFar)).Message.Should().Contain("days ahead");
        var beforePlan = () => s.Workflow.RecordFollowUpAsync(new RecordFollowUp { CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { Progress = "x", HeldAt = s.Time.GetUtcNow().AddDays(-1) } }, Ct);
        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, beforePlan)).ParamName.Should().Be("HeldAt");
    }
}
