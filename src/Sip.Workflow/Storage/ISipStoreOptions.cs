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
public interface ISipStoreInitializer
{
    /// <summary>Opens the store.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="SipStorageException">The database is not one the store can use.</exception>
    /// <exception cref="SipTransientStoreException">The database could not be reached.</exception>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
