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
        if (!services.Any(d => d.ServiceType == typeof(SipConfigurationBinding<TOptions>)))
        {
            services.AddSingleton(sp => new SipConfigurationBinding<TOptions>(
                () => sp.GetService<SipConfigurationSource>()?.Section.GetSection(SipConfiguration.StoreSection),
                (section, options) => SipConfiguration.BindStore(section, options),
                "The store's configuration has problems"));
            services.AddSingleton<IConfigureOptions<TOptions>>(sp => sp.GetRequiredService<SipConfigurationBinding<TOptions>>());
            services.AddSingleton<IValidateOptions<TOptions>>(sp => sp.GetRequiredService<SipConfigurationBinding<TOptions>>());
        }

        services.AddOptions<TOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, Validator<TOptions>>());
        services.TryAddSingleton(sp => create(sp.GetRequiredService<IOptions<TOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<ISipCaseStore>(sp => sp.GetRequiredService<TStore>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Initializer<TStore>>());
        return builder;
    }

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

    /// <summary>Opens the store when the host starts, when it is still the store the engine uses.</summary>
    private sealed class Initializer<TStore>(IServiceProvider services) : IHostedService
        where TStore : class, ISipCaseStore
    {
        public Task StartAsync(CancellationToken cancellationToken)
            => services.GetService<ISipCaseStore>() is TStore and ISipStoreInitializer store ? store.InitializeAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
