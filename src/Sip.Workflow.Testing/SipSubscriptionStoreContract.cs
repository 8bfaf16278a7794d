using Sip.Workflow.Storage;

namespace Sip.Workflow.Testing;

/// <summary>
/// The promises of an <see cref="ISipSubscriptionStore"/>: one reader holds a subscriber at a time (through any store
/// instance over the same data); its saved position is where the next holder resumes, and it never goes back.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreSubscriptions() : SipSubscriptionStoreContract(new MyStoreFactory());
/// </code>
/// </example>
public abstract class SipSubscriptionStoreContract : SipCaseStoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>Creates the contract over the stores <paramref name="factory"/> makes; they must implement <see cref="ISipSubscriptionStore"/>.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipSubscriptionStoreContract(ISipCaseStoreFactory factory)
        : base(factory)
    {
    }

    private static ISipSubscriptionStore Subscriptions(ISipCaseStore store)
        => Assert.IsAssignableFrom<ISipSubscriptionStore>(store);

    /// <summary>While one reader holds a subscriber no other gets it; once released, the next resumes at the saved position.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task One_reader_holds_a_subscriber_and_the_next_resumes_where_it_saved()
    {
        var store = CreateStore();
        var other = Subscriptions(CreateReader(store));

        var first = await Subscriptions(store).TryAcquireAsync("region-export", Lease, Ct);
        Assert.NotNull(first);
        Assert.Equal(0, first.Position);
        Assert.Null(await other.TryAcquireAsync("region-export", Lease, Ct));
        var unrelated = await other.TryAcquireAsync("statistics", Lease, Ct);
        Assert.NotNull(unrelated);
        await first.SaveAsync(42, Ct);
        await first.SaveAsync(42, Ct);
        await first.DisposeAsync();

        var next = await other.TryAcquireAsync("region-export", Lease, Ct);

        Assert.NotNull(next);
        Assert.Equal(42, next.Position);
        Assert.Equal(0, unrelated.Position);
        await next.DisposeAsync();
        await unrelated.DisposeAsync();
    }

    /// <summary>A checkpoint never goes back: saving a lower position is refused and changes nothing.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_checkpoint_never_goes_back()
    {
        var store = Subscriptions(CreateStore());
        await using var lease = await store.TryAcquireAsync("region-export", Lease, Ct);
        await lease!.SaveAsync(10, Ct);

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => lease.SaveAsync(9, Ct));

        Assert.Equal("position", refused.ParamName);
        Assert.Equal(10, lease.Position);
    }

    /// <summary>A bad subscriber name or lease duration is refused naming it.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Bad_arguments_are_refused_naming_them()
    {
        var store = Subscriptions(CreateStore());

        Assert.Equal("subscriber", (await Assert.ThrowsAsync<ArgumentException>(() => store.TryAcquireAsync("", Lease, Ct))).ParamName);
        Assert.Equal("subscriber", (await Assert.ThrowsAsync<ArgumentException>(() => store.TryAcquireAsync(new string('x', 201), Lease, Ct))).ParamName);
        Assert.Equal("leaseDuration", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryAcquireAsync("x", TimeSpan.Zero, Ct))).ParamName);
    }
}
