using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sip.Workflow.Storage;

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
    /// <param name="describe">Names the store in the validation message, e.g. "SQLite store".</param>
    /// <param name="validate">Lists every problem with the options.</param>
    /// <param name="create">Makes the store from valid options.</param>
    /// <param name="initialize">Opens the store when the host starts (schema created or migrated, a wrong database refused).</param>
    /// <returns>The builder.</returns>
    public static ISipWorkflowBuilder UseStore<TStore, TOptions>(
        this ISipWorkflowBuilder builder,
        Action<TOptions> configure,
        string describe,
        Func<TOptions, IReadOnlyList<string>> validate,
        Func<TOptions, TStore> create,
        Func<TStore, CancellationToken, Task> initialize)
        where TStore : class, ISipCaseStore
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<TOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new Validator<TOptions>(describe, validate)));
        services.TryAddSingleton(sp => create(sp.GetRequiredService<IOptions<TOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<ISipCaseStore>(sp => sp.GetRequiredService<TStore>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Initializer<TStore>>(sp => new Initializer<TStore>(sp, initialize)));
        return builder;
    }

    private sealed class Validator<TOptions>(string describe, Func<TOptions, IReadOnlyList<string>> validate) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var problems = validate(options);
            return problems.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    SipProblems.ToMessage($"The {describe} is not configured correctly", problems));
        }
    }

    /// <summary>Opens the store when the host starts, when it is still the store the engine uses.</summary>
    private sealed class Initializer<TStore>(IServiceProvider services, Func<TStore, CancellationToken, Task> initialize) : IHostedService
        where TStore : class, ISipCaseStore
    {
        public Task StartAsync(CancellationToken cancellationToken)
            => services.GetService<ISipCaseStore>() is TStore store ? initialize(store, cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
