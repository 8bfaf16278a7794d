namespace Sip.Workflow.Storage;

/// <summary>A store provider's options, as <see cref="SipStoreRegistration.UseStore{TStore, TOptions}"/> validates them at start-up.</summary>
public interface ISipStoreOptions
{
    /// <summary>Names the store in messages, e.g. "SQLite store".</summary>
    string DisplayName { get; }

    /// <summary>Lists every problem with the options, one sentence each; empty when they are valid.</summary>
    /// <returns>The problems.</returns>
    IReadOnlyList<string> Validate();
}

/// <summary>
/// A store that can be opened ahead of its first use: schema created or migrated, a wrong database refused. A store
/// registered with <see cref="SipStoreRegistration.UseStore{TStore, TOptions}"/> that implements it is opened when the
/// host starts, so a wrong database stops the host at once.
/// </summary>
/// <remarks>
/// The store the engine uses is opened whether or not the host has decorated it: a decorator that implements this
/// interface (forwarding to the store it wraps, as <see cref="SipCaseStoreDecorator"/> does) is asked; one that does not
/// is looked through, and the provider's store registered with <c>Use…Store</c> is opened.
/// </remarks>
public interface ISipStoreInitializer
{
    /// <summary>Opens the store.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="SipStorageException">The database is not one the store can use.</exception>
    /// <exception cref="SipTransientStoreException">The database could not be reached.</exception>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A store that can prove it is usable now: it opens, its schema is the one this release writes, and a write could be
/// made (the database is not read-only and the write lock is obtainable). <c>AddHealthChecks().AddSipWorkflow()</c> asks
/// the registered store for it.
/// </summary>
/// <remarks>
/// A store decorator implements this (and <see cref="ISipStoreInitializer"/>) by forwarding to the store it wraps, or
/// derives from <see cref="SipCaseStoreDecorator"/>, which does. A decorator that does not is looked through: the
/// provider's store registered with <c>Use…Store</c> is asked instead.
/// </remarks>
public interface ISipStoreHealthProbe
{
    /// <summary>Opens the store, reads its schema version and takes and releases the write lock, writing nothing.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the probe found.</returns>
    /// <exception cref="SipStorageException">The store cannot be used: a foreign, corrupt or read-only database, or another schema version.</exception>
    /// <exception cref="SipTransientStoreException">The database could not be reached, or the write lock was held past the store's time-out.</exception>
    Task<SipStoreHealth> ProbeAsync(CancellationToken cancellationToken = default);
}

/// <summary>What a store's health probe found (<see cref="ISipStoreHealthProbe"/>).</summary>
/// <param name="Store">Names the store, e.g. "SQLite store".</param>
/// <param name="SchemaVersion">The schema version the store found; the one this release writes.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipStoreHealth(string Store, int SchemaVersion);
