using Sip.Workflow.InMemory;
using Sip.Workflow.Testing;

namespace Sip.Workflow.InMemory.Tests;

public sealed class InMemorySipCaseStoreTests : SipCaseStoreContract
{
    protected override ISipCaseStore CreateStore() => new InMemorySipCaseStore();
}
