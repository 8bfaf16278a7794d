using Sip.Workflow.PostgreSql;
using Sip.Workflow.Storage;

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
        => builder.UseStore<PostgreSqlSipCaseStore, PostgreSqlStoreOptions>(configure, o => new PostgreSqlSipCaseStore(o));

    /// <summary>
    /// Keeps cases in the PostgreSQL store with every setting from configuration: the <c>Store</c> subsection of the section
    /// given to <c>AddSipWorkflow(configuration)</c> (the connection string, schema and command time-out, by the names of
    /// <see cref="PostgreSqlStoreOptions"/>'s properties). A missing or unknown setting stops the host at start with one message.
    /// </summary>
    /// <param name="builder">The builder from <c>AddSipWorkflow</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ISipWorkflowBuilder UsePostgreSqlStore(this ISipWorkflowBuilder builder)
        => builder.UsePostgreSqlStore(static _ => { });
}
