using Sip.Workflow.TestUtilities.Reliability;
using Sip.Workflow.Storage;

namespace Sip.Workflow.InMemory.Tests;

public sealed class InMemoryModelProperties : SipModelProperties
{
    protected override ISipCaseStore CreateStore() => new InMemorySipCaseStore();

    protected override long Iterations => 400;
}
