using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.AspNetCore.Tests;

/// <summary>
/// A host as a journal system would write it — the engine over the in-memory store, a fake clock, authentication, the
/// ProblemDetails handler, OpenAPI and the SIP endpoints under /sip — served in memory through the real HTTP pipeline.
/// </summary>
public sealed class SipApi : WebApplicationFactory<SipApi>
{
    /// <summary>The scheme of the tests' users: <c>Authorization: Test user-id</c>.</summary>
    public const string Scheme = "Test";

    public FakeTimeProvider Time { get; } = new(SipTestData.Start);

    /// <summary>The next call on the engine throws this instead of running (for the problem of every exception type).</summary>
    public Exception? NextFault { get; set; }

    /// <summary>The JSON a client writes: the web defaults with enums by name.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A client signed in as the fixed care contact of the test data, or a user of <paramref name="organisation"/>.</summary>
    public HttpClient Caseworker(string userId = "hsa-vcs-123", string? organisation = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(Scheme, organisation is null ? userId : $"{userId};{organisation}");
        return client;
    }

    protected override IHostBuilder CreateHostBuilder() => Host.CreateDefaultBuilder()
        .ConfigureWebHostDefaults(web => web
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(Configure)
            .Configure(Configure));

    // The host lives in this test assembly, not in a project of its own: its content root is where the tests run.
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseContentRoot(AppContext.BaseDirectory);

    private void Configure(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Time);
        services.AddSipWorkflow(o => o.Policy = SipPolicy.NationalGuidance).UseInMemoryStore().AddSipIndicators();
        services.Replace(ServiceDescriptor.Singleton<ISipWorkflow>(sp => new FaultInjectingWorkflow(sp.GetRequiredService<SipWorkflow>(), this)));

        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, TestAuthentication>(Scheme, null);
        services.AddAuthorization();
        services.AddRouting();
        services.AddOpenApi();

