using Sip.Workflow.Testing;
using Sip.Workflow.Testing.Reliability;
using Sip.Workflow.Storage;

namespace Sip.Workflow.PostgreSql.Tests;

public sealed class PostgreSqlContractTests(PostgresFixture pg) : SipCaseStoreContract, IDisposable
{
    private readonly string _schema = PostgresCluster.NewSchema();
    private readonly List<PostgreSqlSipCaseStore> _stores = [];

    protected override ISipCaseStore CreateStore() => Track(pg.NewStore(_schema));

    // A second store (its own connection pool) over the same schema: nothing in a round trip comes from memory.
    protected override ISipCaseStore CreateReader(ISipCaseStore writer) => Track(pg.NewStore(_schema));

    private PostgreSqlSipCaseStore Track(PostgreSqlSipCaseStore store)
    {
        _stores.Add(store);
        return store;
    }

    public void Dispose() => _stores.ForEach(s => s.Dispose());
}

public sealed class PostgreSqlModelProperties(PostgresFixture pg) : SipModelProperties
{
    protected override ISipCaseStore CreateStore() => pg.NewStore();

    protected override ISipCaseStore CreateReader(ISipCaseStore writer) => pg.NewStore(((PostgreSqlSipCaseStore)writer).Schema);

    protected override void ReleaseStore(ISipCaseStore store) => ((PostgreSqlSipCaseStore)store).Dispose();

    protected override long Iterations => 40;
}

public sealed class PostgreSqlConcurrencySuite(PostgresFixture pg) : SipConcurrencySuite, IDisposable
{
    private readonly PostgreSqlSipCaseStore _store = pg.NewStore();
    private PostgreSqlSipCaseStore? _reader;

    protected override ISipCaseStore CreateStore() => _store;

    protected override ISipCaseStore CreateReader(ISipCaseStore writer) => _reader = pg.NewStore(_store.Schema);

    public void Dispose()
    {
        _store.Dispose();
        _reader?.Dispose();
    }
}
