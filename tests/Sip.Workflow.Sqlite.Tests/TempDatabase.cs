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
