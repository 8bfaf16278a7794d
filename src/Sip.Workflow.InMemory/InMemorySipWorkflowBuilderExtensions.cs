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
    public static ISipWorkflowBuilder UseInMemoryStore(this ISipWorkflowBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<InMemory.InMemorySipCaseStore>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ISipCaseStore>(sp => sp.GetRequiredService<InMemory.InMemorySipCaseStore>()));
        return builder;
    }
}
