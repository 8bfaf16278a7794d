using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>Chooses the in-memory store.</summary>
public static class InMemorySipWorkflowBuilderExtensions
{
    /// <summary>
    /// Keeps cases in memory (<see cref="InMemory.InMemorySipCaseStore"/>): for tests, demos and short-lived hosts.
    /// Replaces a store chosen before; safe to call twice.
    /// </summary>
    /// <param name="builder">The builder from <c>AddSipWorkflow</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ISipWorkflowBuilder UseInMemoryStore(this ISipWorkflowBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<InMemory.InMemorySipCaseStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ISipCaseStore>(sp => sp.GetRequiredService<InMemory.InMemorySipCaseStore>()));

        // Chosen last, so start-up and health checks never look through a decorator to a store chosen before.
        builder.Services.Replace(ServiceDescriptor.Singleton(new SipChosenStore(typeof(InMemory.InMemorySipCaseStore))));
        return builder;
    }
}
