// Built by .ci/run in a fresh project outside the solution, against the packed packages added with
// `dotnet add package`: proves the packages restore, compile and run for a consumer.
using Microsoft.Extensions.DependencyInjection;
using Sip.Workflow;
using Sip.Workflow.Sqlite;

var path = Path.Combine(Path.GetTempPath(), $"sip-consumer-{Guid.NewGuid():N}.db");
var services = new ServiceCollection();
services.AddSipWorkflow(o => o.Policy = SipPolicy.VastraGotaland).UseSqliteStore(path);
await using var provider = services.BuildServiceProvider();
var workflow = provider.GetRequiredService<ISipWorkflow>();

var actor = new SipActor { UserId = "consumer", Organisation = "Consumer check", Role = "ci" };
var opened = await workflow.OpenCaseAsync(new OpenCase
{
    Actor = actor,
    Individual = new Individual { Reference = new SubjectReference("consumer-1") },
    Origin = CaseOrigin.Outpatient(),
    IdentifiedBy = PrincipalKind.Region,
});
var next = await workflow.ReadPermittedActionsAsync(opened.Case.Id, actor);
var verified = await workflow.VerifyHistoryAsync(opened.Case.Id);
Console.WriteLine($"Opened case {opened.Case.Id} on {nameof(SqliteSipCaseStore)}; {next.Count} steps available; history intact: {verified.IsIntact}");

// The read names its reader: the default access rules decide and the store's access log records it.
var history = await workflow.ReadHistoryAsync(opened.Case.Id, new SipReader { Actor = actor, Reason = "consumer-check" });
var bundle = new Sip.Workflow.Fhir.SipFhirExporter().Export(opened.Case, 0, new Sip.Workflow.Fhir.FhirPatientIdentifier("urn:oid:1.2.752.129.2.1.3.1", "consumer-1"), history);
Console.WriteLine($"FHIR bundle with {bundle.Entry.Count} entries");

var inMemory = new SipWorkflow(new Sip.Workflow.InMemory.InMemorySipCaseStore());
Console.WriteLine(inMemory.GetProcessDiagram().Split('\n')[0]);
File.Delete(path);
return verified.IsIntact && next.Count > 0 ? 0 : 1;
