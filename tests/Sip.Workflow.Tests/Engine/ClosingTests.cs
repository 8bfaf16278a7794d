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
    public void A_closed_case_has_no_step_but_each_principal_documenting_the_closing(SipTrigger trigger)
    {
        var process = new SipProcess(SipPolicy.VastraGotaland);

        if (trigger == SipTrigger.DocumentClosing)
        {
            process.TriggersIn(SipState.Closed).Should().Equal(SipTrigger.DocumentClosing);
        }
        else
        {
            process.TriggersIn(SipState.Closed).Should().NotContain(trigger);
        }
    }

    [Fact]
    public async Task Every_command_but_documenting_the_closing_is_refused_on_a_closed_case_saying_a_new_case_is_needed_and_changes_nothing()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual }, Ct);
        var w = s.Workflow;
        var a = SipTestData.LeadUnitWorker; // The lead unit may take every step: each is refused for the state alone.
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
            () => w.ConfirmPlanUnchangedAsync(new ConfirmPlanUnchanged { CaseId = id, Actor = a, NextFollowUp = new FollowUpBooking { At = s.Time.GetUtcNow().AddDays(9), Place = "Digitalt" } }, Ct),
            () => w.RecordSituationChangeAsync(new RecordSituationChange { CaseId = id, Actor = a, Change = new SituationChange { OccurredAt = s.Time.GetUtcNow(), Description = "x" } }, Ct),
            () => w.RecordHeldMeetingAsync(new RecordHeldMeeting { CaseId = id, Actor = a, Meeting = SipTestData.FollowUpMeeting(s.Time.GetUtcNow()) with { Attendance = [new Attendance { ParticipantId = participant, Status = AttendanceStatus.Attended }] } }, Ct),
            () => w.RecordSummonsReplyAsync(new RecordSummonsReply { CaseId = id, Actor = a, Reply = new SummonsReply { MeetingId = c.Meetings[0].Id, ParticipantId = participant, Answer = SummonsAnswer.Declined, Reason = "x" } }, Ct),
            () => w.UpdateInterventionStatusAsync(new UpdateInterventionStatus { CaseId = id, Actor = a, Change = new InterventionStatusChange { InterventionId = c.Plan!.Interventions[0].Id, Status = InterventionStatus.Ongoing } }, Ct),
            () => w.RecordInformationTransferAsync(new RecordInformationTransfer { CaseId = id, Actor = a }, Ct),
            () => w.DeclineToStartAsync(new DeclineToStart { CaseId = id, Actor = a, Reason = "Inget behov av samordning." }, Ct),
            () => w.RecordPlanDistributedAsync(new RecordPlanDistributed { CaseId = id, Actor = a, Distribution = new PlanDistribution { Revision = 1, Recipient = PlanRecipientKind.Individual, Channel = PlanDistributionChannel.Post, DistributedAt = s.Time.GetUtcNow() } }, Ct),
            () => w.ApprovePlanForIndividualAsync(new ApprovePlanForIndividual { CaseId = id, Actor = a, Revision = 1 }, Ct),
            () => w.LinkExternalCaseAsync(new LinkExternalCase { CaseId = id, Actor = a, Reference = new ExternalCaseReference { System = "Treserva", CaseId = "x", Organisation = SipTestData.SocialServicesUnit } }, Ct),
            () => w.RecordSummonsDeliveryAsync(new RecordSummonsDelivery { CaseId = id, Actor = a, Delivery = new SummonsDelivery { MeetingId = c.Meetings[0].Id, ParticipantId = participant, State = SummonsDeliveryState.Delivered } }, Ct),
            () => w.RecordReceivedSummonsAsync(new RecordReceivedSummons { CaseId = id, Actor = a, MeetingId = c.Meetings[0].Id, SentAt = s.Time.GetUtcNow(), From = new ExternalCaseReference { System = "Treserva", CaseId = "x", Organisation = SipTestData.SocialServicesUnit } }, Ct),
            () => w.RecordEvaluationAsync(new RecordEvaluation { CaseId = id, Actor = a, Evaluation = new Evaluation { MeetingId = c.Meetings[0].Id, Respondent = EvaluationRespondent.Individual, Answers = [new EvaluationAnswer { QuestionId = "heard", Score = 5 }] } }, Ct),
        ];
        commands.Should().HaveCount(Enum.GetValues<SipTrigger>().Length - 1, "every step but DocumentClosing is tried");

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
        await s.Workflow.CloseAndRestartAsync(new CloseAndRestart { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker }, Ct);
        ((Sip.Workflow.InMemory.InMemorySipCaseStore)s.Store).Count.Should().Be(countBefore, "close-and-restart opens no case by itself");

        var otherPerson = () => s.Workflow.OpenCaseAsync(new OpenCase
        {
            Actor = s.Actor, Individual = SipTestData.Adult("someone-else"), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region, PreviousCaseId = c.Id,
        }, Ct);
        (await otherPerson.Should().ThrowAsync<ArgumentException>()).WithMessage("*another individual*");
    }

    [Theory]
    [InlineData(ClosureReason.Deceased)]
    [InlineData(ClosureReason.MovedAway)]
    [InlineData(ClosureReason.IndividualRequestedEnd)]
    [InlineData(ClosureReason.CoordinationNoLongerNeeded)]
    [InlineData(ClosureReason.NoNewNeedsExpected)]
    public async Task An_established_plan_closes_for_each_real_reason_without_a_follow_up_first(ClosureReason reason)
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        c.FollowUpBooking.Should().NotBeNull();

        var result = await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker, Reason = reason, Note = "Avslutas." }, Ct);

        result.Event.FromState.Should().Be(SipState.PlanEstablished);
        result.Case.State.Should().Be(SipState.Closed);
        result.Case.Closure!.Reason.Should().Be(reason);
        result.Case.FollowUps.Should().BeEmpty("no fictitious follow-up is needed first");
        result.Case.FollowUpBooking.Should().BeNull("the booked follow-up is cancelled with the SIP");
        result.Case.NextDeadline.Should().BeNull("the national guidance does not ask each principal to document the closing");
    }

    [Theory]
    [InlineData(ClosureReason.ConsentWithdrawn, "WithdrawConsent")]
    [InlineData(ClosureReason.OfferDeclined, "DeclineOffer")]
    [InlineData(ClosureReason.LongTermGoalChanged, "CloseAndRestart")]
    [InlineData(ClosureReason.NotStarted, "DeclineToStart")]
    public async Task Close_refuses_reasons_that_have_their_own_command(ClosureReason reason, string command)
    {
        var s = new SipScenario();
        var c = await s.FollowedUpAsync();

        var thrown = await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker, Reason = reason }, Ct));

        thrown.ParamName.Should().Be("Reason");
        thrown.Message.Should().Contain(command);
    }

    [Fact]
    public async Task Under_Vastra_Gotaland_each_principal_that_took_part_documents_the_closing_and_it_is_due_work_until_both_have()
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var c = await s.PlanEstablishedAsync();
        var closed = (await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.Deceased }, Ct)).Case;

        closed.ClosingOwedBy.Should().BeEquivalentTo([PrincipalKind.Municipality, PrincipalKind.Region]);
        var due = SipDeadlines.Open(closed, SipPolicy.VastraGotaland);
        due.Should().ContainSingle().Which.Requirement.Code.Should().Be("DEADLINE-CLOSING-DOCUMENTED");
        closed.NextDeadline.Should().Be(closed.Closure!.ClosedAt + SipPolicy.VastraGotaland.ClosingDocumentedWithin);
        var page = await s.Workflow.GetDueWorkAsync(closed.NextDeadline!.Value, cancellationToken: Ct);
        page.Items.Should().ContainSingle(i => i.CaseId == c.Id).Which.RequirementCode.Should().Be("DEADLINE-CLOSING-DOCUMENTED");

        var municipality = (await s.Workflow.DocumentClosingAsync(new DocumentClosing
        {
            CaseId = c.Id, Actor = SipTestData.SocialWorker,
            Closing = new PrincipalClosing { Principal = PrincipalKind.Municipality, Organisation = SipTestData.SocialServicesUnit, Note = "Avslutat i personakten." },
        }, Ct)).Case;
        municipality.State.Should().Be(SipState.Closed);
        municipality.ClosingOwedBy.Should().Equal(PrincipalKind.Region);
        municipality.PrincipalClosings.Should().ContainSingle().Which.DocumentedAt.Should().Be(s.Time.GetUtcNow());
        municipality.NextDeadline.Should().NotBeNull("the region has not documented yet");

        await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.DocumentClosingAsync(new DocumentClosing
        {
            CaseId = c.Id, Actor = SipTestData.SocialWorker,
            Closing = new PrincipalClosing { Principal = PrincipalKind.Municipality, Organisation = SipTestData.SocialServicesUnit },
        }, Ct));

        var both = (await s.Workflow.DocumentClosingAsync(new DocumentClosing
        {
            CaseId = c.Id, Actor = s.Actor,
            Closing = new PrincipalClosing { Principal = PrincipalKind.Region, Organisation = SipTestData.PrimaryCareUnit },
        }, Ct)).Case;
        both.ClosingOwedBy.Should().BeEmpty();
        both.NextDeadline.Should().BeNull();
    }

    [Fact]
    public async Task A_case_closed_before_any_principal_was_called_owes_no_closing_note()
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var c = await s.OpenAsync();

        var closed = (await s.Workflow.DeclineOfferAsync(new DeclineOffer { CaseId = c.Id, Actor = s.Actor }, Ct)).Case;

        closed.ClosingOwedBy.Should().BeEmpty();
        closed.NextDeadline.Should().BeNull();
    }

    [Fact]
    public async Task Staff_deciding_not_to_start_closes_the_case_with_the_reason_kept_for_a_complaint()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync(origin: CaseOrigin.Outpatient() with { RequestedBy = SipRequester.NextOfKin });
        c.Origin.RequestedBy.Should().Be(SipRequester.NextOfKin);

        var result = await s.Workflow.DeclineToStartAsync(new DeclineToStart
        {
            CaseId = c.Id, Actor = s.Actor, Reason = "Behovet kan mötas inom en huvudman; ingen samordning behövs.",
        }, Ct);

        result.Case.State.Should().Be(SipState.Closed);
        result.Case.Closure!.Reason.Should().Be(ClosureReason.NotStarted);
        result.Case.Closure.Note.Should().StartWith("Behovet kan mötas");
        result.Event.EventType.Should().Be(SipEventTypes.StartDeclined);
        result.Event.Details.Should().NotContainKey("note", "free text stays out of the audit details");
    }

    [Fact]
    public async Task A_decision_not_to_start_needs_a_reason_and_comes_before_preparation()
    {
        var s = new SipScenario();
        var open = await s.OpenAsync();
        var blank = () => new DeclineToStart { CaseId = open.Id, Actor = s.Actor, Reason = " " };
        blank.Should().Throw<ArgumentException>().WithParameterName("Reason");

        var preparing = await s.InStateAsync(SipState.Preparing);
        var thrown = await s.ExpectRefusedAsync<SipInvalidStateException>(preparing.Id,
            () => s.Workflow.DeclineToStartAsync(new DeclineToStart { CaseId = preparing.Id, Actor = s.Actor, Reason = "Inget behov." }, Ct));
        thrown.PermittedTriggers.Should().Contain(SipTrigger.CloseCase);
    }

    [Theory]
    [InlineData(ClosureReason.Deceased, true)]
    [InlineData(ClosureReason.MovedAway, true)]
    [InlineData(ClosureReason.NoNewNeedsExpected, false)]
    public async Task At_discharge_the_offer_is_answered_rather_than_closed_unless_the_individual_died_or_moved(ClosureReason reason, bool closes)
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var c = await s.OpenAsync(origin: CaseOrigin.InpatientDischarge(s.Time.GetUtcNow()));
        var close = () => s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = s.Actor, Reason = reason }, Ct);

        if (closes)
        {
            (await close()).Case.Closure!.Reason.Should().Be(reason);
        }
        else
        {
            await s.ExpectUnmetAsync(c.Id, "DISCHARGE-OFFER", close);
        }
    }

    [Fact]
    public async Task At_discharge_under_Vastra_Gotaland_staff_cannot_decline_to_start_the_SIP_that_is_always_offered()
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var c = await s.OpenAsync(origin: CaseOrigin.InpatientDischarge(s.Time.GetUtcNow()));

        await s.ExpectUnmetAsync(c.Id, "DISCHARGE-OFFER",
            () => s.Workflow.DeclineToStartAsync(new DeclineToStart { CaseId = c.Id, Actor = s.Actor, Reason = "Bedöms inte behövas." }, Ct));
    }

    [Fact]
    public async Task Only_a_principal_that_took_part_documents_the_closing_and_names_a_unit_of_its_own()
    {
        var s = new SipScenario(SipPolicy.VastraGotaland);
        var c = await s.PlanEstablishedAsync();
        await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.IndividualRequestedEnd }, Ct);
        Task Document(PrincipalKind principal, OrganisationReference unit) => s.Workflow.DocumentClosingAsync(new DocumentClosing
        {
            CaseId = c.Id, Actor = s.Actor, Closing = new PrincipalClosing { Principal = principal, Organisation = unit },
        }, Ct);

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Document(PrincipalKind.Municipality, SipTestData.PrimaryCareUnit)))
            .ParamName.Should().Be("Closing.Organisation");

        var declined = await s.OpenAsync();
        await s.Workflow.DeclineOfferAsync(new DeclineOffer { CaseId = declined.Id, Actor = s.Actor }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(declined.Id, () => s.Workflow.DocumentClosingAsync(new DocumentClosing
        {
            CaseId = declined.Id, Actor = s.Actor, Closing = new PrincipalClosing { Principal = PrincipalKind.Region, Organisation = SipTestData.PrimaryCareUnit },
        }, Ct))).Message.Should().Contain("took no part");
    }
}
