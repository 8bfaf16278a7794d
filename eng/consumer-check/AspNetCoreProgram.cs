// Built by .ci/consumer-check in a fresh `dotnet new web` project outside the solution, against the packed packages:
// proves Sip.Workflow.AspNetCore restores, compiles and serves a host over real HTTP (Kestrel on a free local port).
using System.Net;
using System.Net.Http.Json;
using Sip.Workflow;
using Sip.Workflow.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
builder.Services.AddSipWorkflow().UseInMemoryStore();
builder.Services.AddSipWorkflowEndpoints(_ => new SipActor { UserId = "consumer", Organisation = "Consumer check", Role = "ci" });

await using var app = builder.Build();
app.UseExceptionHandler();
app.MapSipWorkflow("/sip");
await app.StartAsync();

using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
var opened = await client.PostAsJsonAsync("/sip/cases", new { individual = new { reference = "consumer-1" }, origin = new { kind = "Outpatient" }, identifiedBy = "Region" });
var caseUri = opened.Headers.Location;

// No consent yet: starting the preparation is refused with a problem listing the unmet requirement.
var refused = await client.PostAsJsonAsync($"{caseUri}/commands/start-preparation", new { });
var problem = await refused.Content.ReadAsStringAsync();
Console.WriteLine($"Opened {caseUri} ({(int)opened.StatusCode}); start-preparation without consent: {(int)refused.StatusCode} {refused.Content.Headers.ContentType}");
await app.StopAsync();

return opened.StatusCode == HttpStatusCode.Created
    && refused.StatusCode == HttpStatusCode.UnprocessableEntity
    && problem.Contains("CONSENT-INFORMATION-SHARING", StringComparison.Ordinal) ? 0 : 1;
