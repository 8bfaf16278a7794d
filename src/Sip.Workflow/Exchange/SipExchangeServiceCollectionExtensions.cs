using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sip.Workflow.Exchange;

/// <summary>Registers the exchange with the other principal's system in a host's services.</summary>
public static class SipExchangeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SipExchange"/> as a singleton over the registered <see cref="ISipWorkflow"/>. Sending is the
    /// host's: add a subscriber (<c>AddSipEventSubscriber</c>) that hands <see cref="SipExchange.MessagesForAsync"/>'s
    /// messages to its transport; receiving is <see cref="SipExchange.ReceiveAsync"/> wherever the transport delivers.
    /// </summary>
    /// <param name="builder">The engine's builder (<c>AddSipWorkflow</c>).</param>
    /// <param name="options">Who this system is: its name, principal and units.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An exchange is registered already: one system is one party to the exchange.</exception>
    public static ISipWorkflowBuilder AddExchange(this ISipWorkflowBuilder builder, SipExchangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (builder.Services.Any(d => d.ServiceType == typeof(SipExchange)))
        {
            throw new ArgumentException("An exchange is registered already; a system takes part in the exchange once, with all the units it serves in SipExchangeOptions.Units.", nameof(builder));
        }

        builder.Services.TryAddSingleton(sp => new SipExchange(sp.GetRequiredService<ISipWorkflow>(), options, sp.GetService<TimeProvider>()));
        return builder;
    }
}
