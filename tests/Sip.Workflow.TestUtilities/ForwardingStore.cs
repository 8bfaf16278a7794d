using Sip.Workflow.Storage;

namespace Sip.Workflow.TestUtilities;

/// <summary>A store that passes every call to another; tests override the one call they bend.</summary>
public abstract class ForwardingStore(ISipCaseStore inner) : ISipCaseStore
{
    protected ISipCaseStore Inner => inner;

    public virtual Task CreateAsync(SipCase newCase, SipEvent openingEvent, CancellationToken cancellationToken = default)
        => inner.CreateAsync(newCase, openingEvent, cancellationToken);

    public virtual Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default) => inner.GetAsync(caseId, cancellationToken);

    public virtual Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
        => inner.UpdateAsync(updatedCase, expectedVersion, sipEvent, cancellationToken);

    public virtual Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => inner.GetHistoryAsync(caseId, cancellationToken);

    public virtual Task<SipEvent?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken = default)
        => inner.FindByCommandIdAsync(commandId, cancellationToken);

    public virtual Task<SipCasePage> QueryAsync(SipCaseQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public virtual Task<IReadOnlyList<SipCaseId>> ListCaseIdsAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default)
        => inner.ListCaseIdsAsync(after, maxCount, cancellationToken);

    public virtual Task PurgeAsync(SipTombstone tombstone, CancellationToken cancellationToken = default) => inner.PurgeAsync(tombstone, cancellationToken);

    public virtual Task<SipTombstone?> GetTombstoneAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => inner.GetTombstoneAsync(caseId, cancellationToken);

    public virtual Task<IReadOnlyList<SipTombstone>> ListTombstonesAsync(SipCaseId? after, int maxCount, CancellationToken cancellationToken = default)
        => inner.ListTombstonesAsync(after, maxCount, cancellationToken);
}
