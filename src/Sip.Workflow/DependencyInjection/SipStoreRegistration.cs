using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sip.Workflow.Storage;

/// <summary>
/// How a store provider plugs into <see cref="ISipWorkflowBuilder"/>: its options validated at start-up in one message,
/// the store registered as the one the engine uses (replacing any chosen before), and opened when the host starts so a
/// wrong database stops the host at once. Providers' <c>Use…Store</c> methods call this.
/// </summary>
public static class SipStoreRegistration
{
    /// <summary>Registers a store provider.</summary>
    /// <typeparam name="TStore">The store.</typeparam>
    /// <typeparam name="TOptions">Its options.</typeparam>
    /// <param name="builder">The builder from <c>AddSipWorkflow</c>.</param>
    /// <param name="configure">Sets the options; each call's is applied in order.</param>
    /// <param name="create">Makes the store from valid options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <remarks>
    /// The options are validated when the host starts (<see cref="ISipStoreOptions.Validate"/>, all problems in one
    /// message); a store that is an <see cref="ISipStoreInitializer"/> is opened then too.
    /// </remarks>
    public static ISipWorkflowBuilder UseStore<TStore, TOptions>(this ISipWorkflowBuilder builder, Action<TOptions> configure, Func<TOptions, TStore> create)
        where TStore : class, ISipCaseStore
        where TOptions : class, ISipStoreOptions
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(create);
        var services = builder.Services;

        // The store's settings from configuration first (the Store subsection of what AddSipWorkflow was given), then code.
        SipConfigurationBinding<TOptions>.Register(
            services, static source => source.Section.GetSection(SipConfiguration.StoreSection), static (section, options) => SipConfiguration.BindStore(section, options),
            "The store's configuration has problems");
        services.AddOptions<TOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, Validator<TOptions>>());
        services.TryAddSingleton(sp => create(sp.GetRequiredService<IOptions<TOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<ISipCaseStore>(sp => sp.GetRequiredService<TStore>()));
        services.Replace(ServiceDescriptor.Singleton(new SipChosenStore(typeof(TStore))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SipStoreStartup>());
        return builder;
    }

    /// <summary>
    /// The store behind the engine as a <typeparamref name="TCapability"/>: the registered store when it is one (a provider's
    /// store, or a decorator that forwards), otherwise the provider's store chosen with <c>Use…Store</c> that a host's
    /// decorator wraps; <see langword="null"/> when neither is.
    /// </summary>
    internal static TCapability? Find<TCapability>(IServiceProvider services)
        where TCapability : class
        => services.GetService<ISipCaseStore>() is TCapability registered
            ? registered
            : services.GetService<SipChosenStore>() is { } chosen ? services.GetService(chosen.StoreType) as TCapability : null;

    private sealed class Validator<TOptions> : IValidateOptions<TOptions>
        where TOptions : class, ISipStoreOptions
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(SipProblems.ToMessage($"The {options.DisplayName} is not configured correctly", problems));
        }
    }

    /// <summary>
    /// Opens the store when the host starts: the registered store, or — when the host decorated it with a decorator that
    /// does not forward opening — the provider's store it wraps, so that decorating never switches the check off.
    /// </summary>
    private sealed class SipStoreStartup(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
            => Find<ISipStoreInitializer>(services) is { } store ? store.InitializeAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The provider store the host chose last with <c>Use…Store</c>.</summary>
internal sealed record SipChosenStore(Type StoreType);
