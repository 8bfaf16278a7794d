using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Storage;

/// <summary>
/// A command loads its case through <see cref="ISipCaseStore.GetForCommandAsync"/>; a decorator that bends reads by
/// overriding <see cref="SipCaseStoreDecorator.GetAsync"/> is never bypassed by it, and one that does not passes the
/// wrapped store's own command read through.
/// </summary>
public sealed class CommandReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class CountingStore(ISipCaseStore inner) : SipCaseStoreDecorator(inner)
    {
        public int Reads { get; private set; }

        public int CommandReads { get; private set; }

        public override Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        {
            Reads++;
            return base.GetAsync(caseId, cancellationToken);
        }

        public override Task<SipCase?> GetForCommandAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        {
            CommandReads++;
            return base.GetForCommandAsync(caseId, cancellationToken);
        }
    }

    private sealed class PassingStore(ISipCaseStore inner) : SipCaseStoreDecorator(inner);

    [Fact]
    public async Task A_decorator_that_overrides_GetAsync_sees_the_read_of_every_command()
    {
        var store = new CountingStore(new InMemorySipCaseStore());
        var s = new SipScenario(store: store);
        var c = await s.ConsentedAsync();
        var before = store.Reads;

        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);

        store.CommandReads.Should().BeGreaterThan(0);
        store.Reads.Should().Be(before + 1, "the command's read went through the decorator's own GetAsync");
    }

    [Fact]
    public async Task A_decorator_that_does_not_bend_reads_passes_the_wrapped_stores_command_read_through()
    {
        var counting = new CountingStore(new InMemorySipCaseStore());
        var s = new SipScenario(store: new PassingStore(counting));
        var c = await s.ConsentedAsync();
        var before = counting.CommandReads;

        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);

        counting.CommandReads.Should().Be(before + 1);
    }
}
