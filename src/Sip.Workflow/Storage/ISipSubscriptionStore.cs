using Sip.Workflow.Internal;

namespace Sip.Workflow.Storage;

/// <summary>
/// A store that keeps event-feed subscribers' checkpoints and lets one reader at a time hold each subscriber, so that
/// several application nodes can run the same subscriber and only one of them reads (the others wait to take over).
/// The three stores of this library implement it; the hosted subscriber (<c>AddSipEventSubscriber</c>) needs it.
/// </summary>
public interface ISipSubscriptionStore
{
    /// <summary>
    /// Takes the lease of <paramref name="subscriber"/>, with its saved position, unless another reader holds it.
    /// </summary>
    /// <param name="subscriber">The subscriber's durable name: 1 to 200 characters, no control characters.</param>
    /// <param name="leaseDuration">How long the lease lasts without a save (where a store needs one; a lease tied to a
    /// connection ends with it): 1 second to 1 hour. A reader that stops saving loses it after this long.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lease, or <see langword="null"/> when another reader holds it.</returns>
    /// <exception cref="ArgumentException"><paramref name="subscriber"/> is empty, too long or has control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leaseDuration"/> is out of range.</exception>
    /// <exception cref="SipTransientStoreException">The store failed for a passing reason; try again.</exception>
    /// <exception cref="SipStorageException">The store cannot be used, or cannot hold a subscriber (PostgreSQL with Multiplexing).</exception>
    Task<SipSubscriptionLease?> TryAcquireAsync(string subscriber, TimeSpan leaseDuration, CancellationToken cancellationToken = default);
}

/// <summary>
/// The right to read the feed for one subscriber, and its durable checkpoint: the last position it handled. Dispose it to
/// let another reader take over at once.
/// </summary>
public abstract class SipSubscriptionLease : IAsyncDisposable
{
    /// <summary>Creates the lease of <paramref name="subscriber"/> at its saved <paramref name="position"/>.</summary>
    /// <param name="subscriber">The subscriber's name.</param>
    /// <param name="position">The position last saved; 0 when none was.</param>
    /// <exception cref="ArgumentException"><paramref name="subscriber"/> is not a valid name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    protected SipSubscriptionLease(string subscriber, long position)
    {
        Subscriber = ValidateName(subscriber);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        Position = position;
    }

    /// <summary>The subscriber's name.</summary>
    public string Subscriber { get; }

    /// <summary>The last position saved: where reading resumes.</summary>
    public long Position { get; private set; }

    /// <summary>Saves the last position handled, and renews the lease.</summary>
    /// <param name="position">The last position handled; never below <see cref="Position"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the position is durable.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is below <see cref="Position"/>: a checkpoint never goes back.</exception>
    /// <exception cref="SipTransientStoreException">The lease was lost (another reader took over) or the store failed for a passing reason; take a new lease.</exception>
    public async Task SaveAsync(long position, CancellationToken cancellationToken = default)
    {
        if (position < Position)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position,
                $"'{nameof(position)}' is {position}, below the saved {Position}: a subscriber's checkpoint never goes back.");
        }

        await SaveCoreAsync(position, cancellationToken).ConfigureAwait(false);
        Position = position;
    }

    /// <summary>Writes the position, if this lease still holds the subscriber, and renews the lease.</summary>
    /// <param name="position">The position, at least <see cref="Position"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the position is durable.</returns>
    protected abstract Task SaveCoreAsync(long position, CancellationToken cancellationToken);

    /// <summary>Lets go of the subscriber, so another reader can take it at once.</summary>
    /// <returns>A task that completes when the lease is released.</returns>
    public abstract ValueTask DisposeAsync();

    /// <summary>Checks a subscriber's name (for stores that implement <see cref="ISipSubscriptionStore"/>).</summary>
    /// <param name="subscriber">The name.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">It is empty, longer than 200 characters or has control characters.</exception>
    public static string ValidateName(string subscriber) => Check.Text(subscriber, nameof(subscriber), 200);

    /// <summary>Checks a lease duration (for stores that implement <see cref="ISipSubscriptionStore"/>).</summary>
    /// <param name="leaseDuration">The duration.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="ArgumentOutOfRangeException">It is not 1 second to 1 hour.</exception>
    public static TimeSpan ValidateLeaseDuration(TimeSpan leaseDuration)
        => leaseDuration >= TimeSpan.FromSeconds(1) && leaseDuration <= TimeSpan.FromHours(1)
            ? leaseDuration
            : throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, $"'{nameof(leaseDuration)}' must be 1 second to 1 hour.");
}
