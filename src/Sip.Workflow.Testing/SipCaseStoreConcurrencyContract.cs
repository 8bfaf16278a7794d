using System.Collections.Concurrent;
using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.Testing;

/// <summary>
/// The concurrency promises of an <see cref="ISipCaseStore"/>: optimistic concurrency on the case version. Of writers
/// that read the same version exactly one wins; every loser gets <see cref="SipConcurrencyException"/> naming the
/// case and both versions, and its write leaves no trace; under many writers nothing acknowledged is lost or doubled.
/// </summary>
/// <remarks>Set the environment variable <c>SIP_SOAK=1</c> for a long run of the many-writers test.</remarks>
/// <example>
/// <code>
/// public sealed class MyStoreConcurrency() : SipCaseStoreConcurrencyContract(new MyStoreFactory());
/// </code>
/// </example>
public abstract class SipCaseStoreConcurrencyContract : SipCaseStoreContract
{
    /// <summary>Creates the contract over the stores <paramref name="factory"/> makes.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipCaseStoreConcurrencyContract(ISipCaseStoreFactory factory)
        : base(factory)
    {
    }

    private static bool Soak => Environment.GetEnvironmentVariable("SIP_SOAK") == "1";

    /// <summary>Creating a case whose id exists throws <see cref="SipConcurrencyException"/> and keeps the first case and its history.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Create_of_an_existing_id_throws_a_concurrency_conflict_and_keeps_the_first()
    {
        var store = CreateStore();
        var (c, e) = await ContractData.CreateAsync(store);
        var other = ContractData.NewCase(c.Id, subject: "someone-else");

        var thrown = await Assert.ThrowsAsync<SipConcurrencyException>(() => ContractData.CreateAsync(store, other));

        Assert.Equal(c.Id, thrown.CaseId);
        Assert.Equal(c, await store.GetAsync(c.Id, Ct));
        Assert.Equal(e, Assert.Single(await store.GetHistoryAsync(c.Id, Ct)));
    }

    /// <summary>
    /// An update from a version that is no longer current throws <see cref="SipConcurrencyException"/> with the case,
    /// the expected and the actual version, and changes nothing.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Update_from_a_stale_version_throws_naming_case_and_versions_and_changes_nothing()
    {
        var store = CreateStore();
        var (c1, e1) = await ContractData.CreateAsync(store);
        var (c2, e2) = ContractData.Next(c1, e1);
        await store.UpdateAsync(c2, 1, e2, Ct);
        var (stale, staleEvent) = ContractData.Next(c1, e1, change: c => c with { IdentifiedBy = PrincipalKind.Municipality });

        var thrown = await Assert.ThrowsAsync<SipConcurrencyException>(() => store.UpdateAsync(stale, 1, staleEvent, Ct));

        Assert.Equal(c1.Id, thrown.CaseId);
        Assert.Equal(1, thrown.ExpectedVersion);
        Assert.Equal(2, thrown.ActualVersion);
        Assert.Contains(c1.Id.ToString(), thrown.Message, StringComparison.Ordinal);
        Assert.Equal(c2, await store.GetAsync(c1.Id, Ct));
        Assert.Equal([e1, e2], await store.GetHistoryAsync(c1.Id, Ct));
    }

    /// <summary>Eight writers update the same version at once: exactly one wins, and the stored case and history are the winner's.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Only_one_of_many_concurrent_writers_from_the_same_version_wins()
    {
        var store = CreateStore();
        var (c1, e1) = await ContractData.CreateAsync(store);
        var attempts = Enumerable.Range(0, 8)
            .Select(i => ContractData.Next(c1, e1, change: c => c with { PolicyName = $"writer {i}" }))
            .ToArray();

        var results = await Task.WhenAll(attempts.Select(a => Task.Run(async () =>
        {
            try
            {
                await store.UpdateAsync(a.Case, 1, a.Event, Ct);
                return a;
            }
            catch (SipConcurrencyException)
            {
                return default;
            }
        })));

        var winner = Assert.Single(results, r => r.Case is not null);
        Assert.Equal(winner.Case, await CreateReader(store).GetAsync(c1.Id, Ct));
        Assert.Equal([e1, winner.Event], await CreateReader(store).GetHistoryAsync(c1.Id, Ct));
    }

    /// <summary>
    /// Many tasks issue commands through the engine on a few cases at once, retrying each lost race with the same
    /// command id: every acknowledged command is stored exactly once, versions are gap-free, every hash chain holds,
    /// and the only exception a writer ever sees is <see cref="SipConcurrencyException"/>.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Many_writers_on_few_cases_lose_nothing_and_see_only_concurrency_conflicts()
    {
        var store = CreateStore();
        var scenario = new ContractScenario(store);
        const int Cases = 3;
        var writers = Soak ? 32 : 12;
        var commandsPerWriter = Soak ? 5 : 12;
        var rounds = Soak ? 20 : 1;
        var ids = new List<SipCaseId>();
        var acknowledged = new ConcurrentBag<(SipCaseId Case, CommandId Command)>();
        var unexpected = new ConcurrentBag<Exception>();
        for (var round = 0; round < rounds; round++)
        {
            // Deviations are capped per case: each round starts on fresh cases.
            ids.Clear();
            for (var i = 0; i < Cases; i++)
            {
                ids.Add((await scenario.OpenAsync(ContractData.Adult($"conc-{round}-{i}"))).Id);
            }

            acknowledged.Clear();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                for (var n = 0; n < commandsPerWriter; n++)
                {
                    var id = ids[(w + n) % Cases];
                    SipCaseCommand command = n % 2 == 0
                        ? new RecordDeviation { CaseId = id, Actor = ContractData.Actor, CommandId = CommandId.New(), Deviation = new Deviation { Kind = DeviationKind.Other, Description = $"w{w} n{n}" } }
                        : new ChangeIndividual { CaseId = id, Actor = ContractData.Actor, CommandId = CommandId.New(), HasProtectedIdentity = n % 4 == 1 };
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            var result = await scenario.Workflow.ExecuteAsync(command, Ct);
                            acknowledged.Add((id, result.Event.CommandId!.Value));
                            break;
                        }
                        catch (SipConcurrencyException) when (attempt < 1000)
                        {
                            // The documented answer to a lost race: send the same command, with the same id, again.
                        }
                        catch (Exception e)
                        {
                            unexpected.Add(e);
                            break;
                        }
                    }
                }
            })));

            Assert.Empty(unexpected);
            Assert.Equal(writers * commandsPerWriter, acknowledged.Count);
            var reader = CreateReader(store);
            foreach (var id in ids)
            {
                var c = await reader.GetAsync(id, Ct);
                var history = await reader.GetHistoryAsync(id, Ct);
                Assert.Equal(Enumerable.Range(1, (int)c!.Version).Select(v => (long)v), history.Select(e => e.Sequence));
                var stored = history.Where(e => e.CommandId is not null).Select(e => e.CommandId!.Value).ToList();
                Assert.Equal(stored.Count, stored.Distinct().Count());
                Assert.Equal(acknowledged.Where(a => a.Case == id).Select(a => a.Command).ToHashSet(), stored.ToHashSet());
                Assert.True(SipAuditChain.Verify(history, c).IsIntact);
            }
        }
    }
}
