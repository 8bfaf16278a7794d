using System.Net;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.AspNetCore.Tests;

public sealed class IdempotencyTests(SipApi api) : IClassFixture<SipApi>
{
    [Fact]
    public async Task Command_RetriedWithTheSameKey_ReplaysTheFirstResultAndAppliesNothing()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();
        var body = new { consent = SipTestData.OwnConsent(api.Time.GetUtcNow()) };
        var key = Guid.NewGuid().ToString();

        var first = await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", body, idempotencyKey: key);
        var retry = await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", body, idempotencyKey: key);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        var (original, replayed) = (await first.JsonAsync(), await retry.JsonAsync());
        replayed["event"]!.ToJsonString().Should().Be(original["event"]!.ToJsonString(), "the replay answers with the first command's event");
        replayed["isReplay"]!.GetValue<bool>().Should().BeTrue();
        retry.Headers.ETag!.Tag.Should().Be("\"2\"");
        (await client.HistoryLengthAsync(caseId)).Should().Be(2, "the consent was recorded once");
    }

    [Fact]
    public async Task OpenCase_RetriedWithTheSameKeyAndNoCaseId_OpensOneCase()
    {
        using var client = api.Caseworker();

        var first = await client.PostAsync("/sip/cases", SipHttp.OpenCaseBody, idempotencyKey: "open-ward-7-0815");
        var retry = await client.PostAsync("/sip/cases", SipHttp.OpenCaseBody, idempotencyKey: "open-ward-7-0815");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        retry.Headers.Location.Should().Be(first.Headers.Location);
    }

    [Fact]
    public async Task SameKey_FromAnotherUser_IsAnotherCommand()
    {
        using var nurse = api.Caseworker("hsa-vcs-123");
        using var socialWorker = api.Caseworker("kommun-sw-9");

        var first = await nurse.PostAsync("/sip/cases", SipHttp.OpenCaseBody, idempotencyKey: "1");
        var other = await socialWorker.PostAsync("/sip/cases", SipHttp.OpenCaseBody, idempotencyKey: "1");

        other.StatusCode.Should().Be(HttpStatusCode.Created);
        other.Headers.Contains("Idempotent-Replayed").Should().BeFalse("keys are scoped to the user: one user's key never meets another's command");
        other.Headers.Location.Should().NotBe(first.Headers.Location);
    }

    [Fact]
    public async Task SameKey_ForOtherContent_Is409()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();
        var key = Guid.NewGuid().ToString();
        (await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", new { consent = SipTestData.OwnConsent(api.Time.GetUtcNow()) }, idempotencyKey: key))
            .EnsureSuccessStatusCode();

        var reused = await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", new { consent = SipTestData.OwnConsent(api.Time.GetUtcNow()) }, idempotencyKey: key);

        reused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await reused.JsonAsync();
        problem["type"]!.GetValue<string>().Should().Be(SipProblemTypes.IdempotencyConflict);
        problem["contentDiffers"]!.GetValue<bool>().Should().BeTrue();
        (await client.HistoryLengthAsync(caseId)).Should().Be(2);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("nyckel-å")]
    [InlineData("with space")]
    public async Task MalformedKey_Is400NamingTheHeader(string key)
    {
        using var client = api.Caseworker();

        var response = await client.PostAsync("/sip/cases", SipHttp.OpenCaseBody, idempotencyKey: key);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!["Idempotency-Key"].Should().NotBeNull();
    }

    [Fact]
    public async Task TooLongKey_Is400()
    {
        using var client = api.Caseworker();

        var response = await client.PostAsync("/sip/cases", SipHttp.OpenCaseBody, idempotencyKey: new string('k', 256));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
