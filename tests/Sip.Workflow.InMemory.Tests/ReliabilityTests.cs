using Sip.Workflow.Testing.Reliability;
using Sip.Workflow.Storage;

namespace Sip.Workflow.InMemory.Tests;

public sealed class InMemoryModelProperties : SipModelProperties
{
    protected override ISipCaseStore CreateStore() => new InMemorySipCaseStore();

    protected override long Iterations => 400;
}

public sealed class InMemoryConcurrencySuite : SipConcurrencySuite
{
    protected override ISipCaseStore CreateStore() => new InMemorySipCaseStore();
}
