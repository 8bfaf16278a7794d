using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>
/// Group commit: concurrent writes share one transaction and one fsync, yet each stands or falls on its own — a stale
/// version, a taken id or a cancelled write in the group takes nothing else with it — and a lone write is its own group.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Concurrent_writes_share_transactions_and_a_refused_one_takes_no_other_with_it()
    {
        await using var store = new SqliteSipCaseStore(_db.PathOf());
        const int Cases = 48;
        var opened = new List<(SipCase Case, SipEvent Event)>();
        for (var i = 0; i < Cases; i++)
        {
            opened.Add(await StoreData.CreateAsync(store, StoreData.NewCase(subject: $"s{i}")));
        }

        var before = store.Committed;
        using var start = new ManualResetEventSlim();

        // Every case gets an update; every other case a second one from the same version racing it (one of the two must
        // lose); and one new case is created twice. All are let go at once.
        var contenders = opened.Select((o, i) => Enumerable.Range(0, i % 2 == 0 ? 2 : 1)
            .Select(_ => StoreData.Next(o.Case, o.Event, CommandId.New())).ToList()).ToList();
        var updates = contenders.Select(list => list.Select(u => Task.Run(async () => { start.Wait(Ct); await store.UpdateAsync(u.Case, 1, u.Event, Ct); }, Ct)).ToList()).ToList();
        var duplicate = StoreData.NewCase();
        var creates = Enumerable.Range(0, 2).Select(_ => Task.Run(async () => { start.Wait(Ct); await StoreData.CreateAsync(store, duplicate); }, Ct)).ToList();
        start.Set();

        static async Task<bool> Won(Task write)
        {
            try
            {
                await write;
                return true;
            }
            catch (SipConcurrencyException)
            {
                return false;
            }
        }

        for (var i = 0; i < Cases; i++)
        {
            var won = await Task.WhenAll(updates[i].Select(Won));
            Assert.Single(won, w => w);
            var winner = contenders[i][Array.IndexOf(won, true)];
            Assert.Equal(2, (await store.GetAsync(opened[i].Case.Id, Ct))!.Version);
            Assert.Equal([opened[i].Event.Hash, winner.Event.Hash], (await store.GetHistoryAsync(opened[i].Case.Id, Ct)).Select(e => e.Hash));
        }

        Assert.Single(await Task.WhenAll(creates.Select(Won)), w => w);

        var (groups, written) = store.Committed;
        Assert.Equal(Cases + 1, written - before.Writes);
        Assert.True(groups - before.Groups < written - before.Writes, $"{written - before.Writes} writes in {groups - before.Groups} transactions: some shared one");
    }

    [Fact]
    public async Task A_write_refused_in_a_group_is_answered_only_after_the_commit_so_its_caller_reads_the_winner()
    {
        await using var store = new SqliteSipCaseStore(_db.PathOf());
        var (c, e) = await StoreData.CreateAsync(store);
        var (blocker, blockerEvent) = await StoreData.CreateAsync(store, StoreData.NewCase(subject: "blocker"));
        using var holdFirst = new ManualResetEventSlim();
        using var holdSecond = new ManualResetEventSlim();
        using var atFirst = new SemaphoreSlim(0);
        using var atSecond = new SemaphoreSlim(0);
        var commits = 0;
        store.BeforeCommit = () =>
        {
            if (Interlocked.Increment(ref commits) == 1)
            {
                atFirst.Release();
                holdFirst.Wait(Ct);
            }
            else
            {
                atSecond.Release();
                holdSecond.Wait(Ct);
            }
        };

        // A write on another case holds the group in progress, so the two racing updates queue and make the next group.
        var (blocked, blockedEvent) = StoreData.Next(blocker, blockerEvent);
        var first = Task.Run(() => store.UpdateAsync(blocked, 1, blockedEvent, Ct), Ct);
        await atFirst.WaitAsync(Ct);
        var (winner, winnerEvent) = StoreData.Next(c, e, CommandId.New());
        var (loser, loserEvent) = StoreData.Next(c, e, CommandId.New());
        var won = Task.Run(() => store.UpdateAsync(winner, 1, winnerEvent, Ct), Ct);
        while (store.QueuedWrites < 1)
        {
            await Task.Delay(5, Ct);
        }

        var lost = Task.Run(() => store.UpdateAsync(loser, 1, loserEvent, Ct), Ct);
        while (store.QueuedWrites < 2)
        {
            await Task.Delay(5, Ct);
        }

        holdFirst.Set();
        await first;
        await atSecond.WaitAsync(Ct);

        // The second group's statements have run and the loser has lost, but the group has not committed.
        await Task.Delay(100, Ct);
        Assert.False(lost.IsCompleted, "a refused write is answered only after its group's transaction ends");
        holdSecond.Set();

        await won;
        await Assert.ThrowsAsync<SipConcurrencyException>(() => lost);
        Assert.Equal(2, (await store.GetAsync(c.Id, Ct))!.Version);
    }

    [Fact]
    public async Task A_lone_write_is_its_own_transaction()
    {
        await using var store = new SqliteSipCaseStore(_db.PathOf());
        var (c, e) = await StoreData.CreateAsync(store);
        var before = store.Committed;
        var (next, nextEvent) = StoreData.Next(c, e);
        await store.UpdateAsync(next, 1, nextEvent, Ct);
        Assert.Equal((before.Groups + 1, before.Writes + 1), store.Committed);
    }

    [Fact]
    public async Task A_write_cancelled_before_its_turn_is_not_written()
    {
        await using var store = new SqliteSipCaseStore(_db.PathOf());
        var (c, e) = await StoreData.CreateAsync(store);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var (next, nextEvent) = StoreData.Next(c, e);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.UpdateAsync(next, 1, nextEvent, cancelled.Token));
        Assert.Equal(1, (await store.GetAsync(c.Id, Ct))!.Version);
    }

    [Fact]
    public async Task A_group_keeps_its_savepoint_journal_in_memory_so_no_temporary_file_holds_case_data()
    {
        // SQLite journals the pages each write's savepoint changes. Past 64 KiB it spills that journal into an unnamed file in
        // the system's temporary folder (outside the database's own folder and whatever protects it): case documents written
        // there, and two system calls for every page. The store keeps it in memory. Linux shows open files under /proc.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "open files are read from /proc/self/fd");
        await using var store = new SqliteSipCaseStore(_db.PathOf());

        // Each case has 40 deviations of a kilobyte and more (one item row each, about a page apiece); the grouped writes
        // change every one, so each write changes some 40 pages that were in the file when its savepoint began.
        static Deviation[] Deviations(string text) => [.. Enumerable.Range(0, 40).Select(i => new Deviation { Kind = DeviationKind.Other, Description = $"{text} {i} {new string('x', 1500)}" })];
        var opened = new List<(SipCase Case, SipEvent Event)>();
        for (var i = 0; i < 3; i++)
        {
            var (c, e) = await StoreData.CreateAsync(store, StoreData.NewCase(subject: $"s{i}"));
            var (next, nextEvent) = StoreData.Next(c, e, change: x => x with { Deviations = Deviations("first") });
            await store.UpdateAsync(next, 1, nextEvent, Ct);
            opened.Add((next, nextEvent));
        }

        using var release = new ManualResetEventSlim();
        var groups = 0;
        List<string>? temporary = null;
        store.BeforeCommit = () =>
        {
            if (++groups == 1)
            {
                // The first write holds the writer until the others are queued behind it: they form the next group.
                release.Wait(Ct);
                return;
            }

            temporary ??= [.. Directory.EnumerateFileSystemEntries("/proc/self/fd")
                .Select(fd => new FileInfo(fd).LinkTarget ?? string.Empty)
                .Where(target => target.Contains("etilqs_", StringComparison.Ordinal))];
        };

        var first = Task.Run(() => Update(opened[0]), Ct);
        while (groups == 0)
        {
            await Task.Delay(1, Ct);
        }

        var rest = opened.Skip(1).Select(o => Task.Run(() => Update(o), Ct)).ToList();
        while (store.QueuedWrites < rest.Count)
        {
            await Task.Delay(1, Ct);
        }

        release.Set();
        await first;
        await Task.WhenAll(rest);

        Assert.Equal(2, groups);
        Assert.NotNull(temporary);
        Assert.Empty(temporary);
        Assert.Equal(Deviations("second")[39].Description, (await store.GetAsync(opened[2].Case.Id, Ct))!.Deviations[39].Description);

        Task Update((SipCase Case, SipEvent Event) o)
        {
            var (next, nextEvent) = StoreData.Next(o.Case, o.Event, change: x => x with { Deviations = Deviations("second") });
            return store.UpdateAsync(next, o.Case.Version, nextEvent, Ct);
        }
    }
}
