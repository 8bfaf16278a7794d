using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>
/// Handles the entries of the event feed, one at a time and in position order, for a hosted subscriber
/// (<see cref="SipEventSubscriberServiceCollectionExtensions.AddSipEventSubscriber{TSubscriber}"/>): forwarding a summons
/// to the other principal's system, updating a search index or a statistics store.
/// </summary>
/// <remarks>
/// Delivery is at least once: an entry whose handling failed, or whose position was not yet saved when the process
/// stopped hard, is handled again. Make handling idempotent (key on <see cref="SipFeedEntry.Position"/>, or on the event's
/// case and sequence). A new instance is resolved from a fresh DI scope for each batch of entries.
/// </remarks>
public interface ISipEventSubscriber
{
    /// <summary>Handles one entry. Throw to have it handled again after a back-off; the entries before it are not repeated.</summary>
    /// <param name="entry">The entry: an event, or a purged case's tombstone.</param>
    /// <param name="cancellationToken">Signalled when the host stops.</param>
    /// <returns>A task that completes when the entry is handled.</returns>
    Task HandleAsync(SipFeedEntry entry, CancellationToken cancellationToken);
}
