using System.Collections.Concurrent;
using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.Testing;

/// <summary>
/// The event feed's promises (<see cref="ISipCaseStore.ReadFeedAsync"/>): every acknowledged event is read exactly once
/// (a store may make an entry readable a moment after the write is acknowledged, never out of order: the tests wait for it),
/// in one order every reader sees, with each case's events in sequence order; a reader resuming after the last position
/// it handled misses nothing and sees nothing twice, however writers race; a refused write leaves no entry; a purged
/// case is read as its tombstone only.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreFeed() : SipCaseStoreFeedContract(new MyStoreFactory());
/// </code>
/// </example>
public abstract class SipCaseStoreFeedContract : SipCaseStoreContract
{
    /// <summary>Creates the contract over the stores <paramref name="factory"/> makes.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipCaseStoreFeedContract(ISipCaseStoreFactory factory)
        : base(factory)
    {
    }

    private int _seenCount;

    /// <summary>Events come out in the order they were written, one page at a time, with growing positions.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Events_are_read_in_the_order_written_a_page_at_a_time()
    {
        var store = CreateStore();
        var (a1, ea1) = await ContractData.CreateAsync(store);
        var (b1, eb1) = await ContractData.CreateAsync(store, ContractData.NewCase(subject: "b"));
        var (a2, ea2) = ContractData.Next(a1, ea1);
        await store.UpdateAsync(a2, 1, ea2, Ct);
        var (b2, eb2) = ContractData.Next(b1, eb1);
        await store.UpdateAsync(b2, 1, eb2, Ct);

        var reader = CreateReader(store);
        await ContractData.ReadFeedUntilAsync(reader, e => e.Count >= 4);
        var all = await ReadAllAsync(reader, 0, pageSize: 1);

        Assert.Equal([ea1, eb1, ea2, eb2], all.Select(e => e.Event));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Position < p.Second.Position), "positions grow");
        Assert.Empty(await reader.ReadFeedAsync(all[^1].Position, 10, Ct));
        Assert.Equal([ea2, eb2], (await reader.ReadFeedAsync(all[1].Position, 10, Ct)).Select(e => e.Event));
    }

    /// <summary>A write the store refuses (a stale version, a used command id) leaves no entry in the feed.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_refused_write_leaves_no_entry()
    {
        var store = CreateStore();
        var (c1, e1) = await ContractData.CreateAsync(store);
        var (c2, e2) = ContractData.Next(c1, e1);
        await store.UpdateAsync(c2, 1, e2, Ct);
        var (stale, staleEvent) = ContractData.Next(c1, e1, change: c => c with { IdentifiedBy = PrincipalKind.Municipality });

        await Assert.ThrowsAsync<SipConcurrencyException>(() => store.UpdateAsync(stale, 1, staleEvent, Ct));
        await Assert.ThrowsAsync<SipConcurrencyException>(() => ContractData.CreateAsync(store, ContractData.NewCase(c1.Id)));
        var (_, marker) = await ContractData.CreateAsync(store, ContractData.NewCase(subject: "written after the refusals"));

        // Once the marker written after the refusals is readable, so is anything they could have left.
        var feed = await ContractData.ReadFeedUntilAsync(CreateReader(store), e => e.Any(x => x.Event == marker));
        Assert.Equal([e1, e2, marker], feed.Select(e => e.Event));
    }

    /// <summary>
    /// After a purge the case's events are gone from the feed and its tombstone is read after everything before it, so a
    /// reader that had passed the events learns of the purge, and one starting afresh reads the tombstone only.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_purged_case_is_read_as_its_tombstone_only()
    {
        var store = CreateStore();
        var (kept, keptEvent) = await ContractData.CreateAsync(store, ContractData.NewCase(subject: "kept"));
        var (purged, _) = await ContractData.CreateAsync(store);
        var reader = CreateReader(store);
        var passed = (await ContractData.ReadFeedUntilAsync(reader, e => e.Count >= 2))[^1].Position;
        var tombstone = ContractData.Tombstone(purged);

        await store.PurgeAsync(tombstone, Ct);

        var fresh = await ContractData.ReadFeedUntilAsync(reader, e => e.Any(x => x.Tombstone is not null));
        Assert.Equal(2, fresh.Count);
        Assert.Equal(keptEvent, fresh[0].Event);
        Assert.Equal(tombstone, fresh[1].Tombstone);
        Assert.Null(fresh[1].Event);
        Assert.Equal(purged.Id, fresh[1].CaseId);
        Assert.Equal(tombstone, Assert.Single(await reader.ReadFeedAsync(passed, 100, Ct)).Tombstone);
        Assert.Equal(kept.Id, fresh[0].CaseId);
    }

    /// <summary>
    /// Many writers (through two store instances over the same data, as two processes or nodes would) race while a reader
    /// follows the feed from its last position: the reader gets every acknowledged event exactly once, each case's events
    /// in sequence order, and a reader starting afresh afterwards gets the same entries in the same order.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_reader_following_racing_writers_gets_every_acknowledged_event_exactly_once()
    {
        const int Writers = 8;
        const int StepsPerCase = 6;
        var store = CreateStore();
        var other = CreateReader(store);
        var follower = CreateReader(store);
        var acknowledged = new ConcurrentBag<SipEvent>();
        using var done = new CancellationTokenSource();

        async Task WriteAsync(ISipCaseStore through, int writer)
        {
            var (c, e) = await ContractData.CreateAsync(through, ContractData.NewCase(subject: $"w{writer}"));
            acknowledged.Add(e);
            for (var step = 0; step < StepsPerCase; step++)
            {
                (c, e) = ContractData.Next(c, e);
                await through.UpdateAsync(c, c.Version - 1, e, Ct);
                acknowledged.Add(e);
            }
        }

        var seen = new List<SipFeedEntry>();
        async Task FollowAsync()
        {
            long last = 0;
            while (true)
            {
                var finished = done.IsCancellationRequested;
                var page = await follower.ReadFeedAsync(last, 7, Ct);
                seen.AddRange(page);
                Volatile.Write(ref _seenCount, seen.Count);
                if (page.Count > 0)
                {
                    last = page[^1].Position;
                }
                else if (finished)
                {
                    return;
                }
                else
                {
                    await Task.Delay(1, Ct);
                }
            }
        }

        var following = Task.Run(FollowAsync, Ct);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w % 2 == 0 ? store : other, w), Ct)));

        // The follower stops once everything acknowledged has been read (or after 30 seconds, and the test fails).
        var total = Writers * (StepsPerCase + 1);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref _seenCount) < total && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20, Ct);
        }

        await done.CancelAsync();
        await following;

        Assert.Equal(Writers * (StepsPerCase + 1), acknowledged.Count);
        Assert.Equal(acknowledged.Count, seen.Count);
        Assert.Equal(acknowledged.ToHashSet(), seen.Select(e => e.Event!).ToHashSet());
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Position < p.Second.Position), "positions grow as the follower reads them");
        foreach (var perCase in seen.GroupBy(e => e.CaseId))
        {
            Assert.Equal(Enumerable.Range(1, StepsPerCase + 1).Select(i => (long)i), perCase.Select(e => e.Event!.Sequence));
        }

        Assert.Equal(seen, await ReadAllAsync(CreateReader(store), 0, 1000));
    }

    /// <summary>
    /// The count of entries still to read (a subscriber's lag in entries) is what a reader would read, up to the limit
    /// asked, whether the store counts in one query or by reading.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task The_entries_still_to_read_are_counted_up_to_the_limit()
    {
        var store = CreateStore();
        var (a1, ea1) = await ContractData.CreateAsync(store);
        await ContractData.CreateAsync(store, ContractData.NewCase(subject: "b"));
        var (a2, ea2) = ContractData.Next(a1, ea1);
        await store.UpdateAsync(a2, 1, ea2, Ct);
        var (a3, ea3) = ContractData.Next(a2, ea2);
        await store.UpdateAsync(a3, 2, ea3, Ct);

        var reader = CreateReader(store);
        await ContractData.ReadFeedUntilAsync(reader, e => e.Count >= 4);
        var all = await ReadAllAsync(reader, 0, pageSize: 100);
        foreach (var count in new Func<long, int, Task<int>>[]
        {
            (after, atMost) => reader.CountFeedAsync(after, atMost, Ct),
            (after, atMost) => SipStoreRules.CountFeedByReadingAsync(reader, after, atMost, Ct),
        })
        {
            Assert.Equal(all.Count, await count(0, 100));
            Assert.Equal(all.Count - 2, await count(all[1].Position, 100));
            Assert.Equal(3, await count(0, 3));
            Assert.Equal(0, await count(all[^1].Position, 5));
        }

        Assert.Equal("afterPosition", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.CountFeedAsync(-1, 10, Ct))).ParamName);
        Assert.Equal("atMost", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.CountFeedAsync(0, 0, Ct))).ParamName);
        Assert.Equal("atMost", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.CountFeedAsync(0, SipStoreRules.MaxFeedCount + 1, Ct))).ParamName);
    }

    /// <summary>A negative position or a page size out of range is refused naming the argument.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Bad_arguments_are_refused_naming_them()
    {
        var store = CreateStore();

        Assert.Equal("afterPosition", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadFeedAsync(-1, 10, Ct))).ParamName);
        Assert.Equal("maxCount", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadFeedAsync(0, 0, Ct))).ParamName);
        Assert.Equal("maxCount", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadFeedAsync(0, SipCaseQuery.MaxPageSize + 1, Ct))).ParamName);
    }

    private static async Task<List<SipFeedEntry>> ReadAllAsync(ISipCaseStore store, long after, int pageSize)
    {
        var all = new List<SipFeedEntry>();
        while (true)
        {
            var page = await store.ReadFeedAsync(after, pageSize, Ct);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            after = page[^1].Position;
        }
    }
}
