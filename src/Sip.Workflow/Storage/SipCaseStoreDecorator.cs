using System.Runtime.CompilerServices;

namespace Sip.Workflow.Storage;

/// <summary>
/// A store that passes every call to the store it wraps: derive from it to add what a host needs around the store
/// (tracing, a cache, a second copy) by overriding the calls you bend, as <c>DelegatingHandler</c> does for HTTP.
/// </summary>
/// <remarks>
/// Opening at start-up (<see cref="ISipStoreInitializer"/>) and the health probe (<see cref="ISipStoreHealthProbe"/>)
/// pass through too, so decorating the store never switches off the start-up check of the database. A wrapped store
/// without them is opened by its first read, and probed by one.
/// </remarks>
/// <param name="inner">The store to wrap.</param>
/// <threadsafety>As thread-safe as the wrapped store and the overrides.</threadsafety>
public abstract class SipCaseStoreDecorator(ISipCaseStore inner) : ISipCaseStore, ISipStoreInitializer, ISipStoreHealthProbe
{
    private readonly ISipCaseStore _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The wrapped store.</summary>
    protected ISipCaseStore Inner => _inner;

    /// <inheritdoc />
    public virtual Task CreateAsync(SipCase newCase, SipEvent openingEvent, CancellationToken cancellationToken = default)
        => _inner.CreateAsync(newCase, openingEvent, cancellationToken);

    /// <inheritdoc />
    public virtual Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default) => _inner.GetAsync(caseId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Passed to the wrapped store's own <see cref="ISipCaseStore.GetForCommandAsync"/> unless the decorator overrides
    /// <see cref="GetAsync"/>: then commands read through that override, as they did before this call existed, so that a
    /// decorator bending reads is never bypassed.
    /// </remarks>
    public virtual Task<SipCase?> GetForCommandAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => OverridesGet.GetValue(GetType(), static type => new(type.GetMethod(nameof(GetAsync), [typeof(SipCaseId), typeof(CancellationToken)])!.DeclaringType != typeof(SipCaseStoreDecorator))).Value
            ? GetAsync(caseId, cancellationToken)
            : _inner.GetForCommandAsync(caseId, cancellationToken);

    // Per decorator type, looked up once: whether it overrides GetAsync.
    private static readonly ConditionalWeakTable<Type, StrongBox<bool>> OverridesGet = [];

    /// <inheritdoc />
    public virtual Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
        => _inner.UpdateAsync(updatedCase, expectedVersion, sipEvent, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => _inner.GetHistoryAsync(caseId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<SipEvent?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken = default)
        => _inner.FindByCommandIdAsync(commandId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<SipCasePage> QueryAsync(SipCaseQuery query, CancellationToken cancellationToken = default) => _inner.QueryAsync(query, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Passed to the wrapped store's own <see cref="ISipCaseStore.QueryHeadsAsync"/> unless the decorator overrides
    /// <see cref="QueryAsync"/>: then heads are read through that override (as whole cases), so that a decorator bending
    /// queries is never bypassed.
    /// </remarks>
    public virtual Task<SipCasePage> QueryHeadsAsync(SipCaseQuery query, CancellationToken cancellationToken = default)
        => OverridesQuery.GetValue(GetType(), static type => new(type.GetMethod(nameof(QueryAsync), [typeof(SipCaseQuery), typeof(CancellationToken)])!.DeclaringType != typeof(SipCaseStoreDecorator))).Value
            ? QueryAsync(query, cancellationToken)
            : _inner.QueryHeadsAsync(query, cancellationToken);

    // Per decorator type, looked up once: whether it overrides QueryAsync.
    private static readonly ConditionalWeakTable<Type, StrongBox<bool>> OverridesQuery = [];

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<SipCaseId>> ListCaseIdsAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default)
        => _inner.ListCaseIdsAsync(after, maxCount, cancellationToken);

    /// <inheritdoc />
    public virtual Task PurgeAsync(SipTombstone tombstone, CancellationToken cancellationToken = default) => _inner.PurgeAsync(tombstone, cancellationToken);

    /// <inheritdoc />
    public virtual Task<SipTombstone?> GetTombstoneAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => _inner.GetTombstoneAsync(caseId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<SipTombstone>> ListTombstonesAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default)
        => _inner.ListTombstonesAsync(after, maxCount, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<SipFeedEntry>> ReadFeedAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
        => _inner.ReadFeedAsync(afterPosition, maxCount, cancellationToken);

    /// <inheritdoc />
    public virtual Task<int> CountFeedAsync(long afterPosition, int atMost, CancellationToken cancellationToken = default)
        => _inner.CountFeedAsync(afterPosition, atMost, cancellationToken);

    /// <inheritdoc />
    public virtual Task<SipEvent?> GetNewestEventAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => _inner.GetNewestEventAsync(caseId, cancellationToken);

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<string>?> ReadAccessKeysAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => _inner.ReadAccessKeysAsync(caseId, cancellationToken);

    /// <summary>Opens the wrapped store when it can be opened ahead of use; otherwise nothing.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="SipStorageException">The database is not one the store can use.</exception>
    /// <exception cref="SipTransientStoreException">The database could not be reached.</exception>
    public virtual Task InitializeAsync(CancellationToken cancellationToken = default)
        => _inner is ISipStoreInitializer initializer ? initializer.InitializeAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Probes the wrapped store (<see cref="SipStoreProbes.ProbeAsync"/>: its own probe, or a read).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the probe found.</returns>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    /// <exception cref="SipTransientStoreException">The database could not be reached, or the write lock was held too long.</exception>
    public virtual Task<SipStoreHealth> ProbeAsync(CancellationToken cancellationToken = default) => SipStoreProbes.ProbeAsync(_inner, cancellationToken);
}

/// <summary>Probes any store: with its own probe when it has one, otherwise with a read of one case.</summary>
public static class SipStoreProbes
{
    /// <summary>Probes <paramref name="store"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the probe found; a store without a probe of its own reports schema version 0 after a successful read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipStorageException">The store cannot be used.</exception>
    /// <exception cref="SipTransientStoreException">The database could not be reached, or the write lock was held too long.</exception>
    public static async Task<SipStoreHealth> ProbeAsync(ISipCaseStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store is ISipStoreHealthProbe probe)
        {
            return await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        }

        // A read proves the store opens and answers; a store that can say more implements the probe.
        await store.QueryAsync(new SipCaseQuery { PageSize = 1 }, cancellationToken).ConfigureAwait(false);
        return new SipStoreHealth(store.GetType().Name, 0);
    }
}
