using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Consents;

/// <summary>
/// Each way the law lets someone consent for the individual is accepted, and the way next to it the law does not allow is
/// refused with nothing changed: an ombud with a power of attorney, a god man or förvaltare (a policy switch), a guardian
/// alone while the other is prevented (FB 6 kap. 13 § andra stycket), the socialnämnd's decision (13 a §), a mature
/// child (OSL 12 kap. 3 §), and the guardians' consents lapsing when the child comes of age (FB 6 kap. 2 §).
/// </summary>
public sealed class ConsentBasisTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Individual Child(SipYearMonth? born = null, int guardians = 2) => new()
    {
        Reference = new SubjectReference("barn-7d1"), IsChild = true, BirthYearMonth = born, LegalGuardians = guardians == 2 ? ["vh-1", "vh-2"] : ["vh-1"],
    };

    private static Sip.Workflow.Consent By(SipScenario s, ConsentGiver giver, string? reference = null) => new()
    {
        Scope = ConsentScope.All, GivenBy = giver, GiverReference = reference, Form = ConsentForm.Written, GivenAt = s.Time.GetUtcNow(),
    };

    private static Task<SipCommandResult> Start(SipScenario s, SipCaseId id)
        => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = s.Actor }, Ct);

    [Fact]
    public async Task An_ombud_consents_with_the_power_of_attorney_named_and_is_refused_without_it()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();

        var refused = await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.RecordConsentAsync(c.Id, By(s, ConsentGiver.Proxy, "ombud-1")));
        refused.ParamName.Should().Be("DocumentReference");
        refused.Message.Should().Contain("power of attorney");

        await s.RecordConsentAsync(c.Id, By(s, ConsentGiver.Proxy, "ombud-1") with { DocumentReference = "Fullmakt dnr 2026/114" });
        (await Start(s, c.Id)).Case.State.Should().Be(SipState.Preparing);
    }

    [Fact]
    public async Task A_god_man_does_not_consent_unless_the_policy_allows_it()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        var godMan = By(s, ConsentGiver.CourtAppointedRepresentative, "god-man-1") with { DocumentReference = "Förordnande 2025-11" };

        var refused = await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.RecordConsentAsync(c.Id, godMan));
        refused.ParamName.Should().Be("GivenBy");
        refused.Message.Should().Contain("personal").And.Contain("CourtAppointedRepresentativeMayConsent");

        var allowing = new SipScenario(SipPolicy.NationalGuidance with { Name = "Kommun med juridiskt stöd", CourtAppointedRepresentativeMayConsent = true });
        var d = await allowing.OpenAsync();
        await allowing.RecordConsentAsync(d.Id, godMan with { GivenAt = allowing.Time.GetUtcNow() });
        (await Start(allowing, d.Id)).Case.State.Should().Be(SipState.Preparing);
    }

    [Fact]
    public async Task One_guardian_consents_alone_while_the_other_is_prevented_but_not_once_the_other_has_said_no()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync(Child());
        var alone = By(s, ConsentGiver.LegalGuardian, "vh-1") with { SoleGuardianReason = "Den andra vårdnadshavaren vårdas på sjukhus utomlands; beslutet kan inte vänta." };

        await s.RecordConsentAsync(c.Id, alone);
        (await Start(s, c.Id)).Case.State.Should().Be(SipState.Preparing, "13 § andra stycket lets one guardian decide while the other is prevented");

        // Both consent, then the other withdraws: they are not prevented, they refuse — a lone consent is refused.
        var d = await s.OpenAsync(Child());
        await s.RecordConsentAsync(d.Id, By(s, ConsentGiver.LegalGuardian, "vh-1"));
        await s.RecordConsentAsync(d.Id, By(s, ConsentGiver.LegalGuardian, "vh-2"));
        await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = d.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.LegalGuardian, WithdrawnByReference = "vh-2" }, Ct);
        var refused = await s.ExpectRefusedAsync<ArgumentException>(d.Id, () => s.RecordConsentAsync(d.Id, alone));
        refused.ParamName.Should().Be("SoleGuardianReason");
        refused.Message.Should().Contain("13 a");
    }

    [Fact]
    public async Task A_lone_guardians_reason_is_only_for_a_child_with_two_guardians_and_only_from_a_guardian()
    {
        var s = new SipScenario();
        var one = await s.OpenAsync(Child(guardians: 1));
        (await s.ExpectRefusedAsync<ArgumentException>(one.Id,
            () => s.RecordConsentAsync(one.Id, By(s, ConsentGiver.LegalGuardian, "vh-1") with { SoleGuardianReason = "x" }))).ParamName.Should().Be("SoleGuardianReason");

        var adult = await s.OpenAsync();
        (await s.ExpectRefusedAsync<ArgumentException>(adult.Id,
            () => s.RecordConsentAsync(adult.Id, By(s, ConsentGiver.Individual) with { SoleGuardianReason = "x" }))).ParamName.Should().Be("SoleGuardianReason");
    }

    [Fact]
    public async Task The_socialnamnds_decision_stands_in_for_the_guardian_who_does_not_consent()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync(Child());
        await s.RecordConsentAsync(c.Id, By(s, ConsentGiver.LegalGuardian, "vh-1"));
        await s.ExpectUnmetAsync(c.Id, "CONSENT-BOTH-GUARDIANS", () => Start(s, c.Id));

        var decision = By(s, ConsentGiver.SocialWelfareBoard);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.RecordConsentAsync(c.Id, decision))).ParamName.Should().Be("DocumentReference");
        await s.RecordConsentAsync(c.Id, decision with { DocumentReference = "SN beslut 2026-02-27 § 41" });

        (await Start(s, c.Id)).Case.State.Should().Be(SipState.Preparing);
    }

    [Fact]
    public async Task The_socialnamnds_decision_alone_is_no_consent_and_is_refused_for_an_adult_or_a_child_with_one_guardian()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync(Child());
        await s.RecordConsentAsync(c.Id, By(s, ConsentGiver.SocialWelfareBoard) with { DocumentReference = "SN § 41" });
        var refused = await s.ExpectUnmetAsync(c.Id, "CONSENT-INFORMATION-SHARING", () => Start(s, c.Id));
        refused.UnmetRequirements.Select(u => u.Code).Should().Contain("CONSENT-BOTH-GUARDIANS");

        var one = await s.OpenAsync(Child(guardians: 1));
        (await s.ExpectRefusedAsync<ArgumentException>(one.Id, () => s.RecordConsentAsync(one.Id, By(s, ConsentGiver.SocialWelfareBoard) with { DocumentReference = "SN § 41" })))
            .Message.Should().Contain("two guardians");

        var adult = await s.OpenAsync();
        (await s.ExpectRefusedAsync<ArgumentException>(adult.Id, () => s.RecordConsentAsync(adult.Id, By(s, ConsentGiver.SocialWelfareBoard) with { DocumentReference = "SN § 41" })))
            .ParamName.Should().Be("GivenBy");
    }

    private static SipPolicy MatureFrom15 { get; } = SipPolicy.NationalGuidance with { Name = "Barn från 15 år", ChildConsentFromAge = 15 };

    private static MaturityAssessment Assessed(SipScenario s) => new() { AssessedAt = s.Time.GetUtcNow(), AssessedBy = "Kurator, elevhälsan", Grounds = "Samtal" };

    [Fact]
    public async Task A_mature_child_consents_themself_where_the_policy_allows_it_and_the_guardians_are_then_not_needed()
    {
        var s = new SipScenario(MatureFrom15);
        var c = await s.OpenAsync(Child(new SipYearMonth(2010, 1)));

        var own = await s.RecordConsentAsync(c.Id, By(s, ConsentGiver.Individual) with { MaturityAssessment = Assessed(s) });

        own.Case.Consents.Should().ContainSingle(x => x.MaturityAssessment != null);
        own.Event.Details.Should().Contain("maturityAssessed", "true");
        (await Start(s, c.Id)).Case.State.Should().Be(SipState.Preparing);
    }

    [Fact]
    public async Task A_childs_own_consent_is_refused_without_the_switch_the_assessment_the_birth_month_or_the_age()
    {
        var off = new SipScenario();
        var c = await off.OpenAsync(Child(new SipYearMonth(2010, 1)));
        (await off.ExpectRefusedAsync<ArgumentException>(c.Id, () => off.RecordConsentAsync(c.Id, By(off, ConsentGiver.Individual) with { MaturityAssessment = Assessed(off) })))
            .Message.Should().Contain("ChildConsentFromAge").And.Contain("ChildsViews");

        var s = new SipScenario(MatureFrom15);
        var d = await s.OpenAsync(Child(new SipYearMonth(2010, 1)));
        (await s.ExpectRefusedAsync<ArgumentException>(d.Id, () => s.RecordConsentAsync(d.Id, By(s, ConsentGiver.Individual)))).ParamName.Should().Be("MaturityAssessment");

        var unknown = await s.OpenAsync(Child());
        (await s.ExpectRefusedAsync<ArgumentException>(unknown.Id, () => s.RecordConsentAsync(unknown.Id, By(s, ConsentGiver.Individual) with { MaturityAssessment = Assessed(s) })))
            .Message.Should().Contain("birth year-month");

        // Born in March 2011: 14 at the earliest on 2 March 2026, and counted from the end of the month, not yet 15 for sure.
        var young = await s.OpenAsync(Child(new SipYearMonth(2011, 3)));
        (await s.ExpectRefusedAsync<ArgumentException>(young.Id, () => s.RecordConsentAsync(young.Id, By(s, ConsentGiver.Individual) with { MaturityAssessment = Assessed(s) })))
            .Message.Should().Contain("from the age of 15");
    }

    [Fact]
    public async Task A_childs_views_are_recorded_with_the_guardians_consent_and_refused_for_an_adult()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync(Child());
        var recorded = await s.RecordConsentAsync(c.Id, By(s, ConsentGiver.LegalGuardian, "vh-1") with { ChildsViews = "Vill att skolan är med, inte fritids." });
        recorded.Case.Consents[0].ChildsViews.Should().Be("Vill att skolan är med, inte fritids.");

        var adult = await s.OpenAsync();
        (await s.ExpectRefusedAsync<ArgumentException>(adult.Id, () => s.RecordConsentAsync(adult.Id, By(s, ConsentGiver.Individual) with { ChildsViews = "x" })))
            .ParamName.Should().Be("ChildsViews");
    }

    [Fact]
    public async Task The_guardians_consents_lapse_when_the_child_comes_of_age_and_due_work_asks_for_the_young_adults_own()
    {
        // Born April 2008: the 18th birthday falls in April 2026, so the guardians' consents lapse on 1 April 2026 at the latest possible safe day.
        var s = new SipScenario();
        var c = await s.ConsentedAsync(Child(new SipYearMonth(2008, 4)));
        (await Start(s, c.Id)).Case.State.Should().Be(SipState.Preparing);

        var due = (await s.Workflow.GetDueWorkAsync(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(2)), cancellationToken: Ct)).Items.Should().ContainSingle().Subject;
        due.OpenDeadlines.Should().Contain(d => d.Requirement.Code == "DEADLINE-OWN-CONSENT" && d.DueAt == new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero),
            "the day begins at midnight Swedish (summer) time");

        s.Time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero));
        var id = c.Id;
        await s.ExpectUnmetAsync(id, "CONSENT-INFORMATION-SHARING", () => s.AddAsync(id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit));

        var guardian = await s.ExpectRefusedAsync<ArgumentException>(id, () => s.RecordConsentAsync(id, By(s, ConsentGiver.LegalGuardian, "vh-1")));
        guardian.Message.Should().Contain("come of age");

        await s.RecordConsentAsync(id, By(s, ConsentGiver.Individual));
        await s.AddAsync(id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await s.AddAsync(id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        await s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(5)) }, Ct);
        (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = id, Actor = s.Actor }, Ct)).Case.State.Should().Be(SipState.Summoned);
        (await s.Workflow.GetDueWorkAsync(s.Time.GetUtcNow(), cancellationToken: Ct)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task A_recorded_coming_of_age_day_replaces_the_estimate_and_is_checked_against_the_birth_month()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync(Child(new SipYearMonth(2008, 4)));
        var change = (DateOnly day) => s.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = false, ComingOfAge = day }, Ct);

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => change(new DateOnly(2026, 5, 3)))).ParamName.Should().Be("ComingOfAge");

        var changed = await change(new DateOnly(2026, 4, 17));
        changed.Case.Individual.ComesOfAgeOn.Should().Be(new DateOnly(2026, 4, 17));
        changed.Event.Details.Should().Contain("comingOfAgeRecorded", "true").And.NotContainKey("comingOfAge");
        changed.Case.HasConsent(ConsentScope.All, new DateOnly(2026, 4, 16), SipPolicy.NationalGuidance).Should().BeTrue();
        changed.Case.HasConsent(ConsentScope.All, new DateOnly(2026, 4, 17), SipPolicy.NationalGuidance).Should().BeFalse();

        var adult = await s.OpenAsync();
        (await s.ExpectRefusedAsync<ArgumentException>(adult.Id,
            () => s.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = adult.Id, Actor = s.Actor, HasProtectedIdentity = false, ComingOfAge = new DateOnly(2026, 1, 1) }, Ct)))
            .ParamName.Should().Be("ComingOfAge");
    }

    [Theory]
    [InlineData(true, 2000, "18 or older")]
    [InlineData(false, 2015, "under 18")]
    public async Task A_birth_month_that_contradicts_the_child_flag_is_refused_at_opening(bool isChild, int year, string says)
    {
        var s = new SipScenario();
        var individual = isChild ? Child(new SipYearMonth(year, 6)) : SipTestData.Adult() with { BirthYearMonth = new SipYearMonth(year, 6) };

        var open = () => s.Workflow.OpenCaseAsync(new OpenCase { Actor = s.Actor, Individual = individual, Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region }, Ct);

        (await open.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(says);
        (await s.Workflow.QueryCasesAsync(new SipCaseQuery(), Ct)).Cases.Should().BeEmpty();
    }

    [Fact]
    public void A_year_month_reads_and_writes_as_yyyy_MM_and_refuses_anything_else()
    {
        SipYearMonth.Parse("2011-04").Should().Be(new SipYearMonth(2011, 4));
        new SipYearMonth(2011, 4).ToString().Should().Be("2011-04");
        SipYearMonth.TryParse("2011-4", out _).Should().BeFalse();
        SipYearMonth.TryParse("2011-13", out _).Should().BeFalse();
        FluentActions.Invoking(() => new SipYearMonth(2011, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("month");
        new SipYearMonth(2011, 2).LastDay.Should().Be(new DateOnly(2011, 2, 28));
    }
}
