using Sip.Workflow.Testing;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite.Tests;

public sealed class SqliteSipCaseStoreContractTests : SipCaseStoreContract, IDisposable
{
    private readonly TempDatabase _db = new();

    protected override ISipCaseStore CreateStore() => new SqliteSipCaseStore(_db.PathOf());

    // A second store over the same file: nothing in the round trip can come from the writer's memory.
    protected override ISipCaseStore CreateReader(ISipCaseStore writer) => new SqliteSipCaseStore(_db.PathOf());

    public void Dispose() => _db.Dispose();
}
