// A Generic Host with the SIP engine in DI: AddSipWorkflow + a store, options validated at start, TimeProvider and
// logging from the host, and a background service that polls due work and logs reminders. It seeds three cases
// whose deadlines have passed or are close, polls a few times and stops by itself.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sip.Workflow;
using Sip.Workflow.Samples.HostedReminders;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
// A background service with no users of its own: it reads due work for every unit to remind them, so it turns the
// access rules off by name. A host whose users read and act keeps the default rules (SipAccessRules.Default).
builder.Services.AddSipWorkflow(o =>
{
    o.Policy = SipPolicy.RegionHalland;
    o.Access = SipAccessPolicies.AllowAll;
}).UseInMemoryStore();
builder.Services.Configure<ReminderOptions>(builder.Configuration.GetSection("Reminders"));
builder.Services.AddHostedService<DueWorkReminderService>();

using var host = builder.Build();
await SeedAsync(host.Services.GetRequiredService<ISipWorkflow>(), host.Services.GetRequiredService<TimeProvider>());
await host.RunAsync();
return 0;

static async Task SeedAsync(ISipWorkflow workflow, TimeProvider time)
{
    var nurse = new SipActor { UserId = "hsa-avd7-12", Organisation = "Hallands sjukhus, avdelning 7", Role = "fast vårdkontakt" };
    var now = time.GetUtcNow();

    // Ready for discharge four days ago and nobody summoned: past the three days of LSU 4 kap. 1 §.
    await workflow.OpenCaseAsync(new OpenCase
    {
        Actor = nurse,
        Individual = new Individual { Reference = new SubjectReference("demo-pat-001") },
        Origin = CaseOrigin.InpatientDischarge(now.AddDays(-4)),
        IdentifiedBy = PrincipalKind.Region,
    });

    // Ready for discharge yesterday: due within two days.
    await workflow.OpenCaseAsync(new OpenCase
    {
        Actor = nurse,
        Individual = new Individual { Reference = new SubjectReference("demo-pat-002") },
        Origin = CaseOrigin.InpatientDischarge(now.AddDays(-1)),
        IdentifiedBy = PrincipalKind.Region,
    });

    // A need identified in outpatient care today: preparation should start within five days — not due yet.
    await workflow.OpenCaseAsync(new OpenCase
    {
        Actor = nurse,
        Individual = new Individual { Reference = new SubjectReference("demo-pat-003") },
        Origin = CaseOrigin.Outpatient(),
        IdentifiedBy = PrincipalKind.Region,
    });
}
