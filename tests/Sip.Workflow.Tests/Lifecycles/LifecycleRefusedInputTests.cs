using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Lifecycles;

/// <summary>Lifecycle inputs the other suites leave untested: each refused with the argument named, and nothing stored.</summary>
public sealed class LifecycleRefusedInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_intervention_answering_a_need_the_plan_does_not_list_is_refused()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3));
        var stray = plan with { Plan = plan.Plan with { Interventions = [plan.Plan.Interventions[0] with { NeedId = NeedId.New() }, .. plan.Plan.Interventions.Skip(1)] } };

        var refused = await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.EstablishPlanAsync(stray, Ct));

        refused.ParamName.Should().Be("Interventions");
        refused.Message.Should().Contain("not among this plan's needs");
    }

    [Fact]
    public async Task A_decline_naming_someone_who_comes_is_refused_pointing_to_a_substitute()
    {
        var s = new SipScenario();
        var ready = await s.ReadyToSummonAsync();
        var c = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = ready.Id, Actor = s.Actor }, Ct)).Case;

        var refused = await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply
        {
            CaseId = c.Id, Actor = s.Actor,
            Reply = new SummonsReply
            {
                MeetingId = c.PlanMeeting!.Id, ParticipantId = c.Participants[0].Id, Answer = SummonsAnswer.Declined, Reason = "Sjuk.",
                Attendee = new ContactPerson { Name = "Per Ek" },
            },
        }, Ct));

        refused.ParamName.Should().Be("Reply.Attendee");
        refused.Message.Should().Contain("SubstituteNamed");
    }

    [Fact]
    public async Task A_held_meeting_already_on_the_case_or_naming_a_party_that_left_is_refused()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var attended = c.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended }).ToArray();

        var again = await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting
        {
            CaseId = c.Id, Actor = s.Actor, Meeting = c.PlanMeeting! with { Attendance = attended },
        }, Ct));
        again.ParamName.Should().Be("Meeting.Id");
        again.Message.Should().Contain("RecordAttendance");

        var from = c.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);
        await s.Workflow.ForwardSummonsAsync(new ForwardSummons
        {
            CaseId = c.Id, Actor = s.Actor, From = from.Id,
            To = new Participant { Kind = ParticipantKind.MunicipalHealthCare, Organisation = SipTestData.HomeCareUnit, HasMandateToDecide = true },
        }, Ct);
        var left = await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordHeldMeetingAsync(new RecordHeldMeeting
        {
            CaseId = c.Id, Actor = s.Actor,
            Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddHours(-1)) with
            {
                Attendance = attended,
                ExpectedContributions = [new ExpectedContribution { ParticipantId = from.Id, Contribution = "Hemtjänst." }],
            },
        }, Ct));
        left.ParamName.Should().Be("Meeting.ExpectedContributions");
        left.Message.Should().Contain("still taking part");
    }

    [Fact]
    public async Task An_information_transfer_dated_before_the_admission_is_refused()
    {
        var s = new SipScenario();
        var admitted = s.Time.GetUtcNow().AddDays(-3);
        var c = await s.OpenAsync(origin: CaseOrigin.InpatientAdmission(admitted));
        await s.Workflow.RecordDischargeAsync(new RecordDischarge { CaseId = c.Id, Actor = s.Actor, DischargedAt = s.Time.GetUtcNow() }, Ct);

        var refused = await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => s.Workflow.RecordInformationTransferAsync(new RecordInformationTransfer
        {
            CaseId = c.Id, Actor = s.Actor, TransferredAt = admitted.AddHours(-1),
        }, Ct));

        refused.ParamName.Should().Be("TransferredAt");
        refused.Message.Should().Contain("before the admission");
    }

    [Fact]
    public async Task A_status_change_before_the_plan_is_established_is_a_step_that_does_not_exist_yet()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var change = new UpdateInterventionStatus
        {
            CaseId = c.Id, Actor = s.Actor, Change = new InterventionStatusChange { InterventionId = InterventionId.New(), Status = InterventionStatus.Ongoing },
        };

        (await s.ExpectRefusedAsync<SipInvalidStateException>(c.Id, () => s.Workflow.UpdateInterventionStatusAsync(change, Ct)))
            .PermittedTriggers.Should().Contain(SipTrigger.EstablishPlan);
    }
}
