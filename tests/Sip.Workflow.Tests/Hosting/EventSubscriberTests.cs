using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Hosting;

/// <summary>
/// The hosted feed subscriber: every entry in order, at least once and — on a graceful stop — exactly once across a
/// restart; a failing handler tried again without repeating what came before; one reader per name among several hosts.
/// </summary>
public sealed class EventSubscriberTests
{
    private const string Name = "region-export";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_entry_is_handled_once_in_position_order_and_the_position_is_saved()
    {
        var store = new InMemorySipCaseStore();
        var handled = new Recorder();
        using var host = Host(store, handled);
        await host.StartAsync(Ct);

        var written = await WriteAsync(store, cases: 4, steps: 3);
        await handled.WaitForAsync(written.Count);
        await host.StopAsync(Ct);

        handled.Events.Should().Equal(written);
        await using var lease = await store.TryAcquireAsync(Name, TimeSpan.FromSeconds(30), Ct);
        lease!.Position.Should().Be(handled.Entries[^1].Position, "the last position handled is saved");
    }

    [Fact]
    public async Task A_subscriber_stopped_mid_stream_resumes_in_the_next_host_without_loss_or_repeat()
    {
        var store = new InMemorySipCaseStore();
        var written = await WriteAsync(store, cases: 5, steps: 4);
        var first = new Recorder { BlockAfter = 7 };
        using (var host = Host(store, first))
        {
            await host.StartAsync(Ct);
            await first.WaitForAsync(7);
            await host.StopAsync(Ct);
        }

        var second = new Recorder();
        using (var host = Host(store, second))
        {
            await host.StartAsync(Ct);
            await second.WaitForAsync(written.Count - 7);
            await host.StopAsync(Ct);
        }

        first.Events.Should().HaveCount(7);
        first.Events.Concat(second.Events).Should().Equal(written, "together, every event once and in order");
    }

    [Fact]
    public async Task The_backlog_gauge_reports_the_entries_still_to_handle_and_zero_once_caught_up()
    {
        var store = new InMemorySipCaseStore();
        var written = await WriteAsync(store, cases: 5, steps: 3);
        var handled = new Recorder { BlockAfter = 4 };
        using var host = Host(store, handled, out var services);
        using var backlog = new MetricCollector<long>(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SipWorkflowTelemetry.Name, "sip.workflow.subscriber.backlog");
        await host.StartAsync(Ct);

        // Stuck on the fifth entry: four handled, the rest of the feed still to handle (the batch and what lies past it).
        await handled.WaitForAsync(4);
        await WaitAsync(() => { backlog.RecordObservableInstruments(); return backlog.LastMeasurement?.Value == written.Count - 4; });
        await host.StopAsync(Ct);

        // A host whose handler keeps up reads it down to nothing.
        var second = new Recorder();
        using var next = Host(store, second, out var nextServices);
        using var nextBacklog = new MetricCollector<long>(nextServices.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SipWorkflowTelemetry.Name, "sip.workflow.subscriber.backlog");
        await next.StartAsync(Ct);
        await second.WaitForAsync(written.Count - 4);
        await WaitAsync(() => { nextBacklog.RecordObservableInstruments(); return nextBacklog.LastMeasurement?.Value == 0; });
        await next.StopAsync(Ct);
    }

    [Fact]
    public async Task A_failing_handler_is_tried_again_after_a_back_off_and_what_came_before_is_not_repeated()
    {
        var store = new InMemorySipCaseStore();
        var written = await WriteAsync(store, cases: 2, steps: 2);
        var handled = new Recorder { FailOnce = 3 };
        using var host = Host(store, handled, out var services);
        using var failures = new MetricCollector<long>(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), SipWorkflowTelemetry.Name, "sip.workflow.subscriber.failures");
        await host.StartAsync(Ct);

        await handled.WaitForAsync(written.Count);
        await host.StopAsync(Ct);

