using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.Testing;

/// <summary>
/// The query promises of an <see cref="ISipCaseStore"/>: <see cref="ISipCaseStore.QueryAsync"/> filters on the indexed
/// projection of the case as last written (<see cref="SipCaseIndex"/>), orders by deadline (cases without one last)
/// then id, and pages by continuation token so that every matching case comes back exactly once, whatever the offsets
/// the deadlines were written with.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStorePaging() : SipCaseStorePagingContract(new MyStoreFactory());
/// </code>
/// </example>
public abstract class SipCaseStorePagingContract : SipCaseStoreContract
{
    /// <summary>Creates the contract over the stores <paramref name="factory"/> makes.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipCaseStorePagingContract(ISipCaseStoreFactory factory)
        : base(factory)
    {
    }

    /// <summary>Each filter (state, subject, lead principal, lead organisation, deadline) and their combination selects exactly the matching cases.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Queries_filter_by_state_subject_lead_principal_and_deadline()
    {
        var store = CreateStore();
        var deadline = ContractData.Start.AddDays(3);
        var (due, _) = await ContractData.CreateAsync(store, ContractData.NewCase(subject: "a", nextDeadline: deadline));
        var (later, _) = await ContractData.CreateAsync(store, ContractData.NewCase(subject: "b", nextDeadline: deadline.AddDays(30)));
        var (led, _) = await ContractData.CreateAsync(store, ContractData.NewCase(subject: "a") with
        {
            State = SipState.Summoned,
            LeadPrincipal = ContractData.MunicipalLead,
        });
        var reader = CreateReader(store);

        async Task<SipCaseId[]> Ids(SipCaseQuery q) => [.. (await reader.QueryAsync(q, Ct)).Cases.Select(c => c.Id)];

        Assert.Equal([led.Id], await Ids(new SipCaseQuery { State = SipState.Summoned }));
        Assert.Equal(new[] { due.Id, led.Id }.ToHashSet(), (await Ids(new SipCaseQuery { Subject = new SubjectReference("a") })).ToHashSet());
        Assert.Equal([led.Id], await Ids(new SipCaseQuery { LeadPrincipal = PrincipalKind.Municipality }));
        Assert.Empty(await Ids(new SipCaseQuery { LeadPrincipal = PrincipalKind.Region }));
        Assert.Equal([led.Id], await Ids(new SipCaseQuery { LeadOrganisation = ContractData.SocialServicesUnit.Identifier }));
        Assert.Equal([due.Id], await Ids(new SipCaseQuery { DeadlineAtOrBefore = deadline }));
        Assert.Equal([due.Id, later.Id], await Ids(new SipCaseQuery { DeadlineAtOrBefore = deadline.AddDays(60) }));
        Assert.Equal([due.Id], await Ids(new SipCaseQuery { Subject = new SubjectReference("a"), State = SipState.NeedIdentified }));
    }

    /// <summary>Queries see the state, lead principal and deadline a later command wrote, not those the case was opened with.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Queries_see_what_later_commands_changed_in_state_lead_principal_and_deadline()
    {
        var scenario = new ContractScenario(CreateStore());
        var c = await scenario.PlanEstablishedAsync();
        var reader = CreateReader(scenario.Store);

        async Task<SipCaseId[]> Ids(SipCaseQuery q) => [.. (await reader.QueryAsync(q, Ct)).Cases.Select(x => x.Id)];

        Assert.Equal([c.Id], await Ids(new SipCaseQuery { State = SipState.PlanEstablished }));
        Assert.Empty(await Ids(new SipCaseQuery { State = SipState.NeedIdentified }));
        Assert.Equal([c.Id], await Ids(new SipCaseQuery { LeadPrincipal = PrincipalKind.Municipality }));
        Assert.Equal([c.Id], await Ids(new SipCaseQuery { DeadlineAtOrBefore = c.FollowUpBooking!.At }));
        Assert.Empty(await Ids(new SipCaseQuery { DeadlineAtOrBefore = c.FollowUpBooking.At.AddTicks(-1) }));
    }

