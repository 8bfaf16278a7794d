using Sip.Workflow.Storage;

namespace Sip.Workflow.Testing;

/// <summary>
/// What every contract class shares: the store factory, the per-test clean-up, and the test's cancellation token.
/// Subclass one of the contract classes (<see cref="SipCaseStoreBasicsContract"/>,
/// <see cref="SipCaseStoreConcurrencyContract"/>, <see cref="SipCaseStoreIdempotencyContract"/>,
/// <see cref="SipCaseStorePagingContract"/>, <see cref="SipCaseStoreHostileTextContract"/>, <see cref="SipCaseStoreFeedContract"/>), not this class.
/// </summary>
public abstract class SipCaseStoreContract : IAsyncLifetime
{
    /// <summary>Keeps the factory the contract class was given.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipCaseStoreContract(ISipCaseStoreFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
    }

    /// <summary>The factory the subclass gave.</summary>
    protected ISipCaseStoreFactory Factory { get; }

    /// <summary>The running test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty store from <see cref="Factory"/>.</summary>
    /// <returns>A store with no cases.</returns>
    protected ISipCaseStore CreateStore() => Factory.Create();

    /// <summary>A second store over <paramref name="writer"/>'s data, from <see cref="Factory"/>.</summary>
    /// <param name="writer">A store made by <see cref="CreateStore"/>.</param>
    /// <returns>The store to read back through.</returns>
    protected ISipCaseStore CreateReader(ISipCaseStore writer) => Factory.CreateReader(writer);

    /// <summary>Runs before each test; nothing by default.</summary>
    /// <returns>A completed task.</returns>
    public virtual ValueTask InitializeAsync() => default;

    /// <summary>Runs after each test: calls <see cref="ISipCaseStoreFactory.CleanUpAsync"/>.</summary>
    /// <returns>A task that completes when the factory has cleaned up.</returns>
    public async ValueTask DisposeAsync()
    {
        await Factory.CleanUpAsync();
        GC.SuppressFinalize(this);
    }
}
