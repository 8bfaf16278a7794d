using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Consents;

/// <summary>
/// The individual decides who takes part: a party the consent does not cover is neither added, forwarded to nor summoned;
/// a withdrawal names its giver and takes away a scope or one party's cover; only the plan or all information sharing
/// ends the SIP; one guardian's withdrawal never touches the other's consent; next of kin are asked about first.
/// </summary>
public sealed class ConsentCoverAndWithdrawalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<SipCommandResult> Withdraw(SipScenario s, SipCaseId id, ConsentGiver by, string? reference = null, ConsentScope scope = ConsentScope.All, OrganisationReference? party = null)
        => s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = id, Actor = s.Actor, WithdrawnBy = by, WithdrawnByReference = reference, Scope = scope, Party = party }, Ct);

    private static Task<SipCommandResult> Start(SipScenario s, SipCaseId id)
        => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = s.Actor }, Ct);

    private static Task<SipCommandResult> Summon(SipScenario s, SipCaseId id)
        => s.Workflow.SendSummonsAsync(new SendSummons { CaseId = id, Actor = s.Actor }, Ct);

    private static Task<SipCommandResult> Add(SipScenario s, SipCaseId id, Participant participant)
        => s.Workflow.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = s.Actor, Participant = participant }, Ct);

    private static async Task<SipCase> ConsentedToOnly(SipScenario s, ConsentParties parties)
    {
        var c = await s.OpenAsync();
        await s.RecordConsentAsync(c.Id, SipTestData.OwnConsent(s.Time.GetUtcNow()) with { Parties = parties });
        return (await Start(s, c.Id)).Case;
    }

    [Fact]
    public async Task A_party_the_individual_excepted_is_refused_however_its_name_is_spelt_and_others_are_added()
    {
        var s = new SipScenario();
        var c = await ConsentedToOnly(s, new ConsentParties { ExceptOrganisations = [new OrganisationReference { Name = "centralskolan ELEVHÄLSA " }] });

        var school = new Participant { Kind = ParticipantKind.School, Organisation = new OrganisationReference { Name = "Centralskolan elevhälsa" } };
        var refused = await s.ExpectUnmetAsync(c.Id, "CONSENT-PARTY-COVERED", () => Add(s, c.Id, school));
        refused.UnmetRequirements.Should().ContainSingle().Which.LegalReference.Should().Contain("12 kap. 2 § offentlighets- och sekretesslagen");

        (await Add(s, c.Id, new Participant { Kind = ParticipantKind.SocialServices, Organisation = SipTestData.SocialServicesUnit })).Case.Participants.Should().ContainSingle();
    }

    [Fact]
    public async Task A_consent_naming_kinds_of_party_covers_those_and_no_other()
    {
        var s = new SipScenario();
        var c = await ConsentedToOnly(s, new ConsentParties { Kinds = [ParticipantKind.SocialServices, ParticipantKind.RegionalHealthCare] });

        await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        await s.ExpectUnmetAsync(c.Id, "CONSENT-PARTY-COVERED", () => s.AddAsync(c.Id, ParticipantKind.SocialInsuranceAgency, SipTestData.SocialInsuranceUnit));

        // A summons forwarded inside the kommun goes to a unit the consent does not cover: refused too.
        var ready = (await s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(4)) }, Ct)).Case;
        var summoned = (await Summon(s, c.Id)).Case;
        var social = summoned.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);
        await s.ExpectUnmetAsync(c.Id, "CONSENT-PARTY-COVERED", () => s.Workflow.ForwardSummonsAsync(new ForwardSummons
        {
            CaseId = c.Id, Actor = s.Actor, From = social.Id, To = new Participant { Kind = ParticipantKind.MunicipalHealthCare, Organisation = SipTestData.HomeCareUnit },
        }, Ct));
        ready.State.Should().Be(SipState.Preparing);
    }

    [Fact]
    public void Parties_both_named_and_excepted_are_refused_when_recorded()
    {
        var parties = new ConsentParties { Kinds = [ParticipantKind.School], ExceptKinds = [ParticipantKind.School] };

        FluentActions.Invoking(() => parties.Validated("Consent.Parties")).Should().Throw<ArgumentException>().WithParameterName("Consent.Parties");
        ConsentParties.Everyone.Includes(ParticipantKind.Police, SipTestData.SocialServicesUnit).Should().BeTrue();
    }

    [Fact]
    public async Task Withdrawing_towards_one_party_takes_it_out_of_the_SIP_and_leaves_the_case_open()
    {
        var s = new SipScenario(SipPolicy.NationalGuidance with { Name = "En huvudman räcker", RequireBothPrincipals = false });
        var c = await s.ReadyToSummonAsync();
        await s.AddAsync(c.Id, ParticipantKind.MunicipalHealthCare, SipTestData.HomeCareUnit);

        var result = await Withdraw(s, c.Id, ConsentGiver.Individual, party: SipTestData.SocialServicesUnit);

        result.Case.State.Should().Be(SipState.Preparing, "a withdrawal towards one party does not end the SIP");
        result.Case.Consents.Should().ContainSingle().Which.IsActive.Should().BeTrue();
        result.Case.Participants.Single(p => p.Kind == ParticipantKind.SocialServices).ConsentWithdrawnAt.Should().Be(s.Time.GetUtcNow());
        result.Event.Details.Should().Contain("towardsOneParty", "true").And.Contain("participantsLeft", "1");

        var summons = (await Summon(s, c.Id)).Case.SummonsSent.Should().ContainSingle().Subject;
        summons.Called.Should().NotContain(result.Case.Participants.Single(p => p.Kind == ParticipantKind.SocialServices).Id, "the party is no longer told anything");
        await s.ExpectUnmetAsync(c.Id, "CONSENT-PARTY-COVERED", () => s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit));
    }

    [Fact]
    public async Task Next_of_kin_the_individual_no_longer_wants_leave_the_SIP_before_the_summons_discloses_anything()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        var daughter = new OrganisationReference { Name = "Dotter" };
        var kin = (await Add(s, c.Id, new Participant { Kind = ParticipantKind.NextOfKin, Organisation = daughter, KinAssessment = SipTestData.KinMayBeAsked(s.Time.GetUtcNow()) })).Case
            .Participants.Single(p => p.Kind == ParticipantKind.NextOfKin);

        await Withdraw(s, c.Id, ConsentGiver.Individual, party: daughter);

        (await Summon(s, c.Id)).Case.SummonsSent.Single().Invited.Should().NotContain(kin.Id);
    }

    [Theory]
    [InlineData(ConsentScope.PlanEstablishment)]
    [InlineData(ConsentScope.InformationSharing)]
    public async Task The_individual_withdrawing_the_plan_or_all_sharing_ends_the_SIP(ConsentScope scope)
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();

        var result = await Withdraw(s, c.Id, ConsentGiver.Individual, scope: scope);

        result.Case.State.Should().Be(SipState.Closed);
        result.Case.Closure!.Reason.Should().Be(ClosureReason.ConsentWithdrawn);
        var consent = result.Case.Consents.Single();
        consent.StandingScope.Should().Be(ConsentScope.All & ~scope, "only the scope withdrawn is gone from the record");
        consent.Withdrawals.Should().ContainSingle().Which.Should().BeEquivalentTo(new { WithdrawnBy = ConsentGiver.Individual, Scope = scope });
        result.Event.Details.Should().Contain("endsSip", "true");
    }

    [Fact]
    public async Task One_guardian_withdrawing_leaves_the_other_guardians_consent_standing_and_the_guards_say_the_joint_consent_is_gone()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync(SipTestData.ChildWithTwoGuardians());

        var result = await Withdraw(s, c.Id, ConsentGiver.LegalGuardian, "VH-1 ");

        result.Case.State.Should().Be(SipState.NeedIdentified, "the SIP is not ended while one guardian's consent stands");
        result.Event.Details.Should().Contain("endsSip", "false");
        var (first, second) = (result.Case.Consents.Single(x => x.GiverReference == "vh-1"), result.Case.Consents.Single(x => x.GiverReference == "vh-2"));
        first.IsActive.Should().BeFalse();
        first.Withdrawals.Single().WithdrawnByReference.Should().Be("VH-1 ");
        second.IsActive.Should().BeTrue();
        second.Withdrawals.Should().BeEmpty("one guardian never withdraws the other's consent");

        var refused = await s.ExpectUnmetAsync(c.Id, "CONSENT-BOTH-GUARDIANS", () => Start(s, c.Id));
        refused.UnmetRequirements.Should().ContainSingle();

        (await Withdraw(s, c.Id, ConsentGiver.LegalGuardian, "vh-2")).Case.State.Should().Be(SipState.Closed, "no one's consent stands any more");
    }

    [Fact]
    public async Task A_guardian_who_withdraws_after_the_other_consented_alone_undoes_the_lone_consent()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync(SipTestData.ChildWithTwoGuardians());
        await s.RecordConsentAsync(c.Id, new Sip.Workflow.Consent
        {
            Scope = ConsentScope.All, GivenBy = ConsentGiver.LegalGuardian, GiverReference = "vh-2", Form = ConsentForm.Oral, GivenAt = s.Time.GetUtcNow(),
        });
        await s.RecordConsentAsync(c.Id, new Sip.Workflow.Consent
        {
            Scope = ConsentScope.All, GivenBy = ConsentGiver.LegalGuardian, GiverReference = "vh-1", Form = ConsentForm.Oral, GivenAt = s.Time.GetUtcNow(),
            SoleGuardianReason = "Vårdnadshavare 2 nås inte; beslutet kan inte vänta.",
        });
        await Withdraw(s, c.Id, ConsentGiver.LegalGuardian, "vh-2", ConsentScope.InformationSharing);

        await s.ExpectUnmetAsync(c.Id, "CONSENT-BOTH-GUARDIANS", () => Start(s, c.Id));
    }

    [Fact]
    public async Task A_withdrawal_without_its_giver_or_by_someone_who_gave_nothing_is_refused_with_nothing_changed()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync(SipTestData.ChildWithTwoGuardians());

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Withdraw(s, c.Id, ConsentGiver.LegalGuardian))).ParamName.Should().Be("WithdrawnByReference");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Withdraw(s, c.Id, ConsentGiver.LegalGuardian, "vh-3"))).ParamName.Should().Be("WithdrawnBy");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Withdraw(s, c.Id, ConsentGiver.Individual)))
            .Message.Should().Contain("no standing consent", "a child who has not consented themself has nothing to withdraw");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Withdraw(s, c.Id, ConsentGiver.LegalGuardian, "vh-1", ConsentScope.None))).ParamName.Should().Be("Scope");
    }

    [Fact]
    public async Task Next_of_kin_are_added_only_after_the_finding_that_the_individual_does_not_object_and_it_is_suitable()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        var kin = new Participant { Kind = ParticipantKind.NextOfKin, Organisation = new OrganisationReference { Name = "Son" } };

        await s.ExpectUnmetAsync(c.Id, "KIN-ASKED-BEFORE-INVITATION", () => Add(s, c.Id, kin));
        await s.ExpectUnmetAsync(c.Id, "KIN-ASKED-BEFORE-INVITATION",
            () => Add(s, c.Id, kin with { KinAssessment = SipTestData.KinMayBeAsked(s.Time.GetUtcNow()) with { JudgedSuitable = false } }));
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => Add(s, c.Id, kin with { KinAssessment = SipTestData.KinMayBeAsked(s.Time.GetUtcNow().AddDays(1)) }))).ParamName.Should().Be("Participant.KinAssessment.AssessedAt");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => Add(s, c.Id, new Participant { Kind = ParticipantKind.Police, Organisation = new OrganisationReference { Name = "Polisen" }, KinAssessment = SipTestData.KinMayBeAsked(s.Time.GetUtcNow()) })))
            .ParamName.Should().Be("Participant.KinAssessment");

        var added = await Add(s, c.Id, kin with { KinAssessment = SipTestData.KinMayBeAsked(s.Time.GetUtcNow()) });
        added.Event.Details.Should().Contain("kinAssessed", "true");
        (await Summon(s, c.Id)).Case.SummonsSent.Single().Invited.Should().ContainSingle();
    }

    [Fact]
    public async Task A_plan_saying_kin_were_offered_a_part_the_individual_objected_to_is_refused()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var plan = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(2));

        await s.ExpectUnmetAsync(c.Id, "PLAN-KIN-PARTICIPATION",
            () => s.Workflow.EstablishPlanAsync(plan with { Plan = plan.Plan with { KinParticipation = new KinParticipation { Participated = false, Offered = true, IndividualObjected = true } } }, Ct));
        (await s.Workflow.EstablishPlanAsync(plan with
        {
            Plan = plan.Plan with { KinParticipation = new KinParticipation { Participated = false, Offered = true, JudgedSuitable = true } },
        }, Ct)).Case.Plan!.KinParticipation!.Offered.Should().BeTrue();
    }
}
