using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.InMemory.Tests;

/// <summary>
/// The in-memory store keeps each event as a compact value, not as the instance it was given (hashes as bytes, a chained
/// previous hash not kept twice): what it reads back must still be the event written, member for member.
/// </summary>
public sealed class EventKeepingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_reads_back_as_written_whatever_form_its_hashes_take()
    {
        var store = new InMemorySipCaseStore();
        var (c1, e1) = await StoreData.CreateAsync(store);
        var (c2, plain2) = StoreData.Next(c1, e1, CommandId.New());

        // No case hash, a fingerprint that is no digest (the store checks only the hashes' form): kept as text.
        var e2 = plain2 with { CaseHash = null, CommandFingerprint = "not-a-digest", AuditKeyId = "nyckel-2026", HashVersion = 3 };
        await store.UpdateAsync(c2, 1, e2, Ct);

        // A previous hash that is not the previous event's hash: kept apart, not taken from e2.
        var (c3, plain3) = StoreData.Next(c2, e2);
        var e3 = plain3 with { PreviousHash = e1.Hash, CaseHash = e2.Hash, CommandFingerprint = new string('a', 64) };
        await store.UpdateAsync(c3, 2, e3, Ct);

        // Chained to e3, as the engine writes; a fingerprint of 64 characters that are not all hex digits.
        var (c4, plain4) = StoreData.Next(c3, e3, CommandId.New());
        var e4 = plain4 with { CommandFingerprint = new string('g', 64) };
        await store.UpdateAsync(c4, 3, e4, Ct);

        SipEvent[] written = [e1, e2, e3, e4];
        e3.PreviousHash.Should().NotBe(e2.Hash, "the case this test needs: a previous hash other than the previous event's");
        var history = await store.GetHistoryAsync(c1.Id, Ct);
        history.Should().Equal(written);
        history.Select(e => (e.PreviousHash, e.Hash, e.CaseHash, e.CommandFingerprint))
            .Should().Equal(written.Select(e => (e.PreviousHash, e.Hash, e.CaseHash, e.CommandFingerprint)));
        (await store.FindByCommandIdAsync(e2.CommandId!.Value, Ct)).Should().Be(e2);
        (await store.FindByCommandIdAsync(e4.CommandId!.Value, Ct)).Should().Be(e4);
        (await store.ReadFeedAsync(0, 10, Ct)).Select(f => f.Event).Should().Equal(written);
        (await ((ISipCaseStore)store).GetNewestEventAsync(c1.Id, Ct)).Should().Be(e4);
    }

    [Fact]
    public async Task Thousands_of_events_of_cases_written_in_turn_read_back_each_in_its_own_history()
    {
        // More events than the store's first block and its later ones hold, three cases' events interleaved in the log.
        var store = new InMemorySipCaseStore();
        var written = new List<SipEvent>[3];
        var current = new (SipCase Case, SipEvent Event)[3];
        for (var i = 0; i < 3; i++)
        {
            current[i] = await StoreData.CreateAsync(store);
            written[i] = [current[i].Event];
        }

        for (var n = 0; n < 2_200; n++)
        {
            var i = n % 3;
            var next = StoreData.Next(current[i].Case, current[i].Event, n % 2 == 0 ? CommandId.New() : null);
            await store.UpdateAsync(next.Case, current[i].Case.Version, next.Event, Ct);
            current[i] = next;
            written[i].Add(next.Event);
        }

        for (var i = 0; i < 3; i++)
        {
            (await store.GetHistoryAsync(current[i].Case.Id, Ct)).Should().Equal(written[i]);
            SipAuditChain.Verify(await store.GetHistoryAsync(current[i].Case.Id, Ct)).IsIntact.Should().BeTrue();
        }

        var feed = new List<SipEvent>();
        for (IReadOnlyList<SipFeedEntry> page; (page = await store.ReadFeedAsync(feed.Count, 500, Ct)).Count > 0;)
        {
            feed.AddRange(page.Select(f => f.Event!));
        }

        feed.Should().Equal(Enumerable.Range(0, 2_203).Select(n => n < 3 ? written[n][0] : written[(n - 3) % 3][1 + (n - 3) / 3]));
        foreach (var sipEvent in written.SelectMany(w => w).Where(e => e.CommandId is not null))
        {
            (await store.FindByCommandIdAsync(sipEvent.CommandId!.Value, Ct)).Should().Be(sipEvent);
        }
    }

    [Fact]
    public async Task A_purged_case_leaves_no_event_behind_and_the_case_written_beside_it_reads_back_whole()
    {
        var store = new InMemorySipCaseStore();
        var (a, a1) = await StoreData.CreateAsync(store);
        var (b, b1) = await StoreData.CreateAsync(store);
        var aCommand = CommandId.New();
        var (a2Case, a2) = StoreData.Next(a, a1, aCommand);
        await store.UpdateAsync(a2Case, 1, a2, Ct);
        var (b2Case, b2) = StoreData.Next(b, b1, CommandId.New());
        await store.UpdateAsync(b2Case, 1, b2, Ct);

        await store.PurgeAsync(StoreData.Tombstone(a2Case), Ct);

        (await store.GetHistoryAsync(a.Id, Ct)).Should().BeEmpty();
        (await store.FindByCommandIdAsync(aCommand, Ct)).Should().BeNull();
        (await store.GetHistoryAsync(b.Id, Ct)).Should().Equal(b1, b2);
        var feed = await store.ReadFeedAsync(0, 10, Ct);
        feed.Select(f => f.Event).Where(e => e is not null).Should().Equal(b1, b2);
        feed.Should().ContainSingle(f => f.Tombstone != null).Which.Tombstone!.CaseId.Should().Be(a.Id);
    }

    [Fact]
    public async Task A_purged_case_leaves_none_of_its_details_held_for_sharing()
    {
        // The store shares equal details between events; a purge must not leave a purged event's details behind there.
        var store = new InMemorySipCaseStore();
        var (details, last) = await WriteCaseWithDetailsOfItsOwnAsync(store);

        await store.PurgeAsync(StoreData.Tombstone(last), Ct);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        details.IsAlive.Should().BeFalse("nothing in the store may hold a purged case's details");
    }

    // Apart, and not inlined, so that no local of the test holds the event or its details.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<(WeakReference Details, SipCase Last)> WriteCaseWithDetailsOfItsOwnAsync(InMemorySipCaseStore store)
    {
        var (c1, e1) = await StoreData.CreateAsync(store);
        var (c2, plain) = StoreData.Next(c1, e1);
        var e2 = plain with { Details = new Dictionary<string, string> { ["participantId"] = Guid.NewGuid().ToString() } };
        await store.UpdateAsync(c2, 1, e2, Ct);
        return (new WeakReference(e2.Details), c2);
    }
}
