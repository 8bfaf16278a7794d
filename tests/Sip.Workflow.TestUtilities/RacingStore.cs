using Sip.Workflow.Storage;

namespace Sip.Workflow.TestUtilities;

/// <summary>
/// A store decorator that, once armed, holds each save until <c>writers</c> saves are waiting: every writer has read
/// the case before any of them writes, so their saves really collide.
/// </summary>
public sealed class RacingStore(ISipCaseStore inner) : ISipCaseStore, IDisposable
{
    private Barrier? _barrier;

    public void Arm(int writers) => _barrier = new Barrier(writers);

    public void Dispose() => _barrier?.Dispose();

    public Task CreateAsync(SipCase newCase, SipEvent openingEvent, CancellationToken cancellationToken = default)
        => inner.CreateAsync(newCase, openingEvent, cancellationToken);

    public Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default) => inner.GetAsync(caseId, cancellationToken);

    public async Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
    {
        if (_barrier is { } barrier)
        {
            await Task.Run(() => barrier.SignalAndWait(TimeSpan.FromSeconds(10), cancellationToken), cancellationToken);
        }

        await inner.UpdateAsync(updatedCase, expectedVersion, sipEvent, cancellationToken);
    }

    public Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => inner.GetHistoryAsync(caseId, cancellationToken);

    public Task<SipEvent?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken = default)
        => inner.FindByCommandIdAsync(commandId, cancellationToken);

    public Task<SipCasePage> QueryAsync(SipCaseQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);
}
