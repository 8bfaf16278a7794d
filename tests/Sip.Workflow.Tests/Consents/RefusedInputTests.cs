using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Consents;

/// <summary>
/// Every input the consent and discharge steps refuse is refused with the argument named and nothing stored: members the
/// engine owns copied from a stored value, contradictions inside one value, and times out of order.
/// </summary>
public sealed class RefusedInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consent_copied_with_its_withdrawals_is_refused()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        var withdrawn = (await s.Workflow.WithdrawConsentAsync(new WithdrawConsent
        {
            CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual, Party = SipTestData.SocialServicesUnit,
        }, Ct)).Case.Consents.Single();

        var copy = withdrawn with { Id = ConsentId.New() };

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.RecordConsentAsync(c.Id, copy))).ParamName.Should().Be("Consent.Withdrawals");
    }

    [Fact]
    public async Task A_maturity_assessment_on_an_adults_consent_and_parties_both_named_and_excepted_are_refused()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        var own = SipTestData.OwnConsent(s.Time.GetUtcNow());

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.RecordConsentAsync(c.Id, own with
        {
            MaturityAssessment = new MaturityAssessment { AssessedAt = s.Time.GetUtcNow(), AssessedBy = "Kurator" },
        }))).ParamName.Should().Be("MaturityAssessment");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.RecordConsentAsync(c.Id, own with
        {
            Parties = new ConsentParties { Organisations = [SipTestData.SchoolUnit], ExceptOrganisations = [SipTestData.SchoolUnit] },
        }))).ParamName.Should().Be("Consent.Parties");
    }

    [Fact]
    public async Task Withdrawing_a_scope_no_standing_consent_covers_is_refused()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        await s.ConsentAsync(c.Id, ConsentScope.InformationSharing);

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.WithdrawConsentAsync(new WithdrawConsent
        {
            CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual, Scope = ConsentScope.PlanEstablishment,
        }, Ct))).ParamName.Should().Be("Scope");
    }

    [Fact]
    public async Task A_participant_or_individual_carrying_what_the_engine_stamps_is_refused()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        var left = (await s.Workflow.WithdrawConsentAsync(new WithdrawConsent
        {
            CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual, Party = SipTestData.SocialServicesUnit,
        }, Ct)).Case.Participants.Single(p => p.ConsentWithdrawnAt is not null);

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.AddParticipantAsync(new AddParticipant
        {
            CaseId = c.Id, Actor = s.Actor, Participant = left with { Id = ParticipantId.New(), Organisation = SipTestData.HomeCareUnit },
        }, Ct))).ParamName.Should().Be("Participant.ConsentWithdrawnAt");

        var child = await s.ConsentedAsync(SipTestData.ChildWithTwoGuardians());
        var recorded = (await s.Workflow.ChangeIndividualAsync(new ChangeIndividual
        {
            CaseId = child.Id, Actor = s.Actor, HasProtectedIdentity = false, ComingOfAge = new DateOnly(2030, 5, 1),
        }, Ct)).Case.Individual;
        var open = () => s.Workflow.OpenCaseAsync(new OpenCase { Actor = s.Actor, Individual = recorded, Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region }, Ct);
        (await open.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("Individual.ComingOfAge");
    }

    [Fact]
    public async Task A_birth_month_in_the_future_is_refused()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync(SipTestData.ChildWithTwoGuardians());

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.ChangeIndividualAsync(new ChangeIndividual
        {
            CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = false, BirthYearMonth = new SipYearMonth(2027, 1),
        }, Ct))).Message.Should().Contain("future");
    }

    [Fact]
    public async Task A_plan_naming_a_principal_twice_as_without_interventions_is_refused()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2));
        var twice = plan with
        {
            Plan = plan.Plan with
            {
                Interventions = [.. plan.Plan.Interventions.Where(i => i.Responsible != ResponsibleKind.Region)],
                NoInterventionsFrom = [PrincipalKind.Region, PrincipalKind.Region],
            },
        };

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.EstablishPlanAsync(twice, Ct))).ParamName.Should().Be("NoInterventionsFrom");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(18)]
    public void A_childs_consent_age_outside_1_to_17_is_refused(int age)
        => (SipPolicy.NationalGuidance with { ChildConsentFromAge = age }).Validate().Should().ContainSingle().Which.Should().Contain("between 1 and 17");

    [Fact]
    public async Task Discharge_steps_out_of_order_are_refused()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.AppointFixedCareContactAsync(new AppointFixedCareContact
        {
            CaseId = c.Id, Actor = s.Actor, FixedCareContact = SipTestData.FixedCareContactAtPrimaryCare,
        }, Ct))).Message.Should().Contain("RecordAdmission");

        var now = s.Time.GetUtcNow();
        await s.Workflow.RecordAdmissionAsync(new RecordAdmission { CaseId = c.Id, Actor = s.Actor, AdmittedAt = now.AddHours(-2) }, Ct);
        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => s.Workflow.RecordReadyForDischargeAsync(new RecordReadyForDischarge
        {
            CaseId = c.Id, Actor = s.Actor, NotifiedAt = now.AddHours(-3),
        }, Ct))).ParamName.Should().Be("NotifiedAt");

        await s.Workflow.RecordReadyForDischargeAsync(new RecordReadyForDischarge { CaseId = c.Id, Actor = s.Actor, NotifiedAt = now.AddHours(-1) }, Ct);
        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => s.Workflow.RevokeReadyForDischargeAsync(new RevokeReadyForDischarge
        {
            CaseId = c.Id, Actor = s.Actor, RevokedAt = now.AddHours(-2),
        }, Ct))).ParamName.Should().Be("RevokedAt");

        await s.Workflow.RecordDischargeAsync(new RecordDischarge { CaseId = c.Id, Actor = s.Actor, DischargedAt = now }, Ct);
        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => s.Workflow.RecordAdmissionAsync(new RecordAdmission
        {
            CaseId = c.Id, Actor = s.Actor, AdmittedAt = now.AddMinutes(-30),
        }, Ct))).ParamName.Should().Be("AdmittedAt");
    }
}
