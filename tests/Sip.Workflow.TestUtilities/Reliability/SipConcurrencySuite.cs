using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Testing.Reliability;

/// <summary>
/// Many tasks issuing commands on a few cases at once: every acknowledged command appears exactly once, versions are
/// gap-free, the hash chains hold, and the only exception a writer ever sees is the documented concurrency conflict.
/// </summary>
/// <remarks>Set SIP_SOAK=1 for a long run.</remarks>
public abstract class SipConcurrencySuite
{
    /// <summary>A new, empty store.</summary>
    protected abstract ISipCaseStore CreateStore();

    /// <summary>A store to check the outcome through: for a database, a second instance over the same data.</summary>
    protected virtual ISipCaseStore CreateReader(ISipCaseStore writer) => writer;

    private static bool Soak => Environment.GetEnvironmentVariable("SIP_SOAK") == "1";

    [Fact]
    public async Task Many_writers_on_few_cases_lose_nothing_and_see_only_concurrency_conflicts()
    {
        var store = CreateStore();
        var workflow = new SipWorkflow(store, new SipWorkflowOptions(), new FakeTimeProvider(SipTestData.Start));
        const int Cases = 3;
        var writers = Soak ? 32 : 12;
        var commandsPerWriter = Soak ? 5 : 12;
        var ids = new List<SipCaseId>();
        for (var i = 0; i < Cases; i++)
        {
            ids.Add((await workflow.OpenCaseAsync(new OpenCase
            {
                Actor = SipTestData.FixedCareContact, Individual = SipTestData.Adult($"conc-{i}"), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
            })).Case.Id);
        }

        var acknowledged = new ConcurrentBag<(SipCaseId Case, CommandId Command)>();
        var unexpected = new ConcurrentBag<Exception>();
        var conflicts = 0;
        var rounds = Soak ? 20 : 1;
        for (var round = 0; round < rounds; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                for (var n = 0; n < commandsPerWriter; n++)
                {
                    var id = ids[(w + n) % Cases];
                    SipCaseCommand command = n % 2 == 0
                        ? new RecordDeviation { CaseId = id, Actor = SipTestData.FixedCareContact, CommandId = CommandId.New(), Deviation = new Deviation { Kind = DeviationKind.Other, Description = $"w{w} n{n}" } }
                        : new ChangeIndividual { CaseId = id, Actor = SipTestData.SocialWorker, CommandId = CommandId.New(), HasProtectedIdentity = n % 4 == 1 };
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            var result = command switch
                            {
                                RecordDeviation d => await workflow.RecordDeviationAsync(d),
                                ChangeIndividual c => await workflow.ChangeIndividualAsync(c),
                                _ => throw new InvalidOperationException(),
                            };
                            acknowledged.Add((id, result.Event.CommandId!.Value));
                            break;
                        }
                        catch (SipConcurrencyException) when (attempt < 1000)
                        {
                            // The documented answer to a lost race: try the same command (same id) again.
                            Interlocked.Increment(ref conflicts);
                        }
                        catch (Exception e)
                        {
                            unexpected.Add(e);
                            break;
                        }
                    }
                }
            })));

            // Deviations are capped per case; start each soak round on fresh cases.
            if (round + 1 < rounds)
            {
                await CheckAsync(store, ids, acknowledged);
                acknowledged.Clear();
                for (var i = 0; i < Cases; i++)
                {
                    ids[i] = (await workflow.OpenCaseAsync(new OpenCase
                    {
                        Actor = SipTestData.FixedCareContact, Individual = SipTestData.Adult($"conc-{round}-{i}"), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
                    })).Case.Id;
                }
            }
        }

        unexpected.Should().BeEmpty("the only exception a writer may see is SipConcurrencyException");
        acknowledged.Should().HaveCount(writers * commandsPerWriter);
        await CheckAsync(CreateReader(store), ids, acknowledged);
    }

    private static async Task CheckAsync(ISipCaseStore store, List<SipCaseId> ids, IEnumerable<(SipCaseId Case, CommandId Command)> acknowledged)
    {
        foreach (var id in ids)
        {
            var c = (await store.GetAsync(id))!;
            var history = await store.GetHistoryAsync(id);
            history.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, (int)c.Version).Select(v => (long)v), "versions are gap-free");
            var stored = history.Where(e => e.CommandId is not null).Select(e => e.CommandId!.Value).ToList();
            stored.Should().OnlyHaveUniqueItems("no command is applied twice")
                .And.BeEquivalentTo(acknowledged.Where(a => a.Case == id).Select(a => a.Command), "every acknowledged command is there");
            SipAuditChain.Verify(history, c).IsIntact.Should().BeTrue();
        }
    }
}
