using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sip.Workflow.Storage;

namespace Sip.Workflow.AspNetCore.Tests;

/// <summary>The reads through HTTP name the signed-in user: the access rules decide and the access log records them.</summary>
public sealed class AccessTests(SipApi api) : IClassFixture<SipApi>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ISipAccessLogStore Log => (ISipAccessLogStore)api.Services.GetRequiredService<ISipCaseStore>();

    [Fact]
    public async Task AReadOfACaseAndItsHistory_IsLoggedWithTheUserAndTheWhyCode()
    {
        using var client = api.Caseworker("hsa-vcs-reader");
        var caseId = await client.OpenCaseAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sip/cases/{caseId}");
        request.Headers.Add("Sip-Access-Reason", "uppföljning");

        (await client.SendAsync(request, Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync($"/sip/cases/{caseId}/history", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);

        var log = await Log.ReadAccessLogAsync(new SipAccessLogQuery { CaseId = new SipCaseId(Guid.Parse(caseId)) }, Cancel);
        log.Select(r => (r.Actor.UserId, r.Action, r.Reason, r.Allowed)).Should().Equal(
            ("hsa-vcs-reader", SipAccessAction.ReadCase, "uppföljning", true),
            ("hsa-vcs-reader", SipAccessAction.ReadHistory, (string?)null, true));
    }

    [Fact]
    public async Task AUserOfAnOrganisationWithNoPartInTheCase_Is403NamingTheRule_AndTheRefusedReadIsLogged()
    {
        using var owner = api.Caseworker();
        var caseId = await owner.OpenCaseAsync();
        using var stranger = api.Caseworker("fk-777", "Försäkringskassan");

        var response = await stranger.GetAsync($"/sip/cases/{caseId}", Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Cancel);
        problem!["type"]!.GetValue<string>().Should().Be(SipProblemTypes.AccessRefused);
        problem["rule"]!.GetValue<string>().Should().Be(SipAccessRuleNames.ParticipatingOrganisation);
        var log = await Log.ReadAccessLogAsync(new SipAccessLogQuery { UserId = "fk-777" }, Cancel);
        log.Should().ContainSingle(r => r.CaseId == new SipCaseId(Guid.Parse(caseId)) && !r.Allowed && r.Rule == SipAccessRuleNames.ParticipatingOrganisation);
    }

    [Fact]
    public async Task DueWork_ListsOnlyTheCasesTheUserMaySee()
    {
        using var owner = api.Caseworker();
        var caseId = await owner.OpenCaseAsync();
        using var stranger = api.Caseworker("fk-778", "Försäkringskassan");
        var horizon = Uri.EscapeDataString(api.Time.GetUtcNow().AddDays(30).ToString("O"));

        var own = await owner.GetFromJsonAsync<JsonObject>($"/sip/due-work?dueAtOrBefore={horizon}&pageSize=1000", Cancel);
        var theirs = await stranger.GetFromJsonAsync<JsonObject>($"/sip/due-work?dueAtOrBefore={horizon}&pageSize=1000", Cancel);

        own!["items"]!.AsArray().Select(i => i!["caseId"]!.GetValue<string>()).Should().Contain(caseId);
        theirs!["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task AnAnonymousRead_Is401AndReadsNothing()
    {
        using var owner = api.Caseworker();
        var caseId = await owner.OpenCaseAsync();
        using var anonymous = api.CreateClient();

        (await anonymous.GetAsync($"/sip/cases/{caseId}", Cancel)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Log.ReadAccessLogAsync(new SipAccessLogQuery { CaseId = new SipCaseId(Guid.Parse(caseId)) }, Cancel)).Should().BeEmpty();
    }
}
