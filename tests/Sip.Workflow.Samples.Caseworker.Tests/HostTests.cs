using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.Samples.Caseworker.Demo;

namespace Sip.Workflow.Samples.Caseworker.Tests;

/// <summary>The host without a browser: what a restart does to the demo data, and the SIP API served beside the pages.</summary>
public sealed class HostTests
{
    [Fact]
    public async Task A_second_start_on_the_same_file_adds_no_demo_case_again()
    {
        var database = CaseworkerFixture.NewDatabasePath("restart");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        try
        {
            var first = await WithHostAsync(database, time, ListCasesAsync);
            time.Advance(TimeSpan.FromDays(1));
            var second = await WithHostAsync(database, time, ListCasesAsync);

            first.Select(c => c.Id).Should().BeEquivalentTo(DemoSeeder.CaseIds);
            second.Should().BeEquivalentTo(first, "the second start found every demo case and left it as it was");
        }
        finally
        {
            CaseworkerFixture.DeleteDatabase(database);
        }
    }

    [Fact]
    public async Task The_SIP_API_beside_the_pages_serves_a_case_with_its_version_as_the_ETag()
    {
        var database = CaseworkerFixture.NewDatabasePath("api");
        var edvin = DemoSeeder.CaseIds[1];
        try
        {
            var (status, etag, version) = await WithHostAsync(database, new FakeTimeProvider(DateTimeOffset.UtcNow), async app =>
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
                using var response = await http.GetAsync(new Uri($"/api/sip/cases/{edvin}", UriKind.Relative), TestContext.Current.CancellationToken);
                var stored = await app.Services.GetRequiredService<ISipWorkflow>().GetCaseAsync(edvin, TestContext.Current.CancellationToken);
                return (response.StatusCode, response.Headers.ETag, stored!.Version);
            });

            status.Should().Be(HttpStatusCode.OK);
            etag.Should().Be(new EntityTagHeaderValue($"\"{version}\""));
        }
        finally
        {
            CaseworkerFixture.DeleteDatabase(database);
        }
    }

    [Fact]
    public async Task A_case_under_an_agreement_the_host_no_longer_knows_is_explained_in_words_not_as_an_error()
    {
        var database = CaseworkerFixture.NewDatabasePath("unknown-policy");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var leo = DemoSeeder.CaseIds[3];
        try
        {
            await WithHostAsync(database, time, _ => Task.FromResult(0));

            // Started again without Västra Götaland, under which Leo's case was opened.
            var (due, casePage) = await WithHostAsync(database, time, async app =>
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
                using var dueWork = await http.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
                using var page = await http.GetAsync(new Uri($"/arenden/{leo}", UriKind.Relative), TestContext.Current.CancellationToken);
                return (dueWork.StatusCode, (page.StatusCode, page.Content.Headers.ContentType?.MediaType, await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
            }, "--Sip:KnownPolicies:0=NationalGuidance");

            due.Should().Be(HttpStatusCode.OK, "the other cases' due work is still shown");
            casePage.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            casePage.MediaType.Should().Be("text/html");
            casePage.Item3.Should().Contain("Ärendet följer en överenskommelse som systemet inte känner till")
                .And.Contain("Kontakta systemförvaltningen").And.NotContain("Exception").And.NotContain(" at Sip.");
        }
        finally
        {
            CaseworkerFixture.DeleteDatabase(database);
        }
    }

    private static async Task<IReadOnlyList<SipCase>> ListCasesAsync(WebApplication app)
        => (await app.Services.GetRequiredService<ISipWorkflow>().QueryCasesAsync(new SipCaseQuery(), TestContext.Current.CancellationToken)).Cases;

    /// <summary>Starts the application on the file, does <paramref name="use"/> and stops it again.</summary>
    private static async Task<T> WithHostAsync<T>(string database, TimeProvider time, Func<WebApplication, Task<T>> use, params string[] settings)
    {
        var app = CaseworkerFixture.StartHost(database, time, settings);
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            return await use(app);
        }
        finally
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
            await app.DisposeAsync();
        }
    }
}
