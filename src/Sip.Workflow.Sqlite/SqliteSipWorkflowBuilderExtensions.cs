using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sip.Workflow.Sqlite;

namespace Sip.Workflow;

/// <summary>Chooses the SQLite store.</summary>
public static class SqliteSipWorkflowBuilderExtensions
{
    /// <summary>Keeps cases in the SQLite database file at <paramref name="path"/>, created when missing.</summary>
    /// <param name="builder">The builder from <c>AddSipWorkflow</c>.</param>
    /// <param name="path">The database file.</param>
    /// <returns>The builder.</returns>
    public static ISipWorkflowBuilder UseSqliteStore(this ISipWorkflowBuilder builder, string path)
        => builder.UseSqliteStore(o => o.Path = path);

    /// <summary>
    /// Keeps cases in a SQLite database. The settings are validated when the host starts, and the database is opened
    /// (schema created or migrated, a wrong file refused) then too, so a host fails at start-up rather than at its first
    /// command. Replaces a store chosen before; safe to call twice (each call's settings are applied in order).
    /// </summary>
    /// <param name="builder">The builder from <c>AddSipWorkflow</c>.</param>
    /// <param name="configure">Sets the path or connection string, durability and busy time-out.</param>
    /// <returns>The builder.</returns>
    public static ISipWorkflowBuilder UseSqliteStore(this ISipWorkflowBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        services.TryAddSingleton(sp => new SqliteSipCaseStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<ISipCaseStore>(sp => sp.GetRequiredService<SqliteSipCaseStore>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteStoreInitializer>());
        return builder;
    }

    private sealed class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"The SQLite store is not configured correctly:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}");
        }
    }

    /// <summary>Opens the database when the host starts, so a wrong file stops the host at once.</summary>
    private sealed class SqliteStoreInitializer(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
            => services.GetService<ISipCaseStore>() is SqliteSipCaseStore store ? store.InitializeAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
