using Sip.Workflow.Storage;
using Sip.Workflow.Testing;

namespace Sip.Workflow.InMemory.Tests;

/// <summary>A new in-memory store per test; nothing to read through a second instance or to clean up.</summary>
public sealed class InMemoryStoreFactory : ISipCaseStoreFactory
{
    public ISipCaseStore Create() => new InMemorySipCaseStore();
}

public sealed class InMemoryBasics() : SipCaseStoreBasicsContract(new InMemoryStoreFactory());

public sealed class InMemoryConcurrency() : SipCaseStoreConcurrencyContract(new InMemoryStoreFactory());

public sealed class InMemoryIdempotency() : SipCaseStoreIdempotencyContract(new InMemoryStoreFactory());

public sealed class InMemoryPaging() : SipCaseStorePagingContract(new InMemoryStoreFactory());

public sealed class InMemoryHostileText() : SipCaseStoreHostileTextContract(new InMemoryStoreFactory());
