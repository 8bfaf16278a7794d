using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.TestUtilities;

/// <summary>
/// Builds cases and correctly chained events to write to a store directly, without the engine: the same ones the
/// store-contract classes of Sip.Workflow.Testing write.
/// </summary>
public static class StoreData
{
    public static SipCase NewCase(SipCaseId? id = null, string subject = ContractData.Subject, DateTimeOffset? nextDeadline = null)
        => ContractData.NewCase(id, subject, nextDeadline);

    /// <summary>The next version of a case with its event, chained to <paramref name="previous"/>.</summary>
    public static (SipCase Case, SipEvent Event) Next(SipCase current, SipEvent previous, CommandId? commandId = null, Func<SipCase, SipCase>? change = null)
        => ContractData.Next(current, previous, commandId, change);

    public static Task<(SipCase Case, SipEvent Event)> CreateAsync(ISipCaseStore store, SipCase? sipCase = null) => ContractData.CreateAsync(store, sipCase);

    /// <summary>An allowed read of <paramref name="caseId"/> by the fixed care contact, as the engine logs it.</summary>
    public static SipAccessRecord AccessRecord(SipCaseId caseId) => ContractData.AccessRecord(caseId);

    /// <summary>A sealed tombstone for <paramref name="sipCase"/> at its version (plain SHA-256).</summary>
    public static SipTombstone Tombstone(SipCase sipCase) => ContractData.Tombstone(sipCase);

    /// <summary>
    /// Writes what a store held before the event feed existed: case A with three events, case B with two, and case C purged.
    /// Returns every event written and C's tombstone.
    /// </summary>
    public static async Task<(List<SipEvent> Events, SipTombstone Tombstone)> HistoryBeforeTheFeedAsync(ISipCaseStore store)
    {
        var events = new List<SipEvent>();
        var (a, ea) = await CreateAsync(store, NewCase(subject: "a"));
        var (b, eb) = await CreateAsync(store, NewCase(subject: "b"));
        var (c, _) = await CreateAsync(store, NewCase(subject: "c"));
        events.AddRange([ea, eb]);
        for (var i = 0; i < 2; i++)
        {
            (a, ea) = Next(a, ea);
            await store.UpdateAsync(a, a.Version - 1, ea, TestContext.Current.CancellationToken);
            events.Add(ea);
        }

        (b, eb) = Next(b, eb);
        await store.UpdateAsync(b, b.Version - 1, eb, TestContext.Current.CancellationToken);
        events.Add(eb);
        var tombstone = Tombstone(c);
        await store.PurgeAsync(tombstone, TestContext.Current.CancellationToken);
        return (events, tombstone);
    }

    /// <summary>
    /// Checks a feed migrated from <see cref="HistoryBeforeTheFeedAsync"/>: every event once, each case's in sequence order,
    /// the tombstone after them, and an event written after the migration after all of those.
    /// </summary>
    public static async Task FeedHoldsTheHistoryBeforeItAsync(ISipCaseStore store, List<SipEvent> events, SipTombstone tombstone)
    {
        var ct = TestContext.Current.CancellationToken;
        var migrated = await ContractData.ReadFeedUntilAsync(store, e => e.Count >= events.Count + 1);
        migrated.Take(events.Count).Select(e => e.Event).Should().BeEquivalentTo(events);
        foreach (var perCase in migrated.Where(e => e.Event is not null).GroupBy(e => e.CaseId))
        {
            perCase.Select(e => e.Event!.Sequence).Should().BeInAscendingOrder();
        }

        migrated.Should().HaveCount(events.Count + 1);
        migrated[^1].Tombstone.Should().Be(tombstone);

        var (_, later) = await CreateAsync(store, NewCase(subject: "after the migration"));
        var after = await ContractData.ReadFeedUntilAsync(store, e => e.Count > 0, migrated[^1].Position);
        after.Should().ContainSingle().Which.Event.Should().Be(later);
    }
}
