using Sip.Workflow.InMemory;
using Sip.Workflow.Testing;
using Sip.Workflow.Storage;

namespace Sip.Workflow.InMemory.Tests;

public sealed class InMemorySipCaseStoreTests : SipCaseStoreContract
{
    protected override ISipCaseStore CreateStore() => new InMemorySipCaseStore();
}
