using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sip.Workflow.AspNetCore.Tests;

public sealed class QueryTests(SipApi api) : IClassFixture<SipApi>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("?language=en", null, SipLanguage.English)]
    [InlineData("", "en", SipLanguage.English)]
    [InlineData("?language=sv", "en", SipLanguage.Swedish)]
    public async Task PermittedActions_SpeakTheLanguageAskedFor(string query, string? acceptLanguage, SipLanguage expected)
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sip/cases/{caseId}/permitted-actions{query}");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var actions = await (await client.SendAsync(request, Cancel)).Content.ReadFromJsonAsync<JsonArray>(Cancel);

        var preparation = actions!.Single(a => a!["trigger"]!.GetValue<string>() == "StartPreparation")!;
        preparation["isPermitted"]!.GetValue<bool>().Should().BeFalse();
        preparation["unmetRequirements"]![0]!["text"]!.GetValue<string>().Should().Be(SipRequirements.ConsentInformationSharing.Text(expected));
    }

    [Fact]
    public async Task DueWork_PagesThroughOverdueCases()
    {
        using var client = api.Caseworker();
        var opened = new[] { await client.OpenCaseAsync(), await client.OpenCaseAsync(), await client.OpenCaseAsync() };
        var horizon = Uri.EscapeDataString(api.Time.GetUtcNow().AddDays(30).ToString("O"));

        var seen = new List<string>();
        string? token = null;
        do
        {
            var uri = $"/sip/due-work?dueAtOrBefore={horizon}&pageSize=1" + (token is null ? string.Empty : $"&continuationToken={Uri.EscapeDataString(token)}");
            var page = await client.GetFromJsonAsync<JsonObject>(uri, Cancel);
            seen.AddRange(page!["items"]!.AsArray().Select(i => i!["caseId"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        seen.Should().Contain(opened).And.OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("dueAtOrBefore=tomorrow", "dueAtOrBefore")]
    public async Task DueWork_WithABadQueryValue_Is400NamingIt(string query, string name)
    {
        using var client = api.Caseworker();

        var response = await client.GetAsync($"/sip/due-work?{query}", Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]![name].Should().NotBeNull();
    }

    [Fact]
    public async Task QueryCases_FindsTheIndividualsCasesWithoutTheReferenceInTheUrl()
    {
        using var client = api.Caseworker();
        // Letters only: a Guid's hex holds ten digits in a row that read as a personal identity number about once in 300
        // runs, and the store refuses such a reference (which made this test fail now and then).
        var reference = "patient-" + string.Concat(Guid.NewGuid().ToString("N").Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c));
        var response = await client.PostAsync("/sip/cases", new { individual = new { reference }, origin = CaseOrigin.Outpatient(), identifiedBy = PrincipalKind.Municipality });
        var caseId = (await response.JsonAsync())["case"]!["id"]!.GetValue<string>();

        var page = await (await client.PostAsync("/sip/cases/query", new { subject = reference, state = SipState.NeedIdentified })).JsonAsync();

        page["cases"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal(caseId);
        page["cases"]![0]!["individual"]!["reference"]!.GetValue<string>().Should().Be(reference, "a subject reference is a plain string");
    }

    [Fact]
    public async Task Checkpoint_NamesTheCaseAndItsVersion()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();

        var checkpoint = await client.GetFromJsonAsync<JsonObject>($"/sip/cases/{caseId}/checkpoint", Cancel);

        checkpoint!["caseId"]!.GetValue<string>().Should().Be(caseId);
        checkpoint["version"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task Policies_AndTheDiagramOfEach()
    {
        using var client = api.Caseworker();

        var policies = await client.GetFromJsonAsync<JsonArray>("/sip/policies", Cancel);
        var name = policies![0]!["name"]!.GetValue<string>();
        var mermaid = await client.GetStringAsync($"/sip/process/diagram?policy={Uri.EscapeDataString(name)}&language=en", Cancel);
        var dot = await client.GetStringAsync("/sip/process/diagram?format=dot", Cancel);
        var unknown = await client.GetAsync("/sip/process/diagram?policy=Nowhere", Cancel);

        name.Should().Be(SipPolicy.NationalGuidance.Name);
        mermaid.Should().StartWith("stateDiagram-v2");
        dot.Should().Contain("digraph");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.JsonAsync())["errors"]!["policyName"].Should().NotBeNull();
    }
}
