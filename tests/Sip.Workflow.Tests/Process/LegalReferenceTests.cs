using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Process;

/// <summary>
/// Legal references are data with validity: every citation has a checked structure, and a refusal or a due-work item
/// cites the law in force on the (Swedish) date of the event — socialtjänstlagen (2001:453) up to 30 June 2025,
/// socialtjänstlagen (2025:400) from 1 July 2025.
/// </summary>
public sealed partial class LegalReferenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Codes() => [.. SipRequirements.All.Select(r => r.Code)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_reference_has_the_structure_of_its_kind_and_a_sane_validity(string code)
    {
        var requirement = SipRequirements.Find(code)!;

        requirement.References.Should().NotBeEmpty();
        // A reading of the law cites the law it is read from; every other requirement is labelled by a source it cites.
        var cited = requirement.Source == RequirementSource.DerivedFromLaw ? RequirementSource.Law : requirement.Source;
        requirement.References.Should().Contain(r => r.Kind == cited, "a requirement is labelled by a source it actually cites");
        foreach (var r in requirement.References)
        {
            r.Title.Should().NotBeNullOrWhiteSpace();
            if (r.ValidFrom is { } from && r.ValidTo is { } to)
            {
                from.Should().BeOnOrBefore(to);
            }

            if (r.Kind == RequirementSource.Law && r.Chapter is null && r.Section is null)
            {
                // A whole act, where the provision could not be confirmed against the statute text: the note says so.
                r.Note.Should().Contain("inte kunnat bekräftas", $"{r.Citation} names neither chapter nor section, and must say why");
                r.Citation.Should().Be($"{r.Title} ({r.Sfs}) {r.TitleAfterSfs}".Trim());
            }
            else if (r.Kind == RequirementSource.Law && r.Chapter is null)
            {
                // An act without chapters (lag (1930:173)) is cited by its section.
                r.Section.Should().NotBeNull($"{r.Citation} has no chapters, so it names its section");
                r.Citation.Should().StartWith($"{r.Section} § ");
            }
            else if (r.Kind == RequirementSource.Law)
            {
                r.Chapter.Should().BePositive($"{r.Citation} names its chapter");
                if (r.Sfs is { } sfs)
                {
                    sfs.Should().MatchRegex(@"^(19|20)\d\d:\d{1,4}$");
                }

                if (r.Section is { } section)
                {
                    section.Should().MatchRegex(@"^\d{1,3}( [a-z])?$");
                }
                else
                {
                    r.Note.Should().NotBeNullOrWhiteSpace($"{r.Citation} cites no section, and must say why");
                }

                r.Citation.Should().StartWith($"{r.Chapter} kap. ");
            }
            else
            {
                (r.Sfs, r.Chapter, r.Section).Should().Be((null, null, null), $"{r.Citation} is guidance, not a statute");
            }

            r.Citation.Should().NotContain("LSU", "LSU is lag (1998:603) om verkställighet av sluten ungdomsvård, not the discharge act");
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_statutory_requirement_cites_law_in_force_on_every_day_and_one_social_services_act_at_a_time(string code)
    {
        var requirement = SipRequirements.Find(code)!;
        if (requirement.Source != RequirementSource.Law)
        {
            return;
        }

        for (var day = new DateOnly(2018, 1, 1); day <= new DateOnly(2030, 12, 31); day = day.AddDays(30))
        {
            var inForce = requirement.ReferencesOn(day);
            inForce.Should().Contain(r => r.Kind == RequirementSource.Law, $"{code} rests on law on {day}");
            inForce.Count(r => r.Title == "socialtjänstlagen").Should().BeLessThanOrEqualTo(1, $"only one social services act is in force on {day}");
        }
    }

    [Fact]
    public void The_catalogue_cannot_be_changed_through_a_requirement()
    {
        var references = SipRequirements.ConsentPlanEstablishment.References;

        var overwrite = () => ((IList<SipLegalReference>)references)[0] = SipLegalReferences.OldSocialServicesAct;

        overwrite.Should().Throw<NotSupportedException>();
        SipRequirements.PlanInterventions.References[0].Should().Be(SipLegalReferences.HealthCareAct, "requirements sharing a citation share no mutable state");
    }

    [Fact]
    public void The_plan_cites_the_old_social_services_act_up_to_30_june_2025_and_the_new_from_1_july()
    {
        var plan = SipRequirements.ConsentPlanEstablishment;

        plan.CitationOn(new DateOnly(2025, 6, 30)).Should().Be("16 kap. 4 § hälso- och sjukvårdslagen (2017:30); 2 kap. 7 § socialtjänstlagen (2001:453)");
        plan.CitationOn(new DateOnly(2025, 7, 1)).Should().Be("16 kap. 4 § hälso- och sjukvårdslagen (2017:30); 10 kap. 8 § socialtjänstlagen (2025:400)");
        SipRequirements.PlanKinParticipation.CitationOn(new DateOnly(2025, 7, 1)).Should().EndWith("10 kap. 9 § socialtjänstlagen (2025:400)");
    }

    [Fact]
    public void The_discharge_deadline_cites_the_discharge_act_by_its_full_name()
    {
        var citation = SipRequirements.DeadlineDischargeSummons.CitationOn(new DateOnly(2026, 1, 1));

        citation.Should().StartWith("4 kap. lagen (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård; ")
            .And.EndWith("2 § lagen (1930:173) om beräkning av lagstadgad tid");
        SipRequirements.DeadlineDischargeSummons.References[0].ShortTitle.Should().Be("samverkanslagen");
    }

    [Theory]
    [InlineData("2025-06-30T21:59:59Z", "2025-06-30")]
    [InlineData("2025-06-30T22:00:00Z", "2025-07-01")]
    [InlineData("2025-01-01T22:59:59Z", "2025-01-01")]
    [InlineData("2025-01-01T23:00:00Z", "2025-01-02")]
    [InlineData("2025-03-30T00:59:59Z", "2025-03-30")]
    [InlineData("2025-03-29T23:30:00Z", "2025-03-30")]
    [InlineData("2025-10-25T22:00:00Z", "2025-10-26")]
    [InlineData("2025-10-26T22:59:59Z", "2025-10-26")]
    [InlineData("2025-06-30T23:30:00+01:00", "2025-07-01")]
    public void The_date_of_an_event_is_the_date_in_sweden(string instant, string date)
        => SipLegalReferences.SwedishDateOf(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("2025-06-30T21:30:00Z", "2001:453", "2025:400")]
    [InlineData("2025-06-30T22:30:00Z", "2025:400", "2001:453")]
    public async Task A_refusal_cites_the_social_services_act_in_force_in_sweden_at_that_moment(string at, string cited, string notCited)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(-10));
        var store = new InMemorySipCaseStore();
        var s = new SipScenario(new SipWorkflow(store, new SipWorkflowOptions(), time), store, time);
        var c = await s.OpenAsync();
        time.Advance(TimeSpan.FromMinutes(10));

        var refused = await Assert.ThrowsAsync<SipRequirementsNotMetException>(() => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct));

        var unmet = refused.UnmetRequirements.Single(u => u.Code == "CONSENT-INFORMATION-SHARING");
        unmet.LegalReference.Should().Contain($"socialtjänstlagen ({cited})").And.NotContain(notCited).And.Contain("12 kap. 2 § offentlighets- och sekretesslagen (2009:400)");
        refused.Message.Should().Contain($"socialtjänstlagen ({cited})").And.NotContain(notCited);
        (await store.GetHistoryAsync(c.Id, Ct)).Should().ContainSingle("a refused command changes nothing");
    }

    [Theory]
    [InlineData(2025, 6, 20, "2001:453")]
    [InlineData(2025, 6, 27, "2025:400")]
    public void A_due_work_item_cites_the_law_in_force_on_the_day_the_deadline_falls(int year, int month, int day, string cited)
    {
        var opened = new DateTimeOffset(year, month, day, 8, 0, 0, TimeSpan.Zero);
        var deadline = new SipDeadline(SipRequirements.DeadlineStart, opened + SipPolicy.NationalMinimum.StartWithin);

        var item = new DueWorkItem(SipCaseId.New(), SipState.NeedIdentified, deadline, IsOverdue: false, [deadline], LeadPrincipal: null);

        item.LegalReference.Should().Contain($"socialtjänstlagen ({cited})");
    }

    [Fact]
    public void A_policy_may_shorten_the_statutory_start_deadline_but_never_lengthen_it()
    {
        (SipPolicy.NationalGuidance with { StartWithin = TimeSpan.FromDays(2) }).Validate().Should().BeEmpty();

        var problems = (SipPolicy.NationalGuidance with { StartWithin = TimeSpan.FromDays(6) }).Validate();

        problems.Should().ContainSingle().Which.Should().Contain("StartWithin").And.Contain("never lengthen");
    }

    [Fact]
    public void Sector_guidance_is_not_called_national_guidance_and_regional_rules_are_not_in_the_national_preset()
    {
        SipRequirements.All.SelectMany(r => r.References).Where(r => SkrTitle().IsMatch(r.Title))
            .Should().OnlyContain(r => r.Kind == RequirementSource.SectorGuidance, "SKR is a member organisation, not a state authority");
        SipRequirements.DeadlineFollowUp.Source.Should().Be(RequirementSource.RegionalAgreement, "its only source is a regional guideline");
        SipRequirements.All.Where(r => r.Source == RequirementSource.RegionalAgreement)
            .Where(r => r.Code != "DEADLINE-FOLLOW-UP" && r.Code != "SUMMONS-MEETING")
            .Should().OnlyContain(r => !SipPolicy.NationalGuidance.IsInForce(r) || r.Kind == RequirementKind.Deadline,
                "the national preset holds no regional rule");
    }

    [GeneratedRegex("^SKR")]
    private static partial Regex SkrTitle();
}
