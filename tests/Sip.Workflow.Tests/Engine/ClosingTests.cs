using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

public sealed class ClosingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<SipState> OpenStates() =>
        [SipState.NeedIdentified, SipState.Preparing, SipState.Summoned, SipState.PlanEstablished, SipState.FollowUp];

    [Theory]
    [MemberData(nameof(OpenStates))]
    public async Task Withdrawing_consent_in_any_open_state_ends_the_case(SipState state)
    {
        var s = new SipScenario();
        var c = await s.InStateAsync(state);
        c.State.Should().Be(state);

        var result = await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual, Note = "Vill inte längre." }, Ct);

        result.Case.State.Should().Be(SipState.Closed);
        result.Case.Closure!.Reason.Should().Be(ClosureReason.ConsentWithdrawn);
        result.Case.Consents.Should().OnlyContain(x => !x.IsActive);
        result.Case.NextDeadline.Should().BeNull();
        result.Event.FromState.Should().Be(state);
        result.Event.ToState.Should().Be(SipState.Closed);
    }

    [Fact]
    public async Task Withdrawing_when_no_consent_stands_is_refused_and_points_to_declining()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();

        var thrown = await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual }, Ct));

        thrown.Message.Should().Contain("DeclineOffer");
    }

    public static TheoryData<SipTrigger> AllTriggers() => [.. Enum.GetValues<SipTrigger>()];

    [Theory]
    [MemberData(nameof(AllTriggers))]
    public void A_closed_case_has_no_step_at_all(SipTrigger trigger)
    {
        var process = new SipProcess(SipPolicy.VastraGotaland);

        process.TriggersIn(SipState.Closed).Should().NotContain(trigger);
    }

    [Fact]
    public async Task Every_command_on_a_closed_case_is_refused_saying_a_new_case_is_needed_and_changes_nothing()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual }, Ct);
        var w = s.Workflow;
        var a = s.Actor;
        var id = c.Id;
        var participant = c.Participants[0].Id;
        Func<Task>[] commands =
        [
            () => s.ConsentAsync(id),
            () => w.WithdrawConsentAsync(new WithdrawConsent { CaseId = id, Actor = a, WithdrawnBy = ConsentGiver.Individual }, Ct),
            () => w.DeclineOfferAsync(new DeclineOffer { CaseId = id, Actor = a }, Ct),
            () => w.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = a }, Ct),
            () => s.AddAsync(id, ParticipantKind.Police, new OrganisationReference { Name = "Polisen" }),
            () => w.ChangeParticipantAsync(new ChangeParticipant { CaseId = id, Actor = a, ParticipantId = participant, HasMandateToDecide = false }, Ct),
            () => w.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = a, Meeting = SipTestData.FollowUpMeeting(s.Time.GetUtcNow().AddDays(1)) }, Ct),
            () => w.SendSummonsAsync(new SendSummons { CaseId = id, Actor = a }, Ct),
            () => w.ForwardSummonsAsync(new ForwardSummons { CaseId = id, Actor = a, From = participant, To = new Participant { Organisation = SipTestData.HomeCareUnit, Kind = ParticipantKind.MunicipalHealthCare } }, Ct),
            () => w.RecordAttendanceAsync(new RecordAttendance { CaseId = id, Actor = a, MeetingId = c.Meetings[0].Id, Attendance = [new Attendance { ParticipantId = participant, Status = AttendanceStatus.Attended }] }, Ct),
            () => w.AssignLeadPrincipalAsync(new AssignLeadPrincipal { CaseId = id, Actor = a, LeadPrincipal = SipTestData.MunicipalLead }, Ct),
            () => w.BookFollowUpAsync(new BookFollowUp { CaseId = id, Actor = a, Booking = new FollowUpBooking { At = s.Time.GetUtcNow().AddDays(9), Place = "Digitalt" } }, Ct),
            () => w.EstablishPlanAsync(SipTestData.CompletePlan(id, s.Time.GetUtcNow().AddDays(9)), Ct),
            () => w.RecordFollowUpAsync(new RecordFollowUp { CaseId = id, Actor = a, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "x" } }, Ct),
            () => w.RevisePlanAsync(SipTestData.CompleteRevision(id, s.Time.GetUtcNow().AddDays(9)), Ct),
            () => w.CloseCaseAsync(new CloseCase { CaseId = id, Actor = a, Reason = ClosureReason.NoNewNeedsExpected }, Ct),
            () => w.CloseAndRestartAsync(new CloseAndRestart { CaseId = id, Actor = a }, Ct),
            () => w.RecordDeviationAsync(new RecordDeviation { CaseId = id, Actor = a, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "x" } }, Ct),
            () => w.ChangeIndividualAsync(new ChangeIndividual { CaseId = id, Actor = a, HasProtectedIdentity = true }, Ct),
            () => w.RecordAdmissionAsync(new RecordAdmission { CaseId = id, Actor = a, AdmittedAt = s.Time.GetUtcNow() }, Ct),
            () => w.AppointFixedCareContactAsync(new AppointFixedCareContact { CaseId = id, Actor = a, FixedCareContact = SipTestData.FixedCareContactAtPrimaryCare }, Ct),
            () => w.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = id, Actor = a, NotifiedAt = s.Time.GetUtcNow() }, Ct),
            () => w.RevokeReadyForDischargeAsync(new RevokeReadyForDischarge { CaseId = id, Actor = a }, Ct),
            () => w.RecordDischargeAsync(new RecordDischarge { CaseId = id, Actor = a, DischargedAt = s.Time.GetUtcNow() }, Ct),
        ];
        commands.Should().HaveCount(Enum.GetValues<SipTrigger>().Length, "every step is tried");

        foreach (var command in commands)
        {
            var thrown = await s.ExpectRefusedAsync<SipInvalidStateException>(id, command);
            thrown.State.Should().Be(SipState.Closed);
            thrown.Message.Should().Contain("nytt ärende med nytt samtycke");
        }
    }

    [Fact]
    public async Task Close_and_restart_opens_nothing_and_a_restart_must_name_a_closed_case_of_the_same_individual()
    {
        var s = new SipScenario();
        var c = await s.FollowedUpAsync();
        var open = await s.OpenAsync();

        var toOpen = () => s.Workflow.OpenCaseAsync(new OpenCase
        {
            Actor = s.Actor, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region, PreviousCaseId = open.Id,
        }, Ct);
        (await toOpen.Should().ThrowAsync<ArgumentException>()).WithParameterName("PreviousCaseId").WithMessage("*still open*");

        var countBefore = ((Sip.Workflow.InMemory.InMemorySipCaseStore)s.Store).Count;
        await s.Workflow.CloseAndRestartAsync(new CloseAndRestart { CaseId = c.Id, Actor = s.Actor }, Ct);
        ((Sip.Workflow.InMemory.InMemorySipCaseStore)s.Store).Count.Should().Be(countBefore, "close-and-restart opens no case by itself");

        var otherPerson = () => s.Workflow.OpenCaseAsync(new OpenCase
        {
            Actor = s.Actor, Individual = SipTestData.Adult("someone-else"), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region, PreviousCaseId = c.Id,
        }, Ct);
        (await otherPerson.Should().ThrowAsync<ArgumentException>()).WithMessage("*another individual*");
    }

    [Fact]
    public async Task Closing_an_established_plan_needs_a_follow_up_first()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();

        var thrown = await s.ExpectRefusedAsync<SipInvalidStateException>(c.Id,
            () => s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = s.Actor, Reason = ClosureReason.CoordinationNoLongerNeeded }, Ct));

        thrown.PermittedTriggers.Should().Contain(SipTrigger.RecordFollowUp).And.NotContain(SipTrigger.CloseCase);
    }

    [Theory]
    [InlineData(ClosureReason.ConsentWithdrawn, "WithdrawConsent")]
    [InlineData(ClosureReason.OfferDeclined, "DeclineOffer")]
    [InlineData(ClosureReason.LongTermGoalChanged, "CloseAndRestart")]
    public async Task Close_refuses_reasons_that_have_their_own_command(ClosureReason reason, string command)
    {
        var s = new SipScenario();
        var c = await s.FollowedUpAsync();

        var thrown = await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = s.Actor, Reason = reason }, Ct));

        thrown.ParamName.Should().Be("Reason");
        thrown.Message.Should().Contain(command);
    }
}
