using System.Text.RegularExpressions;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Documents;

public sealed partial class PlanDocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, PlanDocumentAudience, SipLanguage> Lifecycles()
    {
        var data = new TheoryData<string, PlanDocumentAudience, SipLanguage>();
        foreach (var preset in SipPolicy.PresetKeys.Append("Discharge"))
        {
            foreach (var audience in Enum.GetValues<PlanDocumentAudience>())
            {
                foreach (var language in Enum.GetValues<SipLanguage>())
                {
                    data.Add(preset, audience, language);
                }
            }
        }

        return data;
    }

    private static async Task<(SipScenario Scenario, SipCase Case)> EstablishedAsync(string preset, Individual? individual = null)
    {
        if (preset == "Discharge")
        {
            var discharge = new SipScenario(SipPolicy.VastraGotaland);
            return (discharge, await discharge.PlanEstablishedAsync(individual, CaseOrigin.InpatientDischarge(discharge.Time.GetUtcNow().AddDays(-1))));
        }

        SipPolicy.TryGetPreset(preset, out var policy).Should().BeTrue();
        var s = new SipScenario(policy);
        return (s, await s.PlanEstablishedAsync(individual));
    }

    [Theory]
    [MemberData(nameof(Lifecycles))]
    public async Task A_rendered_plan_states_every_statutory_item_the_lead_principal_and_the_follow_up(string preset, PlanDocumentAudience audience, SipLanguage language)
    {
        var (_, c) = await EstablishedAsync(preset);
        var html = SipPlanDocument.Render(c, 1, audience, language, new PlanDocumentOptions { IndividualDisplayName = "Greta Lund" });
        var sv = language == SipLanguage.Swedish;

        // The interventions needed, and which each principal answers for.
        foreach (var line in c.Plan!.ByPrincipals)
        {
            html.Should().Contain(Html(line.What));
        }

        html.Should().Contain(sv ? "<h3>Kommunen</h3>" : "<h3>The municipality</h3>").And.Contain(sv ? "<h3>Regionen</h3>" : "<h3>The region</h3>");

        // The actions by others, and the lead principal with its coordinator.
        foreach (var line in c.Plan.ActionsByOthers)
        {
            html.Should().Contain(Html(line.What));
        }

        html.Should().Contain(Html(c.LeadPrincipal!.Organisation.Name));
        if (c.LeadPrincipal.Coordinator is { } coordinator)
        {
            html.Should().Contain(Html(coordinator.Name));
        }

        // The follow-up booked, in Swedish time, and the legal basis in force on the day.
        html.Should().Contain(SipLegalReferences.SwedishTimeOf(c.FollowUpBooking!.At).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        html.Should().Contain("16 kap. 4 § hälso- och sjukvårdslagen (2017:30)");
        html.Should().Contain(sv ? "lang=\"sv\"" : "lang=\"en\"");
        html.Should().Contain("Greta Lund");
        if (audience == PlanDocumentAudience.Archive)
        {
            html.Should().Contain(c.Id.ToString()).And.Contain(c.HistoryHead!);
        }
        else
        {
            html.Should().NotContain(c.Id.ToString(), "only the archive copy carries the record's ids");
        }

        AssertAccessible(html);
    }

    [Fact]
    public async Task The_individuals_copy_speaks_to_them_in_plain_language()
    {
        var (_, c) = await EstablishedAsync(nameof(SipPolicy.RegionHalland));

        var html = SipPlanDocument.Render(c, 1, PlanDocumentAudience.Individual, SipLanguage.Swedish);

        html.Should().Contain("Det här är viktigt för dig").And.Contain("Så når du din samordnare").And.Contain("Om din situation förändras")
            .And.Contain(Html(c.LeadPrincipal!.Coordinator!.ContactDetails!));
        SipPlanDocument.Render(c, 1, PlanDocumentAudience.Participants, SipLanguage.Swedish).Should().Contain("Det här är viktigt för den enskilde");
    }

    [Fact]
    public async Task A_protected_identity_is_marked_and_no_home_place_or_address_appears()
    {
        var s = new SipScenario(SipPolicy.NationalGuidance);
        var c = await s.ProtectedPlanEstablishedAsync("Hemlig gatan 7, hemma");

        foreach (var audience in Enum.GetValues<PlanDocumentAudience>())
        {
            foreach (var language in Enum.GetValues<SipLanguage>())
            {
                var html = SipPlanDocument.Render(c, 1, audience, language);
                html.Should().NotContain("Hemlig gatan").And.NotContain("hemma hos dig").And.NotContain("at your home");
                html.Should().NotContain("rum 3", "where the individual will be, and when, is what a protected identity hides");
                html.Should().Contain("class=\"protected\"").And.Contain(language == SipLanguage.Swedish ? "Skyddade personuppgifter" : "Protected personal data");
            }
        }
    }

    [Fact]
    public async Task Case_text_is_encoded_so_it_cannot_become_markup()
    {
        var s = new SipScenario(SipPolicy.NationalGuidance);
        var c = await s.SummonedAsync();
        var establish = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3));
        establish = establish with
        {
            Plan = establish.Plan with { WhatMattersToIndividual = "<script>alert('x')</script> & <img src=x onerror=y>\"" },
        };
        c = (await s.Workflow.EstablishPlanAsync(establish, Ct)).Case;

        var html = SipPlanDocument.Render(c, 1, PlanDocumentAudience.Participants, SipLanguage.Swedish);

        html.Should().NotContain("<script").And.NotContain("<img").And.Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;&quot;");
        AssertAccessible(html);
    }

    [Fact]
    public async Task An_unknown_revision_is_refused_naming_the_revisions_there_are()
    {
        var (_, c) = await EstablishedAsync(nameof(SipPolicy.NationalGuidance));

        var act = () => SipPlanDocument.Render(c, 2, PlanDocumentAudience.Archive, SipLanguage.Swedish);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "revision" && e.Message.Contains("1 to 1"));
        ((Action)(() => SipPlanDocument.Render(c, 1, (PlanDocumentAudience)9, SipLanguage.Swedish))).Should().Throw<ArgumentException>().Where(e => e.ParamName == "audience");
    }

    [Fact]
    public async Task The_archive_copy_shows_who_has_the_revision_and_whether_it_is_approved_for_the_individual()
    {
        var (s, c) = await EstablishedAsync(nameof(SipPolicy.NationalGuidance));
        c = (await s.Workflow.RecordPlanDistributedAsync(new RecordPlanDistributed
        {
            CaseId = c.Id, Actor = s.Actor,
            Distribution = new PlanDistribution { Revision = 1, Recipient = PlanRecipientKind.Individual, Channel = PlanDistributionChannel.HandedOver, DistributedAt = s.Time.GetUtcNow() },
        }, Ct)).Case;
        c = (await s.Workflow.ApprovePlanForIndividualAsync(new ApprovePlanForIndividual { CaseId = c.Id, Actor = s.Actor, Revision = 1 }, Ct)).Case;

        var html = SipPlanDocument.Render(c, 1, PlanDocumentAudience.Archive, SipLanguage.Swedish);

        html.Should().Contain("<th scope=\"row\">Exemplar till</th><td>Den enskilde:").And.Contain("<th scope=\"row\">Godkänd för den enskilde</th><td>Ja</td>");
    }

    private static string Html(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>Language, headings in order, tables with captions and scoped headers, print styles; no script and nothing fetched.</summary>
    internal static void AssertAccessible(string html)
    {
        html.Should().StartWith("<!DOCTYPE html>").And.MatchRegex("<html lang=\"(sv|en)\">").And.Contain("<meta charset=\"utf-8\">").And.Contain("@media print");
        html.Should().NotContainAny("<script", "url(", "@import", "<link", "<iframe", "<img", "<object", "<embed");
        Regex.Matches(html, "<[^>]*\\s(src|href|on[a-z]+)=").Should().BeEmpty("nothing is fetched and nothing runs");
        var levels = Heading().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        levels.Should().NotBeEmpty().And.StartWith(1);
        levels.Count(l => l == 1).Should().Be(1, "one h1");
        levels.Zip(levels.Skip(1)).Should().OnlyContain(p => p.Second <= p.First + 1, "no heading level is skipped");
        var tables = Regex.Matches(html, "<table>(.*?)</table>", RegexOptions.Singleline);
        foreach (Match table in tables)
        {
            table.Value.Should().Contain("<caption>");
            Regex.Matches(table.Value, "<th(?=[\\s>])(?![^>]*scope=)").Should().BeEmpty("every header cell has a scope");
        }
    }

    [GeneratedRegex("<h([1-6])>")]
    private static partial Regex Heading();
}
