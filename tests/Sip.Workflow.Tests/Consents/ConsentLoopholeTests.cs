using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Consents;

/// <summary>
/// Ways a careless or hostile host could share beyond the consent, keep guardians deciding past 18, or let one person's
/// say override another's: each found in review, each closed.
/// </summary>
public sealed class ConsentLoopholeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly OrganisationReference Excluded = new() { Name = "Centralskolan elevhälsa", Identifier = "SKO-1" };

    private static Individual Child(SipYearMonth? born = null) => new()
    {
        Reference = new SubjectReference("barn-2c9"), IsChild = true, BirthYearMonth = born, LegalGuardians = ["vh-1", "vh-2"],
    };

    private static Sip.Workflow.Consent Guardian(SipScenario s, string who, ConsentParties? parties = null, string? alone = null) => new()
    {
        Scope = ConsentScope.All, GivenBy = ConsentGiver.LegalGuardian, GiverReference = who, Form = ConsentForm.Written, GivenAt = s.Time.GetUtcNow(),
        Parties = parties ?? ConsentParties.Everyone, SoleGuardianReason = alone,
    };

    private static Task<SipCommandResult> Withdraw(SipScenario s, SipCaseId id, ConsentGiver by, string? reference = null, ConsentScope scope = ConsentScope.All)
        => s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = id, Actor = s.Actor, WithdrawnBy = by, WithdrawnByReference = reference, Scope = scope }, Ct);

    private static Task<SipCommandResult> Add(SipScenario s, SipCaseId id, ParticipantKind kind, OrganisationReference unit)
        => s.Workflow.AddParticipantAsync(new AddParticipant { CaseId = id, Actor = s.Actor, Participant = new Participant { Kind = kind, Organisation = unit } }, Ct);

    [Fact]
    public async Task No_party_is_added_once_the_joint_consent_is_gone_even_one_the_remaining_guardian_covers()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync(Child());
        await Withdraw(s, c.Id, ConsentGiver.LegalGuardian, "vh-1", ConsentScope.InformationSharing);

        await s.ExpectUnmetAsync(c.Id, "CONSENT-BOTH-GUARDIANS", () => Add(s, c.Id, ParticipantKind.MunicipalHealthCare, SipTestData.HomeCareUnit));
    }

    [Fact]
    public async Task No_party_is_added_on_lapsed_guardians_consents_after_the_child_comes_of_age()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync(Child(new SipYearMonth(2008, 4)));
        s.Time.SetUtcNow(new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero));

        await s.ExpectUnmetAsync(c.Id, "CONSENT-INFORMATION-SHARING", () => Add(s, c.Id, ParticipantKind.Police, new OrganisationReference { Name = "Polisen" }));
    }

    [Fact]
    public async Task Without_a_birth_month_the_guardians_consents_lapse_at_the_latest_18_years_after_opening()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync(Child());

        c.ComesOfAgeOn.Should().Be(new DateOnly(2044, 3, 2));
        c.HasConsent(ConsentScope.All, new DateOnly(2044, 3, 1), SipPolicy.NationalGuidance).Should().BeTrue();
        c.HasConsent(ConsentScope.All, new DateOnly(2044, 3, 2), SipPolicy.NationalGuidance).Should().BeFalse();
    }

    [Fact]
    public async Task Coming_of_age_cannot_be_put_off_past_18_nor_moved_later_once_it_has_passed()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync(Child());
        var change = (DateOnly? day, SipYearMonth? born) => s.Workflow.ChangeIndividualAsync(new ChangeIndividual
        {
            CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = false, ComingOfAge = day, BirthYearMonth = born,
        }, Ct);

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => change(new DateOnly(2099, 1, 1), null))).ParamName.Should().Be("ComingOfAge");

        await change(new DateOnly(2026, 6, 10), null);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => change(null, new SipYearMonth(2010, 1)))).ParamName.Should().Be("BirthYearMonth");

        s.Time.SetUtcNow(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero));
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => change(new DateOnly(2026, 6, 30), null)))
            .Message.Should().Contain("revive");
    }

    [Fact]
    public async Task The_other_guardian_saying_no_ends_a_lone_guardians_consent_even_without_having_consented()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync(Child());
        await s.RecordConsentAsync(c.Id, Guardian(s, "vh-1", alone: "Vårdnadshavare 2 är utomlands och kan inte nås."));
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);

        var refused = await Withdraw(s, c.Id, ConsentGiver.LegalGuardian, "vh-2");

        refused.Case.State.Should().Be(SipState.Preparing);
        refused.Case.ConsentRefusals.Should().ContainSingle().Which.WithdrawnByReference.Should().Be("vh-2");
        refused.Event.Details.Should().Contain("refusal", "true");
        await s.ExpectUnmetAsync(c.Id, "CONSENT-BOTH-GUARDIANS", () => Add(s, c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit));
    }

    [Fact]
    public async Task A_mature_childs_exception_is_not_overridden_by_the_guardians_consent()
    {
        var s = new SipScenario(SipPolicy.NationalGuidance with { Name = "Barn från 15", ChildConsentFromAge = 15 });
        var c = await s.OpenAsync(Child(new SipYearMonth(2010, 1)));
        await s.RecordConsentAsync(c.Id, Guardian(s, "vh-1"));
        await s.RecordConsentAsync(c.Id, Guardian(s, "vh-2"));
        await s.RecordConsentAsync(c.Id, new Sip.Workflow.Consent
        {
            Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Oral, GivenAt = s.Time.GetUtcNow(),
            MaturityAssessment = new MaturityAssessment { AssessedAt = s.Time.GetUtcNow(), AssessedBy = "Skolkurator" },
            Parties = new ConsentParties { ExceptKinds = [ParticipantKind.School] },
        });
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);

        await s.ExpectUnmetAsync(c.Id, "CONSENT-PARTY-COVERED", () => Add(s, c.Id, ParticipantKind.School, SipTestData.SchoolUnit));
    }

    [Theory]
    [InlineData("Centralskolan elevhälsa", "HSA-999")]
    [InlineData("Centralskolan\u00a0 elevhälsa", null)]
    [InlineData("Elevhälsan (annat namn)", "sko-1")]
    public async Task An_excepted_organisation_is_caught_by_its_name_or_its_identifier(string name, string? identifier)
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        await s.RecordConsentAsync(c.Id, SipTestData.OwnConsent(s.Time.GetUtcNow()) with { Parties = new ConsentParties { ExceptOrganisations = [Excluded] } });
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);

        await s.ExpectUnmetAsync(c.Id, "CONSENT-PARTY-COVERED", () => Add(s, c.Id, ParticipantKind.School, new OrganisationReference { Name = name, Identifier = identifier }));
    }

    [Fact]
    public async Task A_god_man_who_may_not_consent_may_not_withdraw_either()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Withdraw(s, c.Id, ConsentGiver.CourtAppointedRepresentative, "gm-1")))
            .Message.Should().Contain("does not let a god man");
    }

    [Fact]
    public async Task After_coming_of_age_a_former_guardian_cannot_withdraw_and_the_young_adults_no_ends_the_SIP()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync(Child(new SipYearMonth(2008, 4)));
        s.Time.SetUtcNow(new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero));

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Withdraw(s, c.Id, ConsentGiver.LegalGuardian, "vh-1")))
            .Message.Should().Contain("no longer decides");

        var no = await Withdraw(s, c.Id, ConsentGiver.Individual);
        no.Case.State.Should().Be(SipState.Closed);
        no.Case.ConsentRefusals.Should().ContainSingle().Which.WithdrawnBy.Should().Be(ConsentGiver.Individual);
    }
}
