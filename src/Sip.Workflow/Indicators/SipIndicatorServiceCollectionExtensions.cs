using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>Registers <see cref="SipIndicators"/> over the store the engine uses.</summary>
public static class SipIndicatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SipIndicators"/> as a singleton over the engine's store (which must keep the projection,
    /// <see cref="ISipIndicatorStore"/>: the SQLite, PostgreSQL and in-memory stores do) and the engine's policies.
    /// </summary>
    /// <param name="builder">The builder from <c>AddSipWorkflow</c>.</param>
    /// <param name="options">Small-number suppression; a minimum cell size of 5 unless given.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>Resolving <see cref="SipIndicators"/> throws <see cref="InvalidOperationException"/> when the registered store does not keep the projection.</remarks>
    public static ISipWorkflowBuilder AddSipIndicators(this ISipWorkflowBuilder builder, SipIndicatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(services => new SipIndicators(
            services.GetRequiredService<ISipCaseStore>(),
            SipStoreRegistration.Find<ISipIndicatorStore>(services)
                ?? throw new InvalidOperationException(
                    "SIP indicators need a store that keeps their projection (ISipIndicatorStore): the SQLite, PostgreSQL and in-memory stores do; the registered store does not."),
            services.GetRequiredService<ISipWorkflow>().Policies,
            options,
            services.GetService<TimeProvider>()));
        return builder;
    }
}
