using Npgsql;
using Sip.Workflow.Storage;

namespace Sip.Workflow.PostgreSql;

// Feed subscribers: one reader per subscriber across all nodes through a session advisory lock held on a connection of
// the lease's own; the checkpoint is saved through that connection, so a node that lost it cannot save.
public sealed partial class PostgreSqlSipCaseStore : ISipSubscriptionStore
{
    /// <inheritdoc />
    public async Task<SipSubscriptionLease?> TryAcquireAsync(string subscriber, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        SipSubscriptionLease.ValidateName(subscriber);
        SipSubscriptionLease.ValidateLeaseDuration(leaseDuration);
        if (_multiplexing)
        {
            // With multiplexing a command runs on whichever session is free, so a session lock proves nothing about who
            // reads: two nodes could both believe they hold the subscriber.
            throw new SipStorageException(
                "Feed subscribers need a session of their own to hold their lock, and this store's connection string sets Multiplexing=true. " +
                "Give the store a connection string without Multiplexing (and not through PgBouncer in transaction or statement mode).");
        }

        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var key = $"sip-workflow-subscriber:{_schema}:{subscriber}";
            await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection))
            {
                take.Parameters.Add(new NpgsqlParameter { Value = key });
                if (await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    return null;
                }
            }

            await using var read = new NpgsqlCommand($"SELECT position FROM {_qualified}.sip_subscriptions WHERE name = $1", connection);
            read.Parameters.Add(new NpgsqlParameter { Value = subscriber });
            var position = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long? ?? 0;
            var lease = new Lease(this, connection, key, subscriber, position);
            connection = null;
            return lease;
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw new SipTransientStoreException($"PostgreSQL was unavailable ({Describe(e)}); the subscriber's lease was not taken. It is safe to retry.", mayHaveBeenApplied: false, e);
        }
        finally
        {
            if (connection is not null)
            {
                // Failed or cancelled after the lock may have been taken: the pooled session must not keep it.
                NpgsqlConnection.ClearPool(connection);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class Lease(PostgreSqlSipCaseStore store, NpgsqlConnection connection, string key, string subscriber, long position)
        : SipSubscriptionLease(subscriber, position)
    {
        protected override async Task SaveCoreAsync(long position, CancellationToken cancellationToken)
        {
            try
            {
                await using var save = new NpgsqlCommand(
                    $"INSERT INTO {store._qualified}.sip_subscriptions (name, position) VALUES ($1, $2) " +
                    "ON CONFLICT (name) DO UPDATE SET position = excluded.position WHERE sip_subscriptions.position <= excluded.position",
                    connection);
                save.Parameters.Add(new NpgsqlParameter { Value = Subscriber });
                save.Parameters.Add(new NpgsqlParameter { Value = position });
                await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) || e is InvalidOperationException)
            {
                // The connection that held the lock is gone, and the lock with it: another node may read now.
                throw new SipTransientStoreException(
                    $"The connection holding feed subscriber '{Subscriber}' failed ({Describe(e)}), and its lease with it; take a new lease.", mayHaveBeenApplied: false, e);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", connection);
                release.Parameters.Add(new NpgsqlParameter { Value = key });
                await release.ExecuteScalarAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) || e is InvalidOperationException)
            {
                // Disposing only returns the connection to Npgsql's pool, where its session (and the lock) would live on:
                // have the pool close it instead.
                NpgsqlConnection.ClearPool(connection);
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
