using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.Testing;

/// <summary>
/// The gallring and listing promises of an <see cref="ISipCaseStore"/>: a purge removes a case and its whole history and
/// leaves its tombstone, atomically and only at the expected version; a purged id is never used again; every case and
/// tombstone can be listed in id order, page by page, for store-wide verification.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreGallring() : SipCaseStoreGallringContract(new MyStoreFactory());
/// </code>
/// </example>
public abstract class SipCaseStoreGallringContract : SipCaseStoreContract
{
    /// <summary>Creates the contract over the stores <paramref name="factory"/> makes.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipCaseStoreGallringContract(ISipCaseStoreFactory factory)
        : base(factory)
    {
    }

    /// <summary>
    /// A purge removes the case and every event (its command ids included) and leaves the tombstone, seen by another
    /// instance over the same data too; the other cases stay.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_purge_removes_the_case_and_its_history_and_leaves_the_tombstone()
    {
        var store = CreateStore();
        var commandId = CommandId.New();
        var (c1, e1) = await ContractData.CreateAsync(store);
        var (c2, e2) = ContractData.Next(c1, e1, commandId);
        await store.UpdateAsync(c2, 1, e2, Ct);
        var (other, _) = await ContractData.CreateAsync(store);
        var tombstone = ContractData.Tombstone(c2);

        await store.PurgeAsync(tombstone, Ct);

        var reader = CreateReader(store);
        Assert.Null(await reader.GetAsync(c1.Id, Ct));
        Assert.Empty(await reader.GetHistoryAsync(c1.Id, Ct));
        Assert.Null(await reader.FindByCommandIdAsync(commandId, Ct));
        Assert.Equal(tombstone, await reader.GetTombstoneAsync(c1.Id, Ct));
        Assert.Equal([tombstone], await reader.ListTombstonesAsync(null, 10, Ct));
        Assert.Equal([other.Id], await reader.ListCaseIdsAsync(null, 10, Ct));
        Assert.Null(await reader.GetTombstoneAsync(other.Id, Ct));
    }

    /// <summary>A purge expecting another version, or of a case that does not exist, is refused and removes nothing.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_purge_at_another_version_or_of_no_case_is_refused_and_removes_nothing()
    {
        var store = CreateStore();
        var (c1, e1) = await ContractData.CreateAsync(store);
        var (c2, e2) = ContractData.Next(c1, e1);
        await store.UpdateAsync(c2, 1, e2, Ct);

        var stale = await Assert.ThrowsAsync<SipConcurrencyException>(() => store.PurgeAsync(ContractData.Tombstone(c1), Ct));
        Assert.Equal(2, stale.ActualVersion);
        await Assert.ThrowsAsync<SipCaseNotFoundException>(() => store.PurgeAsync(ContractData.Tombstone(ContractData.NewCase() with { Version = 1 }), Ct));

        Assert.Equal(c2, await store.GetAsync(c1.Id, Ct));
        Assert.Equal([e1, e2], await store.GetHistoryAsync(c1.Id, Ct));
        Assert.Null(await store.GetTombstoneAsync(c1.Id, Ct));
        Assert.Empty(await store.ListTombstonesAsync(null, 10, Ct));
    }

    /// <summary>
    /// A malformed tombstone (no version, no seal) is refused with an <see cref="ArgumentException"/> naming it, and removes
    /// nothing.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_malformed_tombstone_is_refused_and_removes_nothing()
    {
        var store = CreateStore();
        var (c1, e1) = await ContractData.CreateAsync(store);
        var sealedTombstone = ContractData.Tombstone(c1);

        foreach (var malformed in new[] { sealedTombstone with { LastVersion = 0 }, sealedTombstone with { Hash = string.Empty } })
        {
            var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.PurgeAsync(malformed, Ct));
            Assert.Equal("tombstone", refused.ParamName);
        }

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.PurgeAsync(null!, Ct));
        Assert.Equal(c1, await store.GetAsync(c1.Id, Ct));
        Assert.Equal([e1], await store.GetHistoryAsync(c1.Id, Ct));
        Assert.Null(await store.GetTombstoneAsync(c1.Id, Ct));
    }

    /// <summary>The id of a purged case is never used again: creating a case with it throws <see cref="SipConcurrencyException"/>.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task The_id_of_a_purged_case_is_never_used_again()
    {
        var store = CreateStore();
        var (c1, _) = await ContractData.CreateAsync(store);
        await store.PurgeAsync(ContractData.Tombstone(c1), Ct);

        await Assert.ThrowsAsync<SipConcurrencyException>(() => ContractData.CreateAsync(store, ContractData.NewCase(c1.Id)));

        Assert.Null(await store.GetAsync(c1.Id, Ct));
        Assert.Empty(await store.GetHistoryAsync(c1.Id, Ct));
    }

    /// <summary>Case ids and tombstones are listed in id order, page by page, none skipped or repeated.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Cases_and_tombstones_are_listed_in_id_order_page_by_page()
    {
        var store = CreateStore();
        var created = new List<SipCase>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await ContractData.CreateAsync(store)).Case);
        }

        foreach (var purged in created.Take(3))
        {
            await store.PurgeAsync(ContractData.Tombstone(purged), Ct);
        }

        var live = new List<SipCaseId>();
        for (SipCaseId? after = null; ;)
        {
            var page = await store.ListCaseIdsAsync(after, 2, Ct);
            live.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = page[^1];
        }

        var tombstones = new List<SipCaseId>();
        for (SipCaseId? after = null; ;)
        {
            var page = await store.ListTombstonesAsync(after, 2, Ct);
            tombstones.AddRange(page.Select(t => t.CaseId));
            if (page.Count < 2)
            {
                break;
            }

            after = page[^1].CaseId;
        }

        Assert.Equal(created.Skip(3).Select(c => c.Id).OrderBy(id => id.Value), live);
        Assert.Equal(created.Take(3).Select(c => c.Id).OrderBy(id => id.Value), tombstones);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListCaseIdsAsync(null, 0, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListTombstonesAsync(null, SipCaseQuery.MaxPageSize + 1, Ct));
    }
}
