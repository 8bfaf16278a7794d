using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>
/// The background loop of one feed subscriber: take the subscriber's lease (or wait for it), read a batch after the saved
/// position, hand each entry to the handler, save the position, and again; back off on failure; save and let go on stop.
/// </summary>
internal sealed partial class SipEventSubscriberService(IServiceProvider services, string name, Type handlerType, SipEventSubscriberOptions options)
    : BackgroundService
{
    private static readonly Meter SharedMeter = new(SipWorkflowTelemetry.Name);

    private readonly TimeProvider _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
    private readonly ILogger _logger = services.GetService<ILoggerFactory>()?.CreateLogger("Sip.Workflow.EventSubscriber") ?? NullLogger.Instance;
    private readonly KeyValuePair<string, object?> _tag = new("sip.subscriber", name);
    private Counter<long>? _handled;
    private Counter<long>? _failures;
    private Histogram<double>? _lag;
    private int _pending;
    private long _backlog;
    private long _counted = long.MinValue;

    // Counting the entries still to read costs a query; while a reader catches up it is done at most this often, and the
    // count goes down as entries are handled in between. It stops counting here, so a far-behind reader costs no more.
    private static readonly TimeSpan CountEvery = TimeSpan.FromSeconds(5);
    private const int CountAtMost = 100_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var meter = services.GetService<IMeterFactory>()?.Create(SipWorkflowTelemetry.Name) ?? SharedMeter;
        _handled = meter.CreateCounter<long>("sip.workflow.subscriber.handled", "{entry}", "Feed entries a subscriber handled.");
        _failures = meter.CreateCounter<long>("sip.workflow.subscriber.failures", "{failure}", "Failed tries of a subscriber (a handler or the store threw).");
        _lag = meter.CreateHistogram<double>("sip.workflow.subscriber.lag", "s", "Time from a feed entry's event to its handling.");
        if (!ReferenceEquals(meter, SharedMeter))
        {
            // An observable gauge holds its callback, and so this service, for the meter's life: only on the host's own
            // meter, which ends with the host, never on the process-wide one.
            meter.CreateObservableGauge("sip.workflow.subscriber.pending", () => new Measurement<int>(Volatile.Read(ref _pending), _tag),
                "{entry}", "Feed entries a subscriber has read in its current batch and not yet handled (at most the batch size).");
            meter.CreateObservableGauge("sip.workflow.subscriber.backlog", () => new Measurement<long>(Volatile.Read(ref _backlog), _tag),
                "{entry}", $"Feed entries a subscriber has still to handle: its lag in entries (counted up to {CountAtMost:N0}, recounted at most every {CountEvery.TotalSeconds:N0} s).");
        }

        var workflow = services.GetRequiredService<ISipWorkflow>();
        var store = services.GetService<ISipCaseStore>();
        var subscriptions = SipStoreRegistration.Find<ISipSubscriptionStore>(services)
            ?? throw new InvalidOperationException(
                $"Event subscriber '{name}' needs a store that keeps subscribers' positions (ISipSubscriptionStore): the SQLite, PostgreSQL and in-memory stores do; the registered store does not.");
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var lease = await subscriptions.TryAcquireAsync(name, options.LeaseDuration, stoppingToken).ConfigureAwait(false);
                if (lease is null)
                {
                    LogWaiting(name);
                    await Task.Delay(options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await using (lease.ConfigureAwait(false))
                {
                    LogReading(name, lease.Position);
                    await ReadAsync(workflow, store, lease, () => backoff = TimeSpan.Zero, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _failures.Add(1, _tag);
                backoff = backoff == TimeSpan.Zero ? options.PollInterval : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
                LogFailed(e, name, backoff);
                try
                {
                    await Task.Delay(backoff, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        LogStopped(name);
    }

    private async Task ReadAsync(ISipWorkflow workflow, ISipCaseStore? store, SipSubscriptionLease lease, Action succeeded, CancellationToken stoppingToken)
    {
        var position = lease.Position;
        var renewed = _time.GetTimestamp();

        // Renewing saves the position handled so far: a third of the lease gone, so a lost lease is found in time.
        async Task RenewIfDueAsync()
        {
            if (_time.GetElapsedTime(renewed) > options.LeaseDuration / 3)
            {
                await lease.SaveAsync(position, stoppingToken).ConfigureAwait(false);
                renewed = _time.GetTimestamp();
            }
        }

        try
        {
            while (true)
            {
                var page = await workflow.ReadEventsAsync(position, options.BatchSize, stoppingToken).ConfigureAwait(false);
                succeeded();
                if (page.Count == 0)
                {
                    Volatile.Write(ref _backlog, 0);
                    // Caught up: renew the lease well before it runs out, so no other process takes over an idle reader.
                    await RenewIfDueAsync().ConfigureAwait(false);
                    await Task.Delay(options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                Volatile.Write(ref _pending, page.Count);
                await CountBacklogAsync(store, page, stoppingToken).ConfigureAwait(false);
                await using (var scope = services.CreateAsyncScope())
                {
                    var handler = (ISipEventSubscriber)scope.ServiceProvider.GetRequiredService(handlerType);
                    foreach (var entry in page)
                    {
                        // A slow batch must not outlive the lease: renew (saving what is handled) well before it runs out,
                        // and stop here if it was lost, so two processes never hand out the same entries.
                        await RenewIfDueAsync().ConfigureAwait(false);

                        await handler.HandleAsync(entry, stoppingToken).ConfigureAwait(false);
                        position = entry.Position;
                        Interlocked.Decrement(ref _pending);
                        Interlocked.Decrement(ref _backlog);
                        _handled!.Add(1, _tag);
                        _lag!.Record(Math.Max(0, (_time.GetUtcNow() - entry.OccurredAt).TotalSeconds), _tag);
                    }
                }

                await lease.SaveAsync(position, stoppingToken).ConfigureAwait(false);
                renewed = _time.GetTimestamp();
            }
        }
        finally
        {
            Volatile.Write(ref _pending, 0);

            // Whatever stopped the loop (the host stopping, a handler failing), the entries handled so far are not handed
            // out again: save their position before letting go of the lease.
            if (position > lease.Position)
            {
                try
                {
                    await lease.SaveAsync(position, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // Never let a failed save hide why the loop stopped (a handler's exception, the host stopping).
                    LogNotSaved(e, name, position);
                }
            }
        }
    }

    // A short page is everything there is to read now; a full one is counted past, now and then.
    private async Task CountBacklogAsync(ISipCaseStore? store, IReadOnlyList<SipFeedEntry> page, CancellationToken stoppingToken)
    {
        if (page.Count < options.BatchSize || store is null)
        {
            Volatile.Write(ref _backlog, page.Count);
            return;
        }

        if (_counted != long.MinValue && _time.GetElapsedTime(_counted) < CountEvery)
        {
            Volatile.Write(ref _backlog, Math.Max(Volatile.Read(ref _backlog), page.Count));
            return;
        }

        // A metric never stops delivery: a count that fails is logged and tried again at the next interval.
        _counted = _time.GetTimestamp();
        try
        {
            var beyond = await store.CountFeedAsync(page[^1].Position, CountAtMost, stoppingToken).ConfigureAwait(false);
            Volatile.Write(ref _backlog, page.Count + beyond);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Volatile.Write(ref _backlog, Math.Max(Volatile.Read(ref _backlog), page.Count));
            LogNotCounted(e, name);
        }
    }

    [LoggerMessage(7, LogLevel.Warning, "Event subscriber {Subscriber}: the entries still to handle could not be counted; the backlog metric keeps its last value.")]
    private partial void LogNotCounted(Exception exception, string subscriber);

    [LoggerMessage(1, LogLevel.Information, "Event subscriber {Subscriber}: another process reads for it; waiting to take over.")]
    private partial void LogWaiting(string subscriber);

    [LoggerMessage(2, LogLevel.Information, "Event subscriber {Subscriber} reads the feed after position {Position}.")]
    private partial void LogReading(string subscriber, long position);

    [LoggerMessage(3, LogLevel.Warning, "Event subscriber {Subscriber} failed; trying again in {Backoff}.")]
    private partial void LogFailed(Exception exception, string subscriber, TimeSpan backoff);

    [LoggerMessage(4, LogLevel.Warning, "Event subscriber {Subscriber} could not save position {Position}; entries after the saved one will be handled again.")]
    private partial void LogNotSaved(Exception exception, string subscriber, long position);

    [LoggerMessage(5, LogLevel.Information, "Event subscriber {Subscriber} stopped.")]
    private partial void LogStopped(string subscriber);
}
