using Sip.Workflow.Testing;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.TestUtilities.Reliability;
using Sip.Workflow.Storage;

namespace Sip.Workflow.PostgreSql.Tests;

/// <summary>
/// A schema of its own per store in the assembly's throwaway cluster; a reader is a second store (its own connection
/// pool) over the writer's schema, so nothing in a round trip comes from memory. Clean-up disposes every pool.
/// </summary>
public sealed class PostgreSqlStoreFactory(PostgresFixture pg) : ISipCaseStoreFactory
{
    private readonly List<PostgreSqlSipCaseStore> _stores = [];

    public ISipCaseStore Create() => Track(pg.NewStore());

    public ISipCaseStore CreateReader(ISipCaseStore writer) => Track(pg.NewStore(((PostgreSqlSipCaseStore)writer).Schema));

    public async ValueTask CleanUpAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    private PostgreSqlSipCaseStore Track(PostgreSqlSipCaseStore store)
    {
        _stores.Add(store);
        return store;
    }
}

public sealed class PostgreSqlBasics(PostgresFixture pg) : SipCaseStoreBasicsContract(new PostgreSqlStoreFactory(pg));

public sealed class PostgreSqlConcurrency(PostgresFixture pg) : SipCaseStoreConcurrencyContract(new PostgreSqlStoreFactory(pg));

public sealed class PostgreSqlIdempotency(PostgresFixture pg) : SipCaseStoreIdempotencyContract(new PostgreSqlStoreFactory(pg));

public sealed class PostgreSqlPaging(PostgresFixture pg) : SipCaseStorePagingContract(new PostgreSqlStoreFactory(pg));

public sealed class PostgreSqlHostileText(PostgresFixture pg) : SipCaseStoreHostileTextContract(new PostgreSqlStoreFactory(pg));

public sealed class PostgreSqlModelProperties(PostgresFixture pg) : SipModelProperties
{
    protected override ISipCaseStore CreateStore() => pg.NewStore();

    protected override ISipCaseStore CreateReader(ISipCaseStore writer) => pg.NewStore(((PostgreSqlSipCaseStore)writer).Schema);

    protected override void ReleaseStore(ISipCaseStore store) => ((PostgreSqlSipCaseStore)store).Dispose();

    protected override long Iterations => 40;
}

public sealed class PostgreSqlGallring(PostgresFixture pg) : SipCaseStoreGallringContract(new PostgreSqlStoreFactory(pg));

public sealed class PostgreSqlFeed(PostgresFixture pg) : SipCaseStoreFeedContract(new PostgreSqlStoreFactory(pg));

public sealed class PostgreSqlSubscriptions(PostgresFixture pg) : SipSubscriptionStoreContract(new PostgreSqlStoreFactory(pg));

public sealed class PostgreSqlAccess(PostgresFixture pg) : SipAccessContract(new PostgreSqlStoreFactory(pg));
public sealed class PostgreSqlIndicators(PostgresFixture pg) : SipIndicatorStoreContract(new PostgreSqlStoreFactory(pg));
