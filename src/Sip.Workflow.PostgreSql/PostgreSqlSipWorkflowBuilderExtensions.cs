using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sip.Workflow.PostgreSql;

namespace Sip.Workflow;

/// <summary>Chooses the PostgreSQL store.</summary>
public static class PostgreSqlSipWorkflowBuilderExtensions
{
    /// <summary>Keeps cases in the PostgreSQL database at <paramref name="connectionString"/>, in the schema <c>sip</c>.</summary>
    /// <param name="builder">The builder from <c>AddSipWorkflow</c>.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    public static ISipWorkflowBuilder UsePostgreSqlStore(this ISipWorkflowBuilder builder, string connectionString)
        => builder.UsePostgreSqlStore(o => o.ConnectionString = connectionString);

    /// <summary>
    /// Keeps cases in PostgreSQL. The settings are validated when the host starts and the schema is created or migrated
    /// then too (under an advisory lock, so nodes starting together do not race). Replaces a store chosen before; safe
    /// to call twice.
    /// </summary>
    /// <param name="builder">The builder from <c>AddSipWorkflow</c>.</param>
    /// <param name="configure">Sets the connection string, schema and command time-out.</param>
    /// <returns>The builder.</returns>
    public static ISipWorkflowBuilder UsePostgreSqlStore(this ISipWorkflowBuilder builder, Action<PostgreSqlStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<PostgreSqlStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>, Validator>());
        services.TryAddSingleton(sp => new PostgreSqlSipCaseStore(sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<ISipCaseStore>(sp => sp.GetRequiredService<PostgreSqlSipCaseStore>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Initializer>());
        return builder;
    }

    private sealed class Validator : IValidateOptions<PostgreSqlStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, PostgreSqlStoreOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"The PostgreSQL store is not configured correctly:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}");
        }
    }

    private sealed class Initializer(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
            => services.GetService<ISipCaseStore>() is PostgreSqlSipCaseStore store ? store.InitializeAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
