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

public sealed class InMemoryGallring() : SipCaseStoreGallringContract(new InMemoryStoreFactory());

public sealed class InMemoryFeed() : SipCaseStoreFeedContract(new InMemoryStoreFactory());

public sealed class InMemorySubscriptions() : SipSubscriptionStoreContract(new InMemoryStoreFactory());

public sealed class InMemoryAccess() : SipAccessContract(new InMemoryStoreFactory());
public sealed class InMemoryIndicators() : SipIndicatorStoreContract(new InMemoryStoreFactory());

public sealed class ContractFactoryTests
{
    [Fact]
    public void A_contract_without_a_factory_is_refused_naming_the_argument()
    {
        var act = () => new WithoutFactory();

        act.Should().Throw<ArgumentNullException>().WithParameterName("factory");
    }

    [Fact]
    public async Task The_factory_cleans_up_after_each_test_and_the_default_reader_is_the_writer()
    {
        var factory = new CountingFactory();
        var contract = new Counted(factory);
        var store = factory.Create();

        await contract.DisposeAsync();

        ((ISipCaseStoreFactory)factory).CreateReader(store).Should().BeSameAs(store);
        factory.CleanUps.Should().Be(1);
    }

    // Not public: xUnit must not run these as test classes of their own.
    private sealed class WithoutFactory() : SipCaseStoreBasicsContract(null!);

    private sealed class Counted(ISipCaseStoreFactory factory) : SipCaseStorePagingContract(factory);

    private sealed class CountingFactory : ISipCaseStoreFactory
    {
        public int CleanUps { get; private set; }

        public ISipCaseStore Create() => new InMemorySipCaseStore();

        public ValueTask CleanUpAsync()
        {
            CleanUps++;
            return default;
        }
    }
}
