using System.Text.Json.Serialization;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

/// <summary>How much a committed command survives.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SqliteDurability>))]
public enum SqliteDurability
{
    /// <summary>
    /// Every commit is on disk before the command returns (<c>PRAGMA synchronous = FULL</c> in WAL mode): survives a
    /// process crash and a power loss. The default.
    /// </summary>
    Full = 1,

    /// <summary>
    /// Survives a process crash; a power loss may undo the last commits (<c>PRAGMA synchronous = NORMAL</c>). Faster
    /// on slow disks; the database is never corrupted either way.
    /// </summary>
    Normal = 2,
}

/// <summary>Settings of the SQLite store.</summary>
public sealed class SqliteStoreOptions : ISipStoreOptions
{
    /// <summary>The database file; created with its schema when missing. Give this or <see cref="ConnectionString"/>.</summary>
    public string? Path { get; set; }

    /// <summary>A full Microsoft.Data.Sqlite connection string, for settings beyond <see cref="Path"/>. Give this or <see cref="Path"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How much a committed command survives.</summary>
    /// <value>The default is <see cref="SqliteDurability.Full"/>.</value>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>
    /// How long a write waits for another connection or process to finish its write before giving up.
    /// </summary>
    /// <value>The default is 30 seconds; 1 second to 10 minutes.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    string ISipStoreOptions.DisplayName => "SQLite store";

    /// <summary>Lists every problem with these options; empty when they are valid.</summary>
    /// <returns>The problems, one sentence each.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path) == string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add("Give exactly one of Path (the database file) and ConnectionString.");
        }

        if (!Enum.IsDefined(Durability))
        {
            problems.Add($"Durability is {Durability}; allowed: {string.Join(", ", Enum.GetNames<SqliteDurability>())}.");
        }

        if (BusyTimeout < TimeSpan.FromSeconds(1) || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"BusyTimeout is {BusyTimeout}; it must be between 1 second and 10 minutes.");
        }

        return problems;
    }
}
