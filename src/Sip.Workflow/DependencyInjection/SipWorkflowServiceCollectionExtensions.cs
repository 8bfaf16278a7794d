using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>What <see cref="SipWorkflowServiceCollectionExtensions.AddSipWorkflow(IServiceCollection, Action{SipWorkflowOptions})"/> returns: store providers add <c>Use…Store()</c> methods to it.</summary>
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
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static ISipWorkflowBuilder AddSipWorkflow(this IServiceCollection services, Action<SipWorkflowOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, configure);
    }

    /// <summary>Registers <see cref="ISipWorkflow"/> with the default options (<see cref="SipPolicy.NationalGuidance"/>, in Swedish).</summary>
    /// <param name="services">The host's services.</param>
    /// <returns>A builder to choose the store on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static ISipWorkflowBuilder AddSipWorkflow(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Register(services, static _ => { });
    }

    private static SipWorkflowBuilder Register(IServiceCollection services, Action<SipWorkflowOptions> configure)
    {
        var options = services.AddOptions<SipWorkflowOptions>().Configure(configure);
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

    /// <summary>
    /// Registers <see cref="ISipWorkflow"/> with its options from configuration — typically
    /// <c>builder.Configuration.GetSection("Sip")</c> — as <see cref="AddSipWorkflow(IServiceCollection, Action{SipWorkflowOptions})"/>
    /// does with code.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <c>Policy</c> is a preset's key (<see cref="SipPolicy.PresetKeys"/>: <c>"RegionHalland"</c>) or a section with
    /// <c>Preset</c> and the settings that differ (<c>{ "Preset": "RegionHalland", "Name": "Halland, Kungsbacka",
    /// "StartWithin": "3.00:00:00" }</c>); <c>KnownPolicies</c> is a list of the same; <c>Language</c>,
    /// <c>MaxCaseDocumentBytes</c>, <c>MaxEventsPerCase</c>, <c>AuditKeyId</c>, <c>AuditKey</c> and
    /// <c>RetiredAuditKeys</c> (Base64), <c>UnkeyedHistoryBefore</c> and <c>SealedHashForm</c> are set by name. The store provider chosen with
    /// <c>Use…Store()</c> reads its own settings from the <c>Store</c> subsection.
    /// </para>
    /// <para>
    /// Every key is used or reported: an unknown key, a preset that does not exist or a value of the wrong form stops the
    /// host at start with one message naming each key and what it allows. The presets themselves are never changed.
    /// </para>
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The SIP section of the host's configuration.</param>
    /// <returns>A builder to choose the store on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static ISipWorkflowBuilder AddSipWorkflow(this IServiceCollection services, IConfiguration configuration)
        => services.AddSipWorkflow(configuration, static _ => { });

    /// <summary>
    /// Registers <see cref="ISipWorkflow"/> with its options from configuration and then from code, as
    /// <see cref="AddSipWorkflow(IServiceCollection, IConfiguration)"/> describes.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The SIP section of the host's configuration.</param>
    /// <param name="configure">Applied after the configuration, e.g. to add a policy built in code.</param>
    /// <returns>A builder to choose the store on.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ISipWorkflowBuilder AddSipWorkflow(this IServiceCollection services, IConfiguration configuration, Action<SipWorkflowOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);

        // Registered before the configure delegate so that code adjusts what configuration set, not the other way round.
        services.Replace(ServiceDescriptor.Singleton(new SipConfigurationSource(configuration)));
        SipConfigurationBinding<SipWorkflowOptions>.Register(
            services, static source => source.Section, SipConfiguration.BindWorkflow, "The SIP workflow's configuration has problems");
        return Register(services, configure);
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

/// <summary>The configuration section <c>AddSipWorkflow</c> was given: the workflow's settings, and the store's under <c>Store</c>.</summary>
internal sealed class SipConfigurationSource(IConfiguration section)
{
    public IConfiguration Section { get; } = section;
}
