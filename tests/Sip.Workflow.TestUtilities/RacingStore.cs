using Sip.Workflow.Storage;

namespace Sip.Workflow.TestUtilities;

/// <summary>
/// A store decorator that, once armed, holds each save until <c>writers</c> saves are waiting: every writer has read
/// the case before any of them writes, so their saves really collide.
/// </summary>
public sealed class RacingStore(ISipCaseStore inner) : SipCaseStoreDecorator(inner), IDisposable
{
    private Barrier? _barrier;

    public void Arm(int writers) => _barrier = new Barrier(writers);

    public void Dispose() => _barrier?.Dispose();

    public override async Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
    {
        if (_barrier is { } barrier)
        {
            await Task.Run(() => barrier.SignalAndWait(TimeSpan.FromSeconds(10), cancellationToken), cancellationToken);
        }

        await Inner.UpdateAsync(updatedCase, expectedVersion, sipEvent, cancellationToken);
    }
}
