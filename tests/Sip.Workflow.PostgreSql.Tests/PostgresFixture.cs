using Sip.Workflow.PostgreSql;
using Sip.Workflow.TestUtilities;

[assembly: AssemblyFixture(typeof(Sip.Workflow.PostgreSql.Tests.PostgresFixture))]

namespace Sip.Workflow.PostgreSql.Tests;

/// <summary>One throwaway PostgreSQL cluster for the whole test assembly, stopped when the tests end.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public string ConnectionString => Cluster.ConnectionString;

    public PostgreSqlSipCaseStore NewStore(string? schema = null)
        => new(new PostgreSqlStoreOptions { ConnectionString = ConnectionString, Schema = schema ?? PostgresCluster.NewSchema() });

    public async ValueTask InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
