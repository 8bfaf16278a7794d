using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite;

// Feed subscribers: a lease row per subscriber, taken and renewed in write transactions, so that of the processes on one
// machine only one reads for a subscriber; one that stops renewing loses it when the lease runs out.
public sealed partial class SqliteSipCaseStore : ISipSubscriptionStore
{
    /// <inheritdoc />
    public async Task<SipSubscriptionLease?> TryAcquireAsync(string subscriber, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        SipSubscriptionLease.ValidateName(subscriber);
        var days = SipSubscriptionLease.ValidateLeaseDuration(leaseDuration).TotalDays;
        var owner = Guid.NewGuid().ToString("N");
        long? position = null;
        await WriteOwnRowsAsync(writer =>
        {
            using (var take = writer.Statement(
                "INSERT INTO sip_subscriptions (name, position, owner, lease_until) VALUES ($name, 0, $owner, julianday('now') + $days) " +
                "ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until " +
                "WHERE owner IS NULL OR lease_until < julianday('now');",
                ("$name", subscriber), ("$owner", owner), ("$days", days)))
            {
                take.ExecuteNonQuery();
            }

            using var held = writer.Statement("SELECT position FROM sip_subscriptions WHERE name = $name AND owner = $owner;", ("$name", subscriber), ("$owner", owner));
            position = held.ExecuteScalar() as long?;
        }, cancellationToken).ConfigureAwait(false);
        return position is { } p ? new Lease(this, subscriber, owner, days, p) : null;
    }

    // Writes that touch only their own rows (a subscriber's, the access log's, the indicator projection's): nothing to do after the commit, and a
    // constraint violation is not a case's conflict but the error itself.
    private Task WriteOwnRowsAsync(Action<Writer> write, CancellationToken cancellationToken)
        => WriteAsync(write, static () => { }, static constraint => constraint.Error, cancellationToken);

    private sealed class Lease(SqliteSipCaseStore store, string subscriber, string owner, double days, long position)
        : SipSubscriptionLease(subscriber, position)
    {
        protected override Task SaveCoreAsync(long position, CancellationToken cancellationToken) => store.WriteOwnRowsAsync(writer =>
        {
            using var save = writer.Statement(
                "UPDATE sip_subscriptions SET position = $position, lease_until = julianday('now') + $days WHERE name = $name AND owner = $owner;",
                ("$position", position), ("$days", days), ("$name", Subscriber), ("$owner", owner));
            if (save.ExecuteNonQuery() == 0)
            {
                throw new SipTransientStoreException(
                    $"The lease of feed subscriber '{Subscriber}' ran out and another reader took it; take a new lease.", mayHaveBeenApplied: false);
            }
        }, cancellationToken);

        public override async ValueTask DisposeAsync()
        {
            if (store._disposed)
            {
                return;
            }

            await store.WriteOwnRowsAsync(writer =>
            {
                using var release = writer.Statement(
                    "UPDATE sip_subscriptions SET owner = NULL, lease_until = NULL WHERE name = $name AND owner = $owner;", ("$name", Subscriber), ("$owner", owner));
                release.ExecuteNonQuery();
            }, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
