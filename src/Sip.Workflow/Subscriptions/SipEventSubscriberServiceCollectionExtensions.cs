using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Sip.Workflow;

/// <summary>Registers hosted subscribers of the event feed.</summary>
public static class SipEventSubscriberServiceCollectionExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TSubscriber"/> over the event feed in the background while the host runs: every entry, in
    /// position order, at least once, resuming after a restart from the position saved in the store.
    /// </summary>
    /// <remarks>
    /// <para>One reader per subscriber name across every process and node on the same store: the others wait and take over
    /// when it stops (PostgreSQL: a session advisory lock; SQLite: a lease row renewed on each save). A handler that
    /// throws is tried again after a back-off that doubles up to <see cref="SipEventSubscriberOptions.MaxBackoff"/>; the
    /// entries before it are not repeated. When the host stops, the subscriber saves the last entry it handled and lets go.</para>
    /// <para>Metrics (meter <c>Sip.Workflow</c>, tag <c>sip.subscriber</c>): <c>sip.workflow.subscriber.handled</c>,
    /// <c>sip.workflow.subscriber.failures</c>, <c>sip.workflow.subscriber.lag</c> (seconds from an entry's time to its
    /// handling) and, with the host's <c>IMeterFactory</c>, <c>sip.workflow.subscriber.pending</c> (entries of the current
    /// batch not yet handled). A single entry whose handling outlasts the lease can be taken over by another process; keep
    /// handling well under <see cref="SipEventSubscriberOptions.LeaseDuration"/>.</para>
    /// </remarks>
    /// <typeparam name="TSubscriber">The handler; registered scoped unless the host registered it already.</typeparam>
    /// <param name="services">The host's services; <c>AddSipWorkflow</c> with a store must be called too.</param>
    /// <param name="name">The subscriber's durable name, under which its position is saved (1 to 200 characters); the
    /// handler's full type name unless given. Keep it when you rename the class, or it starts again from the beginning.</param>
    /// <param name="configure">Sets the batch size, poll interval, lease and back-off.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name, or the options are not valid (the
    /// message lists every problem), or a subscriber of this name is registered already.</exception>
    public static IServiceCollection AddSipEventSubscriber<TSubscriber>(
        this IServiceCollection services, string? name = null, Action<SipEventSubscriberOptions>? configure = null)
        where TSubscriber : class, ISipEventSubscriber
    {
        ArgumentNullException.ThrowIfNull(services);
        name = Storage.SipSubscriptionLease.ValidateName(name ?? typeof(TSubscriber).FullName!);
        var options = new SipEventSubscriberOptions();
        configure?.Invoke(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"The options of event subscriber '{name}' are not valid: " + string.Join(" ", problems), nameof(configure));
        }

        if (services.Any(d => d.ServiceType == typeof(SipSubscriberName) && Equals(d.ImplementationInstance, new SipSubscriberName(name))))
        {
            throw new ArgumentException(
                $"An event subscriber named '{name}' is registered already: two would share one position. Give each its own name.", nameof(name));
        }

        services.AddSingleton(new SipSubscriberName(name));
        services.TryAddScoped<TSubscriber>();
        services.AddSingleton<IHostedService>(sp => new SipEventSubscriberService(sp, name, typeof(TSubscriber), options));
        return services;
    }

    /// <summary>Marks a subscriber name as taken in the host's services.</summary>
    private sealed record SipSubscriberName(string Name);
}
