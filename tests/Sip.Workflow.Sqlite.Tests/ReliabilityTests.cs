using Sip.Workflow.TestUtilities.Reliability;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite.Tests;

public sealed class SqliteModelProperties : SipModelProperties, IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ISipCaseStore, string> _paths = new();
    private int _next;

    // Each generated sequence gets a database file of its own.
    protected override ISipCaseStore CreateStore()
    {
        var path = _db.PathOf($"model-{Interlocked.Increment(ref _next)}.db");
        var store = new SqliteSipCaseStore(path);
        _paths[store] = path;
        return store;
    }

    protected override ISipCaseStore CreateReader(ISipCaseStore writer) => new SqliteSipCaseStore(_paths[writer]);

    protected override void ReleaseStore(ISipCaseStore store) => ((SqliteSipCaseStore)store).Dispose();

    // Every step is a durable commit here; fewer sequences keep the default run short.
    protected override long Iterations => 60;

    public void Dispose() => _db.Dispose();
}
