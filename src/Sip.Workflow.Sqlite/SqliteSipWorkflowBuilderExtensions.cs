using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;

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
        => builder.UseStore<SqliteSipCaseStore, SqliteStoreOptions>(configure, o => new SqliteSipCaseStore(o));

    /// <summary>
    /// Keeps cases in the SQLite store with every setting from configuration: the <c>Store</c> subsection of the section
    /// given to <c>AddSipWorkflow(configuration)</c> (the path or connection string, durability and busy time-out, by the names of
    /// <see cref="SqliteStoreOptions"/>'s properties). A missing or unknown setting stops the host at start with one message.
    /// </summary>
    /// <param name="builder">The builder from <c>AddSipWorkflow</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ISipWorkflowBuilder UseSqliteStore(this ISipWorkflowBuilder builder)
        => builder.UseSqliteStore(static _ => { });
}
