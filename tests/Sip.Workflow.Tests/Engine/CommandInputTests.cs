using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>Commands whose input contradicts the case: each is refused naming the argument, and nothing is saved.</summary>
public sealed class CommandInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_child_cannot_be_opened_without_guardians_nor_an_adult_with_them()
    {
        var s = new SipScenario();
        OpenCase Open(Individual i) => new() { Actor = s.Actor, Individual = i, Origin = CaseOrigin.School(), IdentifiedBy = PrincipalKind.Municipality };

        var child = () => s.Workflow.OpenCaseAsync(Open(new Individual { Reference = new SubjectReference("b-1"), IsChild = true }), Ct);
        var adult = () => s.Workflow.OpenCaseAsync(Open(new Individual { Reference = new SubjectReference("a-1"), LegalGuardians = ["vh-1"] }), Ct);

        (await child.Should().ThrowAsync<ArgumentException>()).WithParameterName("Individual").WithMessage("*LegalGuardians*");
        (await adult.Should().ThrowAsync<ArgumentException>()).WithParameterName("Individual").WithMessage("*Proxy*");
        ((Sip.Workflow.InMemory.InMemorySipCaseStore)s.Store).Count.Should().Be(0);
    }

    [Fact]
    public async Task A_discharge_needs_its_ready_for_discharge_time_and_it_cannot_lie_in_the_future()
    {
        var s = new SipScenario();
        OpenCase Open(CaseOrigin o) => new() { Actor = s.Actor, Individual = SipTestData.Adult(), Origin = o, IdentifiedBy = PrincipalKind.Region };

        var missing = () => s.Workflow.OpenCaseAsync(Open(new CaseOrigin { Kind = OriginKind.InpatientDischarge }), Ct);
        var future = () => s.Workflow.OpenCaseAsync(Open(CaseOrigin.InpatientDischarge(s.Time.GetUtcNow().AddDays(2))), Ct);
        var stray = () => s.Workflow.OpenCaseAsync(Open(new CaseOrigin { Kind = OriginKind.School, ReadyForDischargeAt = s.Time.GetUtcNow() }), Ct);

        (await missing.Should().ThrowAsync<ArgumentException>()).WithParameterName("Origin");
        (await future.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithParameterName("ReadyForDischargeAt").WithMessage("*future*");
        (await stray.Should().ThrowAsync<ArgumentException>()).WithParameterName("Origin");
    }

    [Fact]
    public async Task Consent_rules_on_who_gives_it_are_enforced()
    {
        var s = new SipScenario();
        var adult = await s.OpenAsync();
        var child = await s.OpenAsync(SipTestData.ChildWithTwoGuardians());
        RecordConsent Consent(SipCaseId id, ConsentGiver by, string? giver, DateTimeOffset? at = null) => new()
        {
            CaseId = id, Actor = s.Actor, Consent = new Consent { Scope = ConsentScope.All, GivenBy = by, GiverReference = giver, Form = ConsentForm.Oral, GivenAt = at ?? s.Time.GetUtcNow() },
        };

        (await s.ExpectRefusedAsync<ArgumentException>(adult.Id, () => s.Workflow.RecordConsentAsync(Consent(adult.Id, ConsentGiver.LegalGuardian, "vh"), Ct)))
            .ParamName.Should().Be("GivenBy");
        (await s.ExpectRefusedAsync<ArgumentException>(adult.Id, () => s.Workflow.RecordConsentAsync(Consent(adult.Id, ConsentGiver.Proxy, null), Ct)))
            .ParamName.Should().Be("GiverReference");
        (await s.ExpectRefusedAsync<ArgumentException>(adult.Id,
            () => s.Workflow.RecordConsentAsync(Consent(adult.Id, ConsentGiver.Individual, null, s.Time.GetUtcNow().AddHours(1)), Ct)))
            .ParamName.Should().Be("GivenAt");

        await s.Workflow.RecordConsentAsync(Consent(child.Id, ConsentGiver.LegalGuardian, "vh-1"), Ct);
        await s.Workflow.RecordConsentAsync(Consent(child.Id, ConsentGiver.LegalGuardian, "vh-2"), Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(child.Id, () => s.Workflow.RecordConsentAsync(Consent(child.Id, ConsentGiver.LegalGuardian, "vh-3"), Ct)))
            .Message.Should().Contain("does not name one of the child's 2 legal guardian(s)");
    }

    [Fact]
    public async Task Participants_are_called_or_invited_by_policy_and_not_added_twice()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();

        var twice = () => s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await s.ExpectRefusedAsync<ArgumentException>(c.Id, twice);

        var fk = await s.AddAsync(c.Id, ParticipantKind.SocialInsuranceAgency, SipTestData.SocialInsuranceUnit);
        fk.Participants.Single(p => p.Kind == ParticipantKind.SocialInsuranceAgency).Role.Should().Be(ParticipationRole.Invited);
    }

    [Fact]
    public async Task A_called_principals_substitute_must_have_the_mandate_to_decide()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var social = c.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);
        ChangeParticipant Name(bool mandate) => new()
        {
            CaseId = c.Id, Actor = s.Actor, ParticipantId = social.Id,
            Substitute = new Substitute { Person = new ContactPerson { Name = "Per Ek" }, HasMandateToDecide = mandate },
        };

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.ChangeParticipantAsync(Name(false), Ct)))
            .ParamName.Should().Be("Substitute");
        var named = await s.Workflow.ChangeParticipantAsync(Name(true), Ct);
        named.Case.FindParticipant(social.Id)!.Substitute!.Person.Name.Should().Be("Per Ek");

        var nothing = () => s.Workflow.ChangeParticipantAsync(new ChangeParticipant { CaseId = c.Id, Actor = s.Actor, ParticipantId = social.Id }, Ct);
        await s.ExpectRefusedAsync<ArgumentException>(c.Id, nothing);
        var unknown = () => s.Workflow.ChangeParticipantAsync(new ChangeParticipant { CaseId = c.Id, Actor = s.Actor, ParticipantId = ParticipantId.New(), Mode = ParticipationMode.Phone }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, unknown)).ParamName.Should().Be("ParticipantId");
    }

    [Fact]
    public async Task A_summons_is_forwarded_only_inside_the_same_principal_and_the_new_unit_is_called()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var psychiatry = c.Participants.Single(p => p.Kind == ParticipantKind.RegionalHealthCare);

        var across = () => s.Workflow.ForwardSummonsAsync(new ForwardSummons
        {
            CaseId = c.Id,
            Actor = s.Actor,
            From = psychiatry.Id,
            To = new Participant { Organisation = SipTestData.HomeCareUnit, Kind = ParticipantKind.MunicipalHealthCare },
        }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, across)).ParamName.Should().Be("To");

        var primaryCare = new OrganisationReference { Name = "Vårdcentralen Norr" };
        var alreadyForwarded = () => s.Workflow.ForwardSummonsAsync(new ForwardSummons
        {
            CaseId = c.Id, Actor = s.Actor, From = psychiatry.Id,
            To = new Participant { Organisation = primaryCare, Kind = ParticipantKind.RegionalHealthCare, ForwardedTo = psychiatry.Id },
        }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, alreadyForwarded)).ParamName.Should().Be("To.ForwardedTo");
        var substituteWithoutMandate = () => s.Workflow.ForwardSummonsAsync(new ForwardSummons
        {
            CaseId = c.Id, Actor = s.Actor, From = psychiatry.Id,
            To = new Participant
            {
                Organisation = primaryCare, Kind = ParticipantKind.RegionalHealthCare,
                Substitute = new Substitute { Person = new ContactPerson { Name = "Per Ek" }, HasMandateToDecide = false },
            },
        }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, substituteWithoutMandate)).Message.Should().Contain("mandate to decide");

        var forwarded = await s.Workflow.ForwardSummonsAsync(new ForwardSummons
        {
            CaseId = c.Id,
            Actor = s.Actor,
            From = psychiatry.Id,
            To = new Participant { Organisation = primaryCare, Kind = ParticipantKind.RegionalHealthCare },
        }, Ct);

        var to = forwarded.Case.Participants.Single(p => p.Organisation == primaryCare);
        to.Role.Should().Be(ParticipationRole.Called);
        forwarded.Case.FindParticipant(psychiatry.Id)!.ForwardedTo.Should().Be(to.Id);
        forwarded.Case.CalledPrincipals.Should().Contain(to).And.NotContain(p => p.Id == psychiatry.Id);
    }

    [Fact]
    public async Task A_called_principal_recorded_absent_becomes_a_deviation()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var social = c.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);
        var region = c.Participants.Single(p => p.Kind == ParticipantKind.RegionalHealthCare);

        var result = await s.Workflow.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = c.Id, Actor = s.Actor, MeetingId = c.PlanMeeting!.Id,
            Attendance = [new Attendance { ParticipantId = social.Id, Status = AttendanceStatus.Absent }, new Attendance { ParticipantId = region.Id, Status = AttendanceStatus.Attended }],
        }, Ct);

        var deviation = result.Case.Deviations.Should().ContainSingle().Subject;
        deviation.Kind.Should().Be(DeviationKind.CalledPrincipalAbsent);
        deviation.ParticipantId.Should().Be(social.Id);
        result.Event.Details["deviations"].Should().Be("1");

        var bySubstitute = () => s.Workflow.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = c.Id, Actor = s.Actor, MeetingId = c.PlanMeeting!.Id,
            Attendance = [new Attendance { ParticipantId = region.Id, Status = AttendanceStatus.AttendedBySubstitute }],
        }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, bySubstitute)).Message.Should().Contain("substitute");
    }

    [Fact]
    public async Task Meetings_are_refused_in_the_past_of_the_wrong_purpose_or_at_the_individuals_address()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        Task Schedule(Meeting m) => s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = m }, Ct);
        var now = s.Time.GetUtcNow();

        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => Schedule(SipTestData.PlanMeeting(now.AddDays(-1))))).ParamName.Should().Be("StartsAt");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Schedule(SipTestData.FollowUpMeeting(now.AddDays(1))))).ParamName.Should().Be("Meeting.Purpose");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => Schedule(SipTestData.PlanMeeting(now.AddDays(1)) with { Form = MeetingForm.AtIndividualsHome, Place = "Storgatan 1" })))
            .Message.Should().Contain("never stores the individual's address");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => Schedule(SipTestData.PlanMeeting(now.AddDays(1)) with { Form = MeetingForm.Digital, Place = null })))
            .Message.Should().Contain("DigitalLink");
    }

    [Fact]
    public async Task A_plan_that_contradicts_itself_or_the_case_is_refused()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2));

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.EstablishPlanAsync(plan with { Plan = plan.Plan with { NoActionsByOthers = true } }, Ct)))
            .ParamName.Should().Be("NoActionsByOthers");
        var strangerDoesIt = plan with { Plan = plan.Plan with { Interventions = [.. plan.Plan.Interventions.Select(i => i with { PerformedBy = ParticipantId.New() })] } };
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.EstablishPlanAsync(strangerDoesIt, Ct))).ParamName.Should().Be("Interventions");
        var orphanGoal = plan with { Plan = plan.Plan with { Interventions = [.. plan.Plan.Interventions.Select(i => i with { GoalId = GoalId.New() })] } };
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.EstablishPlanAsync(orphanGoal, Ct))).ParamName.Should().Be("Interventions");
        var pastFollowUp = plan with { FollowUpBooking = new FollowUpBooking { At = s.Time.GetUtcNow().AddDays(-3), Place = "x" } };
        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => s.Workflow.EstablishPlanAsync(pastFollowUp, Ct))).ParamName.Should().Be("At");
    }

    [Fact]
    public async Task Changing_the_individuals_flags_reaches_the_next_summons()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();

        await s.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = true, InterpreterLanguage = "somaliska" }, Ct);
        var summoned = await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);

        summoned.Case.SummonsSent.Single().ProtectedIdentity.Should().BeTrue();
        summoned.Case.SummonsSent.Single().InterpreterLanguage.Should().Be("somaliska");
        summoned.Event.Details["protectedIdentity"].Should().Be("true");
    }

    [Fact]
    public async Task A_follow_up_held_before_the_booked_date_is_marked_early()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();

        var result = await s.Workflow.RecordFollowUpAsync(new RecordFollowUp { CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Läget har ändrats väsentligt." } }, Ct);

        result.Case.FollowUps.Single().Early.Should().BeTrue();
        result.Case.FollowUpBooking.Should().BeNull("the booking is used up");
        result.Case.State.Should().Be(SipState.FollowUp);
    }

    [Fact]
    public void A_command_without_an_actor_cannot_be_made()
    {
        var act = () => new StartPreparation { CaseId = SipCaseId.New(), Actor = null! };

        act.Should().Throw<ArgumentNullException>().WithParameterName("Actor");
    }
}
