using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Sip.Workflow.TestUtilities;

/// <summary>
/// A throwaway PostgreSQL cluster for tests and benchmarks: <c>initdb</c> into a temp folder, a server on a free
/// loopback port, stopped and removed afterwards. Uses the PostgreSQL binaries on the machine (<c>.ci/run</c> installs
/// them when missing); as root it runs them as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string folder, string bin, bool asPostgresUser, int port)
    {
        _folder = folder;
        _bin = bin;
        _asPostgresUser = asPostgresUser;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "sip",
            Database = "sip",
            Pooling = true,
            MaxPoolSize = 20,
        }.ConnectionString;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string to the cluster's <c>sip</c> database.</summary>
    public string ConnectionString { get; }

    /// <summary>A fresh schema name, so each store under test starts empty.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>Creates and starts a cluster.</summary>
    /// <param name="durable">
    /// Keep PostgreSQL's durable defaults (fsync, synchronous commit), as benchmarks need; tests turn them off for speed,
    /// since what they check does not depend on the disk.
    /// </param>
    public static async Task<PostgresCluster> StartAsync(bool durable = false)
    {
        var bin = FindBinaries();
        var asPostgresUser = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("sip-pg-").FullName;
        if (asPostgresUser)
        {
            Run("chown", ["-R", "postgres:", folder]);
        }

        var port = FreePort();
        var cluster = new PostgresCluster(folder, bin, asPostgresUser, port);
        try
        {
            cluster.Pg("initdb", ["-D", cluster.Data, "-U", "sip", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
            cluster.Pg("pg_ctl", ["-D", cluster.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
                string.Create(CultureInfo.InvariantCulture,
                    $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300{(durable ? string.Empty : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")}"),
                "start"]);
            var admin = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE sip", connection);
            await create.ExecuteNonQueryAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private string Data => Path.Combine(_folder, "data");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(Data))
            {
                Pg("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
            }
        }
        catch (InvalidOperationException)
        {
            // The server may never have started; the folder goes anyway.
        }

        await Task.Yield();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Pg(string program, string[] arguments)
    {
        var path = Path.Combine(_bin, program);
        if (_asPostgresUser)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish in two minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("SIP_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin. Install them with " +
            "'apt-get install postgresql' (.ci/run does this) or point SIP_PG_BIN at their folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
