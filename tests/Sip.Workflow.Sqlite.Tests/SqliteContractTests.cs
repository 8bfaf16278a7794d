using Sip.Workflow.Storage;
using Sip.Workflow.Testing;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>
/// A database file per store in a temporary folder; a reader is a second store over the writer's file, so nothing in a
/// round trip comes from the writer's memory. Clean-up disposes every store and removes the folder.
/// </summary>
public sealed class SqliteStoreFactory : ISipCaseStoreFactory, IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly List<SqliteSipCaseStore> _stores = [];
    private readonly Dictionary<ISipCaseStore, string> _paths = [];

    public ISipCaseStore Create()
    {
        var path = _db.PathOf($"sip-{_paths.Count + 1}.db");
        var store = Track(new SqliteSipCaseStore(path));
        _paths[store] = path;
        return store;
    }

    public ISipCaseStore CreateReader(ISipCaseStore writer) => Track(new SqliteSipCaseStore(_paths[writer]));

    public async ValueTask CleanUpAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose() => _db.Dispose();

    private SqliteSipCaseStore Track(SqliteSipCaseStore store)
    {
        _stores.Add(store);
        return store;
    }
}

public sealed class SqliteBasics() : SipCaseStoreBasicsContract(new SqliteStoreFactory());

public sealed class SqliteConcurrency() : SipCaseStoreConcurrencyContract(new SqliteStoreFactory());

public sealed class SqliteIdempotency() : SipCaseStoreIdempotencyContract(new SqliteStoreFactory());

public sealed class SqlitePaging() : SipCaseStorePagingContract(new SqliteStoreFactory());

public sealed class SqliteHostileText() : SipCaseStoreHostileTextContract(new SqliteStoreFactory());
public sealed class SqliteGallring() : SipCaseStoreGallringContract(new SqliteStoreFactory());

public sealed class SqliteFeed() : SipCaseStoreFeedContract(new SqliteStoreFactory());

public sealed class SqliteSubscriptions() : SipSubscriptionStoreContract(new SqliteStoreFactory());

public sealed class SqliteAccess() : SipAccessContract(new SqliteStoreFactory());
public sealed class SqliteIndicators() : SipIndicatorStoreContract(new SqliteStoreFactory());