        handled.Events.Should().Equal(written);
        handled.Attempts.Should().Be(written.Count + 1, "the failed entry once more, nothing else");
        failures.GetMeasurementSnapshot().Should().ContainSingle();
    }

    [Fact]
    public async Task Of_two_hosts_one_reads_and_the_other_takes_over_when_it_stops()
    {
        var store = new InMemorySipCaseStore();
        var a = new Recorder();
        var b = new Recorder();
        using var hostA = Host(store, a);
        using var hostB = Host(store, b);
        await hostA.StartAsync(Ct);
        await hostB.StartAsync(Ct);

        var before = await WriteAsync(store, cases: 2, steps: 2);
        await WaitAsync(() => a.Events.Count + b.Events.Count >= before.Count);
        var (active, activeHost, standby, standbyHost) = a.Events.Count > 0 ? (a, hostA, b, hostB) : (b, hostB, a, hostA);
        await activeHost.StopAsync(Ct);
        var after = await WriteAsync(store, cases: 1, steps: 2);
        await standby.WaitForAsync(after.Count);
        await standbyHost.StopAsync(Ct);

        active.Events.Should().Equal(before, "one host read while both ran");
        standby.Events.Should().Equal(after, "the other took over where the first stopped");
    }

    [Fact]
    public void Bad_options_and_a_name_used_twice_are_refused_at_registration()
    {
        var services = new ServiceCollection();
        services.AddSipEventSubscriber<Recorder>(Name);

        var twice = () => services.AddSipEventSubscriber<Recorder>(Name);
        var bad = () => services.AddSipEventSubscriber<Recorder>("other", o => { o.BatchSize = 0; o.PollInterval = TimeSpan.Zero; });
        var unnamed = () => services.AddSipEventSubscriber<Recorder>("");
        var sleepy = () => services.AddSipEventSubscriber<Recorder>("sleepy", o => { o.LeaseDuration = TimeSpan.FromSeconds(3); o.PollInterval = TimeSpan.FromSeconds(2); });

        twice.Should().Throw<ArgumentException>().WithParameterName("name").WithMessage("*registered already*");
        bad.Should().Throw<ArgumentException>().WithParameterName("configure").WithMessage("*BatchSize*PollInterval*");
        unnamed.Should().Throw<ArgumentException>().WithParameterName("subscriber");
        sleepy.Should().Throw<ArgumentException>().WithMessage("*PollInterval*third of LeaseDuration*");
    }

    private static IHost Host(InMemorySipCaseStore store, Recorder recorder) => Host(store, recorder, out _);

    private static IHost Host(InMemorySipCaseStore store, Recorder recorder, out IServiceProvider services)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ISipCaseStore>(store);
        builder.Services.AddSipWorkflow();
        builder.Services.AddSingleton(recorder);
        builder.Services.AddSipEventSubscriber<Recorder>(Name, o => { o.PollInterval = TimeSpan.FromMilliseconds(20); o.BatchSize = 3; });
        var host = builder.Build();
        services = host.Services;
        return host;
    }

    private static async Task<List<SipEvent>> WriteAsync(InMemorySipCaseStore store, int cases, int steps)
    {
        var written = new List<SipEvent>();
        for (var i = 0; i < cases; i++)
        {
            var (c, e) = await StoreData.CreateAsync(store, StoreData.NewCase(subject: $"s{i}"));
            written.Add(e);
            for (var step = 0; step < steps; step++)
            {
                (c, e) = StoreData.Next(c, e);
                await store.UpdateAsync(c, c.Version - 1, e, Ct);
                written.Add(e);
            }
        }

        return written;
    }

    private static async Task WaitAsync(Func<bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!done() && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10, Ct);
        }

        done().Should().BeTrue("within 30 seconds");
    }

    /// <summary>Records what it handles; can fail once on the n-th entry, or hang after n entries until the host stops.</summary>
    private sealed class Recorder : ISipEventSubscriber
    {
        private readonly ConcurrentQueue<SipFeedEntry> _entries = new();
        private int _attempts;

        public int? FailOnce { get; set; }

        public int? BlockAfter { get; set; }

        public int Attempts => Volatile.Read(ref _attempts);

        public List<SipFeedEntry> Entries => [.. _entries];

        public List<SipEvent> Events => [.. _entries.Select(e => e.Event!)];

        public async Task HandleAsync(SipFeedEntry entry, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            if (attempt == FailOnce)
            {
                throw new InvalidOperationException("The other principal's system did not answer.");
            }

            if (_entries.Count >= BlockAfter)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            _entries.Enqueue(entry);
        }

        public Task WaitForAsync(int count) => WaitAsync(() => _entries.Count >= count);
    }
}
