using Sip.Workflow.Storage;

namespace Sip.Workflow.Testing;

/// <summary>
/// Makes the stores a contract test runs against. A contract class asks it for a new, empty store in each test, for
/// a second instance over the same data when a round trip must not be served from memory, and to clean up after the
/// test.
/// </summary>
/// <remarks>
/// One factory serves one test: xUnit makes a new test-class instance, and so a new factory, for every test. A factory
/// for a database typically creates a fresh schema or file in <see cref="Create"/>, remembers what it made, and drops or
/// deletes it in <see cref="CleanUpAsync"/>.
/// </remarks>
public interface ISipCaseStoreFactory
{
    /// <summary>A new, empty store. Called once or several times per test; each call is a separate, empty data set.</summary>
    /// <returns>A store with no cases.</returns>
    ISipCaseStore Create();

    /// <summary>
    /// A store to read back through: a second instance over the data <paramref name="writer"/> wrote (its own
    /// connection, pool or file handle), so that nothing in a round trip can come from the writer's memory.
    /// </summary>
    /// <param name="writer">A store this factory made with <see cref="Create"/>.</param>
    /// <returns>By default <paramref name="writer"/> itself, right for a store that keeps its data in memory.</returns>
    ISipCaseStore CreateReader(ISipCaseStore writer) => writer;

    /// <summary>Releases what this factory made (stores, connections, files, schemas). Called once, after the test.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    ValueTask CleanUpAsync() => default;
}
