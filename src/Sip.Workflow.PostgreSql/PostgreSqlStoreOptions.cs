using System.Text.RegularExpressions;
using Sip.Workflow.Storage;

namespace Sip.Workflow.PostgreSql;

/// <summary>Settings of the PostgreSQL store.</summary>
public sealed partial class PostgreSqlStoreOptions : ISipStoreOptions
{
    /// <summary>An Npgsql connection string.</summary>
    /// <value>Required.</value>
    public string? ConnectionString { get; set; }

    /// <summary>The schema the store's tables live in; created when missing.</summary>
    /// <value>The default is <c>sip</c>. Lower-case letters, digits and underscores, starting with a letter (not <c>pg_</c>), at most 63 characters.</value>
    public string Schema { get; set; } = "sip";

    /// <summary>How long one statement may run before it is cancelled.</summary>
    /// <value>The default is 30 seconds; 1 second to 10 minutes.</value>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    string ISipStoreOptions.DisplayName => "PostgreSQL store";

    /// <summary>Lists every problem with these options; empty when they are valid.</summary>
    /// <returns>The problems, one sentence each.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add("ConnectionString is required.");
        }

        // The schema name is written into SQL (identifiers cannot be parameters), so it is held to a strict form.
        if (Schema is null || !SchemaName().IsMatch(Schema) || Schema.StartsWith("pg_", StringComparison.Ordinal))
        {
            problems.Add($"Schema is '{Schema}'; use lower-case letters, digits and underscores, starting with a letter and not with 'pg_', at most 63 characters.");
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1) || CommandTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"CommandTimeout is {CommandTimeout}; it must be between 1 second and 10 minutes.");
        }

        return problems;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
