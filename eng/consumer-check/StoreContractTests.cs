using Sip.Workflow.Sqlite;
using Sip.Workflow.Storage;
using Sip.Workflow.Testing;

namespace MyStore.Tests;

// The factory: a new, empty store per Create(), a second instance over the same data for read-backs, and clean-up.
public sealed class MyStoreFactory : ISipCaseStoreFactory
{
    private readonly string _folder = Directory.CreateTempSubdirectory("my-store-").FullName;
    private readonly List<SqliteSipCaseStore> _stores = [];
    private readonly Dictionary<ISipCaseStore, string> _files = [];

    public ISipCaseStore Create()
    {
        var file = Path.Combine(_folder, $"{Guid.NewGuid():N}.db");
        var store = new SqliteSipCaseStore(file);
        _stores.Add(store);
        _files[store] = file;
        return store;
    }

    public ISipCaseStore CreateReader(ISipCaseStore writer)
    {
        var reader = new SqliteSipCaseStore(_files[writer]);
        _stores.Add(reader);
        return reader;
    }

    public async ValueTask CleanUpAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

// One line per promise.
public sealed class MyStoreBasics() : SipCaseStoreBasicsContract(new MyStoreFactory());
public sealed class MyStoreConcurrency() : SipCaseStoreConcurrencyContract(new MyStoreFactory());
public sealed class MyStoreIdempotency() : SipCaseStoreIdempotencyContract(new MyStoreFactory());
public sealed class MyStorePaging() : SipCaseStorePagingContract(new MyStoreFactory());
public sealed class MyStoreHostileText() : SipCaseStoreHostileTextContract(new MyStoreFactory());
public sealed class MyStoreGallring() : SipCaseStoreGallringContract(new MyStoreFactory());
public sealed class MyStoreAccess() : SipAccessContract(new MyStoreFactory());
