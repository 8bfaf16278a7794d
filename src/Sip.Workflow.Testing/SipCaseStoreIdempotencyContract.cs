using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.Testing;

/// <summary>
/// The idempotency promises of an <see cref="ISipCaseStore"/>: a command id appears on at most one event in the whole
/// store, <see cref="ISipCaseStore.FindByCommandIdAsync"/> finds it, and so a host's retry of a command (after a
/// timeout, a lost race, a crash) is stored once however it is repeated.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreIdempotency() : SipCaseStoreIdempotencyContract(new MyStoreFactory());
/// </code>
/// </example>
public abstract class SipCaseStoreIdempotencyContract : SipCaseStoreContract
{
    /// <summary>Creates the contract over the stores <paramref name="factory"/> makes.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipCaseStoreIdempotencyContract(ISipCaseStoreFactory factory)
        : base(factory)
    {
    }

    /// <summary>
    /// The event a command id was stored with is found again; a second event with that id on the same case throws
    /// <see cref="SipConcurrencyException"/> and changes nothing.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_command_id_is_found_again_and_cannot_be_used_twice_on_a_case()
    {
        var store = CreateStore();
        var (c1, e1) = await ContractData.CreateAsync(store);
        var commandId = CommandId.New();
        var (c2, e2) = ContractData.Next(c1, e1, commandId);
        await store.UpdateAsync(c2, 1, e2, Ct);
        var (c3, e3) = ContractData.Next(c2, e2, commandId);

        await Assert.ThrowsAsync<SipConcurrencyException>(() => store.UpdateAsync(c3, 2, e3, Ct));

        Assert.Equal(e2, await CreateReader(store).FindByCommandIdAsync(commandId, Ct));
        Assert.Null(await store.FindByCommandIdAsync(CommandId.New(), Ct));
        Assert.Equal(c2, await store.GetAsync(c1.Id, Ct));
        Assert.Equal([e1, e2], await store.GetHistoryAsync(c1.Id, Ct));
    }

    /// <summary>
    /// A command id is unique in the whole store, not per case: opening or updating another case with an event that
    /// carries it throws <see cref="SipConcurrencyException"/> and writes nothing.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_command_id_used_on_one_case_cannot_be_used_on_another()
    {
        var store = CreateStore();
        var (a1, ae1) = await ContractData.CreateAsync(store);
        var commandId = CommandId.New();
        var (a2, ae2) = ContractData.Next(a1, ae1, commandId);
        await store.UpdateAsync(a2, 1, ae2, Ct);
        var (b1, be1) = await ContractData.CreateAsync(store);
        var (b2, be2) = ContractData.Next(b1, be1, commandId);
        var other = ContractData.NewCase();
        var otherOpening = ContractData.Event(other, commandId: commandId);

        await Assert.ThrowsAsync<SipConcurrencyException>(() => store.UpdateAsync(b2, 1, be2, Ct));
        await Assert.ThrowsAsync<SipConcurrencyException>(() => store.CreateAsync(other with { HistoryHead = otherOpening.Hash }, otherOpening, Ct));

        Assert.Equal(b1, await store.GetAsync(b1.Id, Ct));
        Assert.Equal(be1, Assert.Single(await store.GetHistoryAsync(b1.Id, Ct)));
        Assert.Null(await store.GetAsync(other.Id, Ct));
        Assert.Empty(await store.GetHistoryAsync(other.Id, Ct));
        Assert.Equal(ae2, await store.FindByCommandIdAsync(commandId, Ct));
    }

    /// <summary>A command the engine is sent twice with the same id is stored once; the second answer is a replay of the first.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_command_sent_twice_is_stored_once_and_the_second_answer_replays_the_first()
    {
        var scenario = new ContractScenario(CreateStore());
        var c = await scenario.OpenAsync();
        var command = new RecordDeviation
        {
            CaseId = c.Id, Actor = scenario.Actor, CommandId = CommandId.New(),
            Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Tolk saknades vid mötet." },
        };

        var first = await scenario.Workflow.RecordDeviationAsync(command, Ct);
        scenario.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await scenario.Workflow.RecordDeviationAsync(command, Ct);

        Assert.False(first.IsReplay);
        Assert.True(second.IsReplay);
        Assert.Equal(first.Event, second.Event);
        Assert.Equal(first.Case, second.Case);
        var history = await CreateReader(scenario.Store).GetHistoryAsync(c.Id, Ct);
        Assert.Equal(2, history.Count);
        Assert.Single((await CreateReader(scenario.Store).GetAsync(c.Id, Ct))!.Deviations);
    }

    /// <summary>
    /// The same command sent by several retries at once is stored once: every caller gets the one stored event, and
    /// the losers of the race see a replay, not an exception.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task The_same_command_sent_by_concurrent_retries_is_stored_once()
    {
        var scenario = new ContractScenario(CreateStore());
        var c = await scenario.OpenAsync();
        var command = new RecordDeviation
        {
            CaseId = c.Id, Actor = scenario.Actor, CommandId = CommandId.New(),
            Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Kallelsen kom fram för sent." },
        };

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => scenario.Workflow.RecordDeviationAsync(command, Ct))));

        Assert.Single(results, r => !r.IsReplay);
        Assert.All(results, r => Assert.Equal(results[0].Event, r.Event));
        Assert.Equal(2, (await CreateReader(scenario.Store).GetHistoryAsync(c.Id, Ct)).Count);
    }
}
