using Microsoft.Data.Sqlite;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>A folder for one test's database files, removed afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("sip-sqlite-").FullName;
    }

    public string Folder { get; }

    public string PathOf(string name = "sip.db") => Path.Combine(Folder, name);

    /// <summary>The first value <paramref name="sql"/> returns, read outside any store.</summary>
    public object? Scalar(string sql, string name = "sip.db") => Run(sql, name, static command => command.ExecuteScalar());

    /// <summary>Runs every statement of <paramref name="sql"/> on the database, as another tool (or an intruder) would, outside any store.</summary>
    public void Execute(string sql, string name = "sip.db") => Run(sql, name, static command => command.ExecuteNonQuery());

    private T Run<T>(string sql, string name, Func<SqliteCommand, T> run)
    {
        using var connection = new SqliteConnection($"Data Source={PathOf(name)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return run(command);
    }

    public void Dispose()
    {
        // Pooled connections keep the files open; release them before removing the folder.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failing cleanup must not fail the test.
        }
    }
}
