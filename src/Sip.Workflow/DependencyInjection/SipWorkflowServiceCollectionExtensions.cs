using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>What <see cref="SipWorkflowServiceCollectionExtensions.AddSipWorkflow"/> returns: store providers add <c>Use…Store()</c> methods to it.</summary>
public interface ISipWorkflowBuilder
{
    /// <summary>The host's service collection.</summary>
    IServiceCollection Services { get; }
}

/// <summary>Registers the SIP engine in a host's <see cref="IServiceCollection"/>.</summary>
public static class SipWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISipWorkflow"/> as a singleton. Pick a store on the returned builder
    /// (<c>.UseSqliteStore(...)</c> or <c>.UseInMemoryStore()</c>). Options are validated when the host starts, with one
    /// message listing every problem. Safe to call more than once: the engine is registered once and each call's
    /// <paramref name="configure"/> is applied in order.
    /// </summary>
    /// <remarks>
    /// A <see cref="TimeProvider"/>, <see cref="ILoggerFactory"/> and <see cref="IMeterFactory"/> registered in the host
    /// are used when present.
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the policy, known policies and language.</param>
    /// <returns>A builder to choose the store on.</returns>
    public static ISipWorkflowBuilder AddSipWorkflow(this IServiceCollection services, Action<SipWorkflowOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SipWorkflowOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipWorkflowOptions>, SipWorkflowOptionsValidator>());
        services.TryAddSingleton(sp => new SipWorkflow(
            sp.GetService<ISipCaseStore>() ?? throw new InvalidOperationException(SipWorkflowOptionsValidator.NoStore),
            sp.GetRequiredService<IOptions<SipWorkflowOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<SipWorkflow>>(),
            sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<ISipWorkflow>(sp => sp.GetRequiredService<SipWorkflow>());
        return new SipWorkflowBuilder(services);
    }

    private sealed class SipWorkflowBuilder(IServiceCollection services) : ISipWorkflowBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}

/// <summary>Checks <see cref="SipWorkflowOptions"/> and that a store is chosen, reporting every problem in one message.</summary>
internal sealed class SipWorkflowOptionsValidator(IServiceProviderIsService services) : IValidateOptions<SipWorkflowOptions>
{
    public const string NoStore =
        "No SIP case store is registered: call .UseSqliteStore(...) (Sip.Workflow.Sqlite) or .UseInMemoryStore() (Sip.Workflow.InMemory) " +
        "on the builder AddSipWorkflow returns.";

    public ValidateOptionsResult Validate(string? name, SipWorkflowOptions options)
    {
        var problems = options.Validate().ToList();
        if (!services.IsService(typeof(ISipCaseStore)))
        {
            problems.Add(NoStore);
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                SipProblems.ToMessage("The SIP workflow is not configured correctly", problems));
    }
}
