using System.Net;
using System.Net.Http.Json;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.AspNetCore.Tests;

public sealed class ConcurrencyTests(SipApi api) : IClassFixture<SipApi>
{
    private object Consent => new { consent = SipTestData.OwnConsent(api.Time.GetUtcNow()) };

    [Fact]
    public async Task Command_WithTheCurrentETag_AppliesAndAnswersTheNewETag()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", Consent, ifMatch: "\"1\"");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.Should().Be("\"2\"");
    }

    [Fact]
    public async Task Command_WithAStaleETag_Is412AndSavesNothing()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();
        (await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", Consent)).EnsureSuccessStatusCode();

        // The caseworker's form was loaded at version 1; someone has consented since.
        var stale = await client.PostAsync($"/sip/cases/{caseId}/commands/start-preparation", new { }, ifMatch: "\"1\"");

        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        stale.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await stale.JsonAsync();
        problem["type"]!.GetValue<string>().Should().Be(SipProblemTypes.StaleVersion);
        problem["expectedVersion"]!.GetValue<long>().Should().Be(1);
        problem["actualVersion"]!.GetValue<long>().Should().Be(2);
        problem["caseId"]!.GetValue<string>().Should().Be(caseId);
        (await client.HistoryLengthAsync(caseId)).Should().Be(2, "the refused command wrote nothing");
        (await client.GetFromJsonAsync<Dictionary<string, object>>($"/sip/cases/{caseId}", TestContext.Current.CancellationToken))!["state"].ToString()
            .Should().Be("NeedIdentified");
    }

    [Fact]
    public async Task Command_WithIfMatchStar_AppliesToAnyVersion()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", Consent, ifMatch: "*");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("W/\"1\"")]
    [InlineData("\"0\"")]
    [InlineData("\"1\", \"2\"")]
    public async Task Command_WithAMalformedIfMatch_Is400NamingTheHeader(string ifMatch)
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", Consent, ifMatch: ifMatch);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem["type"]!.GetValue<string>().Should().Be(SipProblemTypes.InvalidInput);
        problem["errors"]!["If-Match"].Should().NotBeNull();
        (await client.HistoryLengthAsync(caseId)).Should().Be(1);
    }

    [Fact]
    public async Task GetCase_WithTheCurrentETagInIfNoneMatch_Is304()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sip/cases/{caseId}");
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
    }
}
