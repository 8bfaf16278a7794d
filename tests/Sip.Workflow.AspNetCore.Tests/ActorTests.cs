using System.Net;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.AspNetCore.Tests;

public sealed class ActorTests(SipApi api) : IClassFixture<SipApi>
{
    [Fact]
    public async Task ActorInTheBody_IsRefused()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", new
        {
            actor = new { userId = "chief-physician", organisation = "Sjukhuset", role = "överläkare" },
            consent = SipTestData.OwnConsent(api.Time.GetUtcNow()),
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!["actor"]![0]!.GetValue<string>().Should().Contain("authenticated user");
        (await client.HistoryLengthAsync(caseId)).Should().Be(1);
    }

    [Theory]
    [InlineData("caseId")]
    [InlineData("commandId")]
    [InlineData("expectedVersion")]
    public async Task MembersBoundFromTheRouteOrHeaders_AreRefusedInTheBody(string member)
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();
        var body = new Dictionary<string, object> { ["consent"] = SipTestData.OwnConsent(api.Time.GetUtcNow()), [member] = member == "expectedVersion" ? 1 : Guid.NewGuid() };

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]![member].Should().NotBeNull();
    }

    [Fact]
    public async Task Command_WithoutAUser_Is401()
    {
        using var client = api.CreateClient();

        var response = await client.PostAsync("/sip/cases", SipHttp.OpenCaseBody);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.JsonAsync())["type"]!.GetValue<string>().Should().Be(SipProblemTypes.NoActor);
    }

    [Fact]
    public async Task UnknownMemberInTheBody_Is400NamingIt()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", new { consent = SipTestData.OwnConsent(api.Time.GetUtcNow()), concent = 1 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Should().ContainSingle().Which.Should().Contain("concent");
    }
}
