using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.DueWorkItems;

/// <summary>
/// Due work is read from each case's head (<see cref="ISipCaseStore.QueryHeadsAsync"/>): the open deadlines sealed with
/// the case's last command, its state and lead principal. A case sealed before those were kept is read whole and worked
/// out as before; a policy that needs the whole case to decide a list entry is given the whole case.
/// </summary>
public sealed class DueWorkHeadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Heads as a store that keeps the growing lists apart reads them: those lists empty.</summary>
    private static SipCase HeadOf(SipCase c, bool sealedBeforeOpenDeadlines)
        => SipTestData.WithoutListsKeptApart(c) with { OpenDeadlines = sealedBeforeOpenDeadlines ? null : c.OpenDeadlines };

    /// <summary>Answers heads with the lists kept apart empty, counting the whole-case reads due work makes.</summary>
    private sealed class HeadsStore(ISipCaseStore inner, bool sealedBeforeOpenDeadlines) : SipCaseStoreDecorator(inner)
    {
        public int WholeReads { get; private set; }

        public int WholeQueries { get; private set; }

        public int HeadQueries { get; private set; }

        public override Task<SipCase?> GetAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        {
            WholeReads++;
            return base.GetAsync(caseId, cancellationToken);
        }

        public override Task<SipCasePage> QueryAsync(SipCaseQuery query, CancellationToken cancellationToken = default)
        {
            WholeQueries++;
            return base.QueryAsync(query, cancellationToken);
        }

        // Commands read through the wrapped store, so that only due work's own whole-case reads are counted.
        public override Task<SipCase?> GetForCommandAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
            => Inner.GetForCommandAsync(caseId, cancellationToken);

        public override async Task<SipCasePage> QueryHeadsAsync(SipCaseQuery query, CancellationToken cancellationToken = default)
        {
            HeadQueries++;
            var page = await Inner.QueryHeadsAsync(query, cancellationToken);
            return new SipCasePage([.. page.Cases.Select(c => HeadOf(c, sealedBeforeOpenDeadlines))], page.ContinuationToken);
        }
    }

    private static async Task<(SipScenario Scenario, HeadsStore Store, SipCase Case)> FollowedUpAsync(bool sealedBeforeOpenDeadlines)
    {
        var store = new HeadsStore(new InMemorySipCaseStore(), sealedBeforeOpenDeadlines);
        var s = new SipScenario(store: store);
        var c = await s.FollowedUpAsync();
        return (s, store, c);
    }

    [Fact]
    public async Task Due_work_lists_the_deadlines_sealed_with_the_case_from_its_head_alone()
    {
        var (s, store, c) = await FollowedUpAsync(sealedBeforeOpenDeadlines: false);
        c.OpenDeadlines.Should().Contain(d => d.Requirement == SipRequirements.DeadlineFollowUpDecision, "a follow-up waits for its decision");
        var reads = store.WholeReads;

        var unattributed = (await s.Workflow.GetDueWorkAsync(SipLimits.LatestMoment, cancellationToken: Ct)).Items.Single();
        var read = (await s.Workflow.ReadDueWorkAsync(s.Actor, SipLimits.LatestMoment, cancellationToken: Ct)).Items.Single();

        foreach (var item in new[] { unattributed, read })
        {
            item.CaseId.Should().Be(c.Id);
            item.State.Should().Be(SipState.FollowUp);
            item.OpenDeadlines.Should().Equal(c.OpenDeadlines);
            item.LeadPrincipal.Should().Be(c.LeadPrincipal);
        }

        store.HeadQueries.Should().Be(2);
        store.WholeQueries.Should().Be(0, "nothing but the heads was read");
        store.WholeReads.Should().Be(reads, "nothing but the heads was read");
    }

    [Fact]
    public async Task A_case_sealed_before_open_deadlines_were_kept_is_read_whole_and_its_deadlines_worked_out_under_its_policy()
    {
        var (s, store, c) = await FollowedUpAsync(sealedBeforeOpenDeadlines: true);
        var other = await s.PlanEstablishedAsync();
        var reads = store.WholeReads;

        var unattributed = (await s.Workflow.GetDueWorkAsync(SipLimits.LatestMoment, cancellationToken: Ct)).Items.Single(i => i.CaseId == c.Id);
        var read = (await s.Workflow.ReadDueWorkAsync(s.Actor, SipLimits.LatestMoment, cancellationToken: Ct)).Items;

        // The follow-up decision's deadline comes from the follow-ups, which a head does not hold: it was read whole.
        var expected = SipDeadlines.Open(c, SipPolicy.NationalGuidance);
        expected.Should().Contain(d => d.Requirement == SipRequirements.DeadlineFollowUpDecision);
        unattributed.OpenDeadlines.Should().Equal(expected);
        read.Single(i => i.CaseId == c.Id).OpenDeadlines.Should().Equal(expected);
        read.Single(i => i.CaseId == other.Id).OpenDeadlines.Should().Equal(SipDeadlines.Open(other, SipPolicy.NationalGuidance));
        store.WholeQueries.Should().Be(2, "each page was read again whole, once, not case by case");
        store.WholeReads.Should().Be(reads);
    }

    [Fact]
    public async Task Due_work_shows_the_deadlines_of_the_policy_in_force_at_the_cases_last_command()
    {
        var store = new InMemorySipCaseStore();
        var decisionWithin = TimeSpan.FromDays(7);
        var settings = SipPolicy.NationalGuidance with { Name = "Kommunens riktlinje", FollowUpDecisionWithin = decisionWithin };
        var s = new SipScenario(settings, store);
        var c = await s.FollowedUpAsync();

        // The host changes its setting under the same name.
        var laterSettings = settings with { FollowUpDecisionWithin = decisionWithin + TimeSpan.FromDays(7) };
        var reconfigured = new SipWorkflow(store, new SipWorkflowOptions { Policy = laterSettings, Access = SipTestAccess.DefaultWithUnattributedReads }, s.Time);
        DateTimeOffset DecisionDue(DueWorkPage page) => page.Items.Single().OpenDeadlines.Single(d => d.Requirement == SipRequirements.DeadlineFollowUpDecision).DueAt;
        var heldAt = c.FollowUps[^1].HeldAt;

        DecisionDue(await reconfigured.GetDueWorkAsync(SipLimits.LatestMoment, cancellationToken: Ct)).Should().Be(heldAt + decisionWithin, "sealed under the settings of its last command");

        await reconfigured.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Avvikelse" } }, Ct);

        DecisionDue(await reconfigured.GetDueWorkAsync(SipLimits.LatestMoment, cancellationToken: Ct)).Should().Be(heldAt + decisionWithin + TimeSpan.FromDays(7), "its next command sealed the new settings");
    }

    /// <summary>A policy that says it decides lists on heads but refuses a case with plan revisions: heads never show it any.</summary>
    private sealed class NoRevisedCases : ISipAccessPolicy
    {
        public SipAccessDecision Decide(SipAccessRequest request)
            => request.Action == SipAccessAction.List && request.Case is { PlanRevisions.Count: > 0 }
                ? SipAccessDecision.Refuse("NoRevisedCases")
                : SipAccessRules.Default.Decide(request);

        public SipListScope ListScope(SipReader reader) => SipAccessRules.Default.ListScope(reader);

        public bool DecidesListsOnHeads => true;
    }

    [Fact]
    public async Task A_case_read_whole_for_its_deadlines_is_decided_again_on_the_whole_case_for_a_reader()
    {
        var store = new HeadsStore(new InMemorySipCaseStore(), sealedBeforeOpenDeadlines: true);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SipTestData.Start);
        var s = new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { Access = new NoRevisedCases() }, time), store, time);
        await s.FollowedUpAsync();

        // The head (no revisions) passes; the whole case read for its deadlines does not, and is left out.
        (await s.Workflow.ReadDueWorkAsync(s.Actor, SipLimits.LatestMoment, cancellationToken: Ct)).Items.Should().BeEmpty();
    }

    /// <summary>A policy that lists only cases with an established plan revision: it needs the whole case.</summary>
    private sealed class RevisedCasesOnly : ISipAccessPolicy
    {
        public SipAccessDecision Decide(SipAccessRequest request)
            => request.Action == SipAccessAction.List && request.Case is { PlanRevisions.Count: 0 }
                ? SipAccessDecision.Refuse("RevisedCasesOnly")
                : SipAccessRules.Default.Decide(request);

        public SipListScope ListScope(SipReader reader) => SipAccessRules.Default.ListScope(reader);
    }

    [Fact]
    public async Task A_policy_that_does_not_decide_lists_on_heads_is_given_whole_cases()
    {
        var store = new HeadsStore(new InMemorySipCaseStore(), sealedBeforeOpenDeadlines: false);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SipTestData.Start);
        var s = new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { Access = new RevisedCasesOnly() }, time), store, time);
        var c = await s.FollowedUpAsync();

        var page = await s.Workflow.ReadDueWorkAsync(s.Actor, SipLimits.LatestMoment, cancellationToken: Ct);

        page.Items.Should().ContainSingle(i => i.CaseId == c.Id, "the policy saw the plan revisions of the whole case");
        store.HeadQueries.Should().Be(0);
    }

    [Fact]
    public void The_librarys_policies_decide_lists_on_heads_and_ones_own_do_not_unless_they_say_so()
    {
        SipAccessRules.Default.DecidesListsOnHeads.Should().BeTrue();
        SipAccessPolicies.AllowAll.DecidesListsOnHeads.Should().BeTrue();
        new RevisedCasesOnly().As<ISipAccessPolicy>().DecidesListsOnHeads.Should().BeFalse("a policy of one's own is given whole cases unless it says otherwise");
    }

    [Fact]
    public async Task A_decorator_passes_heads_through_unless_it_bends_queries()
    {
        var (_, store, _) = await FollowedUpAsync(sealedBeforeOpenDeadlines: false);
        var passing = new PassingStore(store);
        var bending = new BendingStore(store);

        (await passing.QueryHeadsAsync(new SipCaseQuery(), Ct)).Cases.Should().ContainSingle().Which.PlanRevisions.Should().BeEmpty();
        store.HeadQueries.Should().Be(1);

        (await bending.QueryHeadsAsync(new SipCaseQuery(), Ct)).Cases.Should().BeEmpty("the decorator's own query answered");
        store.HeadQueries.Should().Be(1);
    }

    private sealed class PassingStore(ISipCaseStore inner) : SipCaseStoreDecorator(inner);

    private sealed class BendingStore(ISipCaseStore inner) : SipCaseStoreDecorator(inner)
    {
        public override Task<SipCasePage> QueryAsync(SipCaseQuery query, CancellationToken cancellationToken = default)
            => Task.FromResult(new SipCasePage([], null));
    }
}