    /// <summary>Paging five at a time returns every case exactly once, ordered by deadline (none last) then id, in the fewest pages.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Pages_return_every_matching_case_once_ordered_by_deadline_then_id()
    {
        var store = CreateStore();
        var created = new List<SipCase>();
        for (var i = 0; i < 23; i++)
        {
            // Some share a deadline, some have none, so both parts of the order are exercised.
            DateTimeOffset? deadline = i % 5 == 0 ? null : ContractData.Start.AddDays(i % 4);
            created.Add((await ContractData.CreateAsync(store, ContractData.NewCase(nextDeadline: deadline))).Case);
        }

        var seen = new List<SipCase>();
        string? token = null;
        var pages = 0;
        var reader = CreateReader(store);
        do
        {
            var page = await reader.QueryAsync(new SipCaseQuery { PageSize = 5, ContinuationToken = token }, Ct);
            Assert.InRange(page.Cases.Count, 1, 5);
            seen.AddRange(page.Cases);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(5, pages);
        var expected = created.OrderBy(c => c.NextDeadline is null).ThenBy(c => c.NextDeadline).ThenBy(c => c.Id.Value).Select(c => c.Id);
        Assert.Equal(expected, seen.Select(c => c.Id));
    }

    /// <summary>
    /// Deadlines written with different UTC offsets order and filter by instant; pages of two up to a horizon return
    /// exactly the cases due by then, cases without a deadline excluded.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Due_work_pages_hold_across_offsets_and_keep_to_the_horizon()
    {
        var store = CreateStore();
        var horizon = ContractData.Start.AddDays(10);
        var expected = new List<SipCaseId>();
        for (var i = 0; i < 9; i++)
        {
            var deadline = ContractData.Start.AddHours(i * 30).ToOffset(TimeSpan.FromHours(i % 3 == 0 ? 2 : -5));
            var (created, _) = await ContractData.CreateAsync(store, ContractData.NewCase(nextDeadline: deadline));
            if (deadline <= horizon)
            {
                expected.Add(created.Id);
            }
        }

        await ContractData.CreateAsync(store, ContractData.NewCase(nextDeadline: null));
        var seen = new List<SipCaseId>();
        string? token = null;
        do
        {
            var page = await store.QueryAsync(new SipCaseQuery { DeadlineAtOrBefore = horizon, PageSize = 2, ContinuationToken = token }, Ct);
            seen.AddRange(page.Cases.Select(x => x.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(expected, seen);
    }

    /// <summary>
    /// Heads (<see cref="ISipCaseStore.QueryHeadsAsync"/>) come in the pages, order and continuation tokens of whole cases,
    /// each holding every member of its whole case but the lists a store may keep apart — among them the open deadlines
    /// sealed with it, which due work reads — and those lists either as the whole case has them or empty.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Heads_page_as_whole_cases_do_and_hold_every_member_but_the_lists_kept_apart()
    {
        var scenario = new ContractScenario(CreateStore());
        var established = await scenario.PlanEstablishedAsync();
        await scenario.Workflow.RecordFollowUpAsync(
            new RecordFollowUp { CaseId = established.Id, Actor = scenario.Actor, FollowUp = new FollowUpRecord { HeldAt = scenario.Clock.GetUtcNow(), Progress = "Följd upp." } },
            Ct);
        await scenario.SummonedAsync();
        await scenario.OpenAsync();
        for (var i = 0; i < 4; i++)
        {
            await ContractData.CreateAsync(scenario.Store, ContractData.NewCase(nextDeadline: i == 0 ? null : ContractData.Start.AddDays(i)));
        }

        var reader = CreateReader(scenario.Store);
        string? wholeToken = null, headToken = null;
        var pages = 0;
        do
        {
            var whole = await reader.QueryAsync(new SipCaseQuery { PageSize = 2, ContinuationToken = wholeToken }, Ct);
            var heads = await reader.QueryHeadsAsync(new SipCaseQuery { PageSize = 2, ContinuationToken = headToken }, Ct);
            Assert.Equal(whole.Cases.Select(c => c.Id), heads.Cases.Select(c => c.Id));
            Assert.Equal(whole.ContinuationToken, heads.ContinuationToken);
            foreach (var (c, head) in whole.Cases.Zip(heads.Cases))
            {
                Assert.Equal(ContractData.WithoutListsKeptApart(c), ContractData.WithoutListsKeptApart(head));
                AssertWholeOrEmpty(c.PlanRevisions, head.PlanRevisions);
                AssertWholeOrEmpty(c.FollowUps, head.FollowUps);
                AssertWholeOrEmpty(c.Evaluations, head.Evaluations);
                AssertWholeOrEmpty(c.SituationChanges, head.SituationChanges);
                AssertWholeOrEmpty(c.InterventionStatusChanges, head.InterventionStatusChanges);
                AssertWholeOrEmpty(c.PlanDistributions, head.PlanDistributions);
                AssertWholeOrEmpty(c.PlanApprovals, head.PlanApprovals);
                AssertWholeOrEmpty(c.Deviations, head.Deviations);
            }

            wholeToken = whole.ContinuationToken;
            headToken = heads.ContinuationToken;
            pages++;
        }
        while (wholeToken is not null);

        Assert.Equal(4, pages);
        var followedUp = (await reader.QueryHeadsAsync(new SipCaseQuery { State = SipState.FollowUp }, Ct)).Cases.Single();
        Assert.Equal((await reader.GetAsync(established.Id, Ct))!.OpenDeadlines, followedUp.OpenDeadlines);
        Assert.NotEmpty(followedUp.OpenDeadlines!);
    }

    /// <summary>
    /// Due work selected by access keys pages through exactly the due cases holding a key, once each, in due order — whether
    /// most cases hold the keys (a unit's own caseworker) or few do — as whole cases and as heads alike.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Due_pages_by_access_keys_hold_every_case_holding_a_key_once_in_order_however_many_hold_one()
    {
        var store = CreateStore();
        var units = new[] { ContractData.PrimaryCareUnit, ContractData.SocialServicesUnit, new OrganisationReference { Name = "Skolhälsovården Norr" } };
        var created = new List<SipCase>();
        for (var i = 0; i < 40; i++)
        {
            // Most cases are the first unit's, a third the second's, two the third's; deadlines interleave, some tie.
            var unit = i is 7 or 29 ? units[2] : i % 3 == 0 ? units[1] : units[0];
            var c = ContractData.NewCase(nextDeadline: ContractData.Start.AddHours((i * 7) % 23)) with { IdentifyingUnit = unit };
            created.Add((await ContractData.CreateAsync(store, c)).Case);
        }

        var reader = CreateReader(store);
        var horizon = ContractData.Start.AddHours(20);
        foreach (var unit in units)
        {
            var keys = SipCaseAccessKeys.Of(created.First(c => c.IdentifyingUnit == unit));
            var expected = created.Where(c => c.IdentifyingUnit == unit && c.NextDeadline <= horizon)
                .OrderBy(c => c.NextDeadline).ThenBy(c => c.Id.Value).Select(c => c.Id).ToList();
            foreach (var pageSize in new[] { 1, 3, 7, 100 })
            {
                foreach (var heads in new[] { false, true })
                {
                    var seen = new List<SipCaseId>();
                    string? token = null;
                    do
                    {
                        var query = new SipCaseQuery { DeadlineAtOrBefore = horizon, AccessKeys = keys, PageSize = pageSize, ContinuationToken = token };
                        var page = heads ? await reader.QueryHeadsAsync(query, Ct) : await reader.QueryAsync(query, Ct);
                        Assert.True(page.Cases.Count <= pageSize);
                        seen.AddRange(page.Cases.Select(c => c.Id));
                        token = page.ContinuationToken;
                    }
                    while (token is not null);

                    Assert.Equal(expected, seen);
                }
            }
        }
    }

    private static void AssertWholeOrEmpty<T>(IReadOnlyList<T> whole, IReadOnlyList<T> head)
    {
        if (head.Count > 0)
        {
            Assert.Equal(whole, head);
        }
    }

    /// <summary>A query that matches nothing returns an empty page without a continuation token.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_query_that_matches_nothing_returns_an_empty_last_page()
    {
        var store = CreateStore();
        await ContractData.CreateAsync(store);

        var page = await store.QueryAsync(new SipCaseQuery { State = SipState.Closed }, Ct);

        Assert.Empty(page.Cases);
        Assert.Null(page.ContinuationToken);
    }
}