        // The host decides who acts: here from the signed-in user's claims, as a journal system would from its login.
        services.AddSipWorkflowEndpoints(context => context.User.Identity?.IsAuthenticated == true
            ? new SipActor
            {
                UserId = context.User.FindFirstValue(ClaimTypes.NameIdentifier)!,
                Organisation = context.User.FindFirstValue(ClaimTypes.GroupSid) ?? "Vårdcentralen Söder",
                Role = "fast vårdkontakt",
            }
            : null);
    }

    private static void Configure(IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapSipWorkflow("/sip");
            endpoints.MapSipWorkflowAdministration("/sip-admin");
            endpoints.MapOpenApi();

            // A host's own endpoint: its exceptions are the host's business, not the SIP handler's.
            endpoints.MapGet("/host/throws", (Func<string>)(() => throw new ArgumentException("host detail with personal data", "secret")));
        });
    }

    /// <summary>Signs in whoever the <c>Authorization: Test user-id</c> header names.</summary>
    private sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || header.Scheme != SipApi.Scheme || header.Parameter is not { } user)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var parts = user.Split(';', 2);
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, parts[0]), .. parts.Length > 1 ? [new Claim(ClaimTypes.GroupSid, parts[1])] : Array.Empty<Claim>()], SipApi.Scheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SipApi.Scheme)));
        }
    }

    /// <summary>The real engine, except that the next call throws <see cref="NextFault"/> when one is set.</summary>
    private sealed class FaultInjectingWorkflow(SipWorkflow inner, SipApi api) : ISipWorkflow
    {
        public IReadOnlyList<SipPolicy> Policies => inner.Policies;

        public Task<SipCommandResult> ExecuteAsync(SipCommand command, CancellationToken cancellationToken = default)
            => TakeFault() is { } fault ? Task.FromException<SipCommandResult>(fault) : inner.ExecuteAsync(command, cancellationToken);

        public Task<SipCase?> GetCaseAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
            => TakeFault() is { } fault ? Task.FromException<SipCase?>(fault) : inner.GetCaseAsync(caseId, cancellationToken);

        public Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
            => inner.GetHistoryAsync(caseId, cancellationToken);

        public Task<SipAuditVerification> VerifyHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
            => inner.VerifyHistoryAsync(caseId, cancellationToken);

        public Task<Storage.SipCaseCheckpoint> GetCheckpointAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
            => inner.GetCheckpointAsync(caseId, cancellationToken);

        public Task<SipAuditVerification> VerifyAgainstCheckpointAsync(SipCaseId caseId, Storage.SipCaseCheckpoint checkpoint, CancellationToken cancellationToken = default)
            => inner.VerifyAgainstCheckpointAsync(caseId, checkpoint, cancellationToken);

        public Task<Storage.SipStoreVerification> VerifyStoreAsync(Storage.SipStoreCheckpoint? since = null, CancellationToken cancellationToken = default)
            => inner.VerifyStoreAsync(since, cancellationToken);

        public Task<SipGallringPage> GetDueForGallringAsync(SipRetentionRule rule, DateOnly asOf, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
            => inner.GetDueForGallringAsync(rule, asOf, pageSize, continuationToken, cancellationToken);

        public Task<Storage.SipTombstone> PurgeCaseAsync(PurgeCase request, CancellationToken cancellationToken = default)
            => inner.PurgeCaseAsync(request, cancellationToken);

        public Task<IReadOnlyList<PermittedAction>> GetPermittedActionsAsync(SipCaseId caseId, SipLanguage? language = null, CancellationToken cancellationToken = default)
            => inner.GetPermittedActionsAsync(caseId, language, cancellationToken);

        public Task<IReadOnlyList<PermittedAction>> ReadPermittedActionsAsync(SipCaseId caseId, SipReader reader, SipLanguage? language = null, CancellationToken cancellationToken = default)
            => inner.ReadPermittedActionsAsync(caseId, reader, language, cancellationToken);

        public Task<DueWorkPage> GetDueWorkAsync(DateTimeOffset dueAtOrBefore, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
            => inner.GetDueWorkAsync(dueAtOrBefore, pageSize, continuationToken, cancellationToken);

        public Task<SipCasePage> QueryCasesAsync(SipCaseQuery query, CancellationToken cancellationToken = default)
            => inner.QueryCasesAsync(query, cancellationToken);

        public Task<SipCase?> ReadCaseAsync(SipCaseId caseId, SipReader reader, CancellationToken cancellationToken = default)
            => TakeFault() is { } fault ? Task.FromException<SipCase?>(fault) : inner.ReadCaseAsync(caseId, reader, cancellationToken);

        public Task<IReadOnlyList<SipEvent>> ReadHistoryAsync(SipCaseId caseId, SipReader reader, CancellationToken cancellationToken = default)
            => inner.ReadHistoryAsync(caseId, reader, cancellationToken);

        public Task<DueWorkPage> ReadDueWorkAsync(SipReader reader, DateTimeOffset dueAtOrBefore, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
            => inner.ReadDueWorkAsync(reader, dueAtOrBefore, pageSize, continuationToken, cancellationToken);

        public Task<SipCasePage> ReadCasesAsync(SipCaseQuery query, SipReader reader, CancellationToken cancellationToken = default)
            => inner.ReadCasesAsync(query, reader, cancellationToken);

        public Task<IReadOnlyList<Storage.SipFeedEntry>> ReadEventsAsync(long afterPosition, int maxCount = 100, CancellationToken cancellationToken = default)
            => inner.ReadEventsAsync(afterPosition, maxCount, cancellationToken);

        public string GetProcessDiagram(DiagramFormat format = DiagramFormat.Mermaid, SipLanguage? language = null, string? policyName = null)
            => inner.GetProcessDiagram(format, language, policyName);

        private Exception? TakeFault()
        {
            var fault = api.NextFault;
            api.NextFault = null;
            return fault;
        }
    }
}

/// <summary>Short-hands for the tests' requests.</summary>
public static class SipHttp
{
    public static StringContent Body(object value) => new(JsonSerializer.Serialize(value, SipApi.Json), System.Text.Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string uri, object body, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = Body(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Opens a case for an adult in outpatient care; returns its id.</summary>
    public static async Task<string> OpenCaseAsync(this HttpClient client)
    {
        var response = await client.PostAsync("/sip/cases", OpenCaseBody);
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync())["case"]!["id"]!.GetValue<string>();
    }

    public static object OpenCaseBody { get; } = new
    {
        individual = new { reference = "patient-7f3a" },
        origin = CaseOrigin.Outpatient(),
        identifiedBy = PrincipalKind.Region,
    };

    public static async Task<int> HistoryLengthAsync(this HttpClient client, string caseId)
        => (await client.GetFromJsonAsync<JsonArray>($"/sip/cases/{caseId}/history", TestContext.Current.CancellationToken))!.Count;

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<T>(SipApi.Json, TestContext.Current.CancellationToken))!;
}
