using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Tests.Domain;

/// <summary>
/// A protected-identity individual's case (skyddad identitet) never puts the subject reference — and the library holds
/// no address at all — into logs, exception messages or exported text.
/// </summary>
public sealed class ProtectedIdentityTests
{
    private const string Reference = "skyddad-K7Q2-ref";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nothing_the_library_writes_or_throws_carries_the_reference_of_a_protected_individual()
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(SipTestData.Start))
            .AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        services.AddSipWorkflow().UseInMemoryStore();
        await using var provider = services.BuildServiceProvider();
        var s = new SipScenario(provider.GetRequiredService<SipWorkflow>(), provider.GetRequiredService<ISipCaseStore>(),
            (FakeTimeProvider)provider.GetRequiredService<TimeProvider>());
        var individual = SipTestData.Adult(Reference) with { HasProtectedIdentity = true, InterpreterLanguage = "Dari-tolk-Q9" };
        var texts = new List<string>();

        var c = await s.ReadyToSummonAsync(individual);
        var summoned = await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);
        summoned.Case.SummonsSent.Single().ProtectedIdentity.Should().BeTrue("the summons flags the protected identity");
        var atHome = () => s.Workflow.ScheduleMeetingAsync(new ScheduleMeeting
        {
            CaseId = c.Id, Actor = s.Actor, Meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(9)) with { Form = MeetingForm.AtIndividualsHome, Place = "Hemliga gatan 1" },
        });
        Func<Task>[] refused =
        [
            atHome,
            () => s.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddDays(30)) with { LeadPrincipal = null }),
            () => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }),
            () => s.Workflow.OpenCaseAsync(new OpenCase { Actor = s.Actor, Individual = individual, Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region, PreviousCaseId = c.Id }),
            () => s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual, WithdrawnAt = s.Time.GetUtcNow().AddDays(1) }),
        ];
        foreach (var command in refused)
        {
            var thrown = await Record.ExceptionAsync(command);
            thrown.Should().NotBeNull();
            texts.Add(thrown!.ToString());
        }

        var stored = (await s.Workflow.ReadCaseAsync(c.Id, s.Actor, Ct))!;
        texts.Add(stored.ToString());
        texts.Add(stored.Individual.ToString());
        texts.AddRange(stored.Participants.Select(p => p.ToString()));
        texts.AddRange(stored.Meetings.Select(m => m.ToString()));
        texts.AddRange(stored.SummonsSent.Select(x => x.ToString()));
        texts.Add(s.Workflow.GetProcessDiagram(DiagramFormat.Mermaid));
        texts.Add(s.Workflow.GetProcessDiagram(DiagramFormat.Dot));
        texts.AddRange((await s.Workflow.ReadHistoryAsync(c.Id, s.Actor, Ct)).SelectMany(e => e.Details.Values));
        texts.AddRange((await s.Workflow.ReadPermittedActionsAsync(c.Id, s.Actor, cancellationToken: Ct)).SelectMany(a => a.UnmetRequirements.Select(u => u.Text)));
        texts.AddRange(provider.GetFakeLogCollector().GetSnapshot().Select(r => r.Message + string.Join("|", r.StructuredState?.Select(p => p.Value) ?? [])));

        texts.Should().NotContain(t => t.Contains(Reference, StringComparison.Ordinal) || t.Contains("Hemliga gatan", StringComparison.Ordinal) || t.Contains("Dari-tolk-Q9", StringComparison.Ordinal));
        texts.Should().Contain(t => t.Contains("never stores the individual's address", StringComparison.Ordinal));
    }
}
