using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Tests.Hosting;

public sealed class TelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (SipScenario Scenario, FakeLogCollector Logs, ServiceProvider Provider) Instrumented(SipPolicy? policy = null)
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(SipTestData.Start))
            .AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace))
            .AddMetrics();
        services.AddSipWorkflow(o => o.Policy = policy ?? SipPolicy.NationalGuidance).UseInMemoryStore();
        var provider = services.BuildServiceProvider();
        var scenario = new SipScenario(provider.GetRequiredService<SipWorkflow>(), provider.GetRequiredService<ISipCaseStore>(),
            (FakeTimeProvider)provider.GetRequiredService<TimeProvider>());
        return (scenario, provider.GetFakeLogCollector(), provider);
    }

    [Fact]
    public async Task Logs_never_hold_the_individuals_reference_nor_any_free_text_from_the_plan()
    {
        var (s, logs, provider) = Instrumented();
        await using var _ = provider;
        const string Marker = "HEMLIG-FRITEXT";
        var individual = SipTestData.Adult("ref-HEMLIG-42") with { HasProtectedIdentity = true, InterpreterLanguage = "tigrinska" };
        var c = await s.PlanEstablishedAsync(individual);
        await s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = Marker } }, Ct);
        var badGoal = () => s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(c.Id, s.Time.GetUtcNow()) is var revision ? revision with { Plan = revision.Plan with { WhatMattersToIndividual = Marker } } : null!, Ct);
        await badGoal.Should().ThrowAsync<SipInvalidStateException>();
        var badText = () => s.Workflow.RecordFollowUpAsync(new RecordFollowUp { CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { Progress = Marker, HeldAt = s.Time.GetUtcNow().AddDays(3) } }, Ct);
        await badText.Should().ThrowAsync<ArgumentOutOfRangeException>();

        var records = logs.GetSnapshot();
        records.Should().NotBeEmpty();
        foreach (var record in records)
        {
            var everything = record.Message + string.Join("|", record.StructuredState?.Select(p => p.Value) ?? []) + record.Exception;
            everything.Should().NotContain("ref-HEMLIG-42").And.NotContain(Marker).And.NotContain("tigrinska")
                .And.NotContain(c.Plan!.WhatMattersToIndividual!);
        }

        records.Should().Contain(r => r.Message.Contains("EstablishPlan accepted", StringComparison.Ordinal));
        records.Should().Contain(r => r.Message.Contains("invalid argument HeldAt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commands_rejections_and_durations_are_measured_by_command_outcome_and_requirement()
    {
        var (s, _, provider) = Instrumented();
        await using var _p = provider;
        using var commands = new MetricCollector<long>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SipWorkflowTelemetry.Name, "sip.workflow.commands");
        using var rejections = new MetricCollector<long>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SipWorkflowTelemetry.Name, "sip.workflow.rejections");
        using var durations = new MetricCollector<double>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SipWorkflowTelemetry.Name, "sip.workflow.command.duration");

        var c = await s.OpenAsync();
        var refused = () => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        await refused.Should().ThrowAsync<SipRequirementsNotMetException>();

        commands.GetMeasurementSnapshot().Should().Contain(m => (string)m.Tags["sip.command"]! == "OpenCase" && (string)m.Tags["sip.outcome"]! == "accepted");
        commands.GetMeasurementSnapshot().Should().Contain(m => (string)m.Tags["sip.command"]! == "StartPreparation" && (string)m.Tags["sip.outcome"]! == "requirements_not_met");
        rejections.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["sip.requirement"].Should().Be("CONSENT-INFORMATION-SHARING");
        durations.GetMeasurementSnapshot().Should().HaveCount(2).And.OnlyContain(m => m.Value >= 0);
    }

    [Fact]
    public async Task A_concurrency_conflict_is_counted()
    {
        var inner = new InMemorySipCaseStore();
        using var racing = new RacingStore(inner);
        var services = new ServiceCollection().AddMetrics().AddSingleton<ISipCaseStore>(racing);
        services.AddSipWorkflow();
        await using var provider = services.BuildServiceProvider();
        using var conflicts = new MetricCollector<long>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SipWorkflowTelemetry.Name, "sip.workflow.concurrency_conflicts");
        var s = new SipScenario(provider.GetRequiredService<SipWorkflow>(), racing, new FakeTimeProvider(SipTestData.Start));
        var c = await s.OpenAsync();
        racing.Arm(writers: 2);

        Task Deviate() => s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "x" } }, Ct);
        var outcomes = await Task.WhenAll(Deviate(), Deviate()).ContinueWith(t => t.Exception, TaskScheduler.Default);

        outcomes!.InnerExceptions.Should().ContainSingle().Which.Should().BeOfType<SipConcurrencyException>();
        conflicts.GetMeasurementSnapshot().Should().ContainSingle();
    }

    [Fact]
    public async Task Each_command_is_traced_with_its_case_and_outcome()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SipWorkflowTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (stopped) { stopped.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var s = new SipScenario();

        var c = await s.ConsentedAsync();

        List<Activity> mine;
        lock (stopped)
        {
            mine = [.. stopped.Where(a => (string?)a.GetTagItem("sip.case_id") == c.Id.ToString())];
        }

        mine.Select(a => a.DisplayName).Should().Contain(["sip.command OpenCase", "sip.command RecordConsent"]);
        mine.Should().OnlyContain(a => (string?)a.GetTagItem("sip.outcome") == "accepted");
    }
}
