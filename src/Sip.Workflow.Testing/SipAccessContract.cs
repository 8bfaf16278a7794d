using System.Collections.Concurrent;
using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.Testing;

/// <summary>
/// The access rules and the access log over a store: for each default rule an actor it allows and one it refuses, for
/// commands and for reads and lists; a refused command leaves the case and its history as they were; every read is in the
/// store's access log (<see cref="ISipAccessLogStore"/>), a refused one as refused, queryable per case and per user,
/// complete under concurrent readers, durable as the history is, and purged with its case.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreAccess() : SipAccessContract(new MyStoreFactory());
/// </code>
/// </example>
public abstract class SipAccessContract : SipCaseStoreContract
{
    /// <summary>Creates the contract over the stores <paramref name="factory"/> makes; they must implement <see cref="ISipAccessLogStore"/>.</summary>
    /// <param name="factory">Makes a new, empty store for each test and cleans up after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SipAccessContract(ISipCaseStoreFactory factory)
        : base(factory)
    {
    }

    // The opener is ContractData.Actor (Vårdcentralen Söder, the opening unit and a called unit once parties are added); the
    // lead unit's worker, ContractData.SocialWorker, is the coordinator once the plan is established.
    private static SipActor Stranger { get; } = new() { UserId = "fk-4711", Organisation = "Försäkringskassan", Role = "handläggare" };

    private static SipActor Colleague { get; } = new() { UserId = "hsa-vc-1002", Organisation = "Vårdcentralen Söder", Role = "kurator" };

    private static SipActor LeadColleague { get; } = new() { UserId = "kommun-sol-3003", Organisation = "Socialtjänsten Halmstad", Role = "biståndshandläggare" };

    private static SipActor Support { get; } = new() { UserId = "support-1", Organisation = "Regionens IT-support", Role = "Sip.Administrator" };

    private static ISipAccessLogStore Log(ISipCaseStore store) => Assert.IsAssignableFrom<ISipAccessLogStore>(store);

    private ContractScenario Scenario(ISipAccessPolicy? rules = null) => new(CreateStore(), access: rules ?? SipAccessRules.Default);

    // A case in preparation, consented to in full, with no party added yet.
    private static async Task<SipCase> PreparingAsync(ContractScenario s)
    {
        var c = await s.OpenAsync();
        await s.Workflow.RecordConsentAsync(
            new RecordConsent { CaseId = c.Id, Actor = s.Actor, Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Written, GivenAt = s.Clock.GetUtcNow() } },
            Ct);
        return (await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct)).Case;
    }

    private static RecordDeviation Deviation(SipCaseId id, SipActor actor)
        => new() { CaseId = id, Actor = actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Avvikelse." } };

    /// <summary>Runs <paramref name="command"/> and asserts that <paramref name="rule"/> refused it and that the case and its history are as they were.</summary>
    private async Task RefusedAsync(ContractScenario s, SipCaseId id, string rule, Func<Task> command)
    {
        var before = await s.Store.GetAsync(id, Ct);
        var historyBefore = await s.Store.GetHistoryAsync(id, Ct);

        var refused = await Assert.ThrowsAsync<SipAccessRefusedException>(command);

        Assert.Equal(rule, refused.Rule);
        Assert.Equal(id, refused.CaseId);
        var reader = CreateReader(s.Store);
        Assert.Equal(before, await reader.GetAsync(id, Ct));
        Assert.Equal(historyBefore.Select(e => e.Hash), (await reader.GetHistoryAsync(id, Ct)).Select(e => e.Hash));
    }

    /// <summary>Reads the case as <paramref name="reader"/> and asserts that <paramref name="rule"/> refused it and that the refusal is logged.</summary>
    private static async Task ReadRefusedAsync(ContractScenario s, SipCaseId id, SipReader reader, string rule)
    {
        var refused = await Assert.ThrowsAsync<SipAccessRefusedException>(() => s.Workflow.ReadCaseAsync(id, reader, Ct));
        Assert.Equal(rule, refused.Rule);
        var logged = (await Log(s.Store).ReadAccessLogAsync(new SipAccessLogQuery { CaseId = id, UserId = reader.Actor.UserId }, Ct))[^1];
        Assert.False(logged.Allowed);
        Assert.Equal(rule, logged.Rule);
    }

    private static async Task<bool> ListedAsync(ContractScenario s, SipCaseId id, SipReader reader)
    {
        var cases = new List<SipCaseId>();
        string? token = null;
        do
        {
            var page = await s.Workflow.ReadCasesAsync(new SipCaseQuery { ContinuationToken = token }, reader, Ct);
            cases.AddRange(page.Cases.Select(c => c.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        // The store itself selects the reader's cases by their access keys: exactly those the engine shows, so it loads no
        // case the rules leave out and misses none they let in.
        if (s.Access.ListScope(reader).Keys is { } keys)
        {
            var selected = new List<SipCaseId>();
            token = null;
            do
            {
                var page = await s.Store.QueryAsync(new SipCaseQuery { AccessKeys = keys, ContinuationToken = token }, Ct);
                selected.AddRange(page.Cases.Select(c => c.Id));
                token = page.ContinuationToken;
            }
            while (token is not null);

            Assert.Equal(cases.Order(), selected.Order());
        }

        // Due work shows the same cases, those with a deadline open.
        if ((await s.Store.GetAsync(id, Ct))?.NextDeadline is { } deadline)
        {
            var due = await s.Workflow.ReadDueWorkAsync(reader, deadline, 1000, cancellationToken: Ct);
            Assert.Equal(cases.Contains(id), due.Items.Any(i => i.CaseId == id));
        }

        return cases.Contains(id);
    }

    /// <summary>
    /// Only an organisation taking part reads or acts: a user of the opening unit does, one of an organisation with no part
    /// is refused for a step (nothing changes), a read (logged as refused) and a list (the case is left out).
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task An_organisation_taking_part_reads_and_acts_and_one_with_no_part_is_refused()
    {
        var s = Scenario();
        var c = await s.OpenAsync();

        await RefusedAsync(s, c.Id, SipAccessRuleNames.ParticipatingOrganisation, () => s.Workflow.RecordDeviationAsync(Deviation(c.Id, Stranger), Ct));
        await ReadRefusedAsync(s, c.Id, Stranger, SipAccessRuleNames.ParticipatingOrganisation);
        Assert.False(await ListedAsync(s, c.Id, Stranger));
        await Assert.ThrowsAsync<SipAccessRefusedException>(() => s.Workflow.ReadHistoryAsync(c.Id, Stranger, Ct));

        Assert.Equal(2, (await s.Workflow.RecordDeviationAsync(Deviation(c.Id, Colleague), Ct)).Case.Version);
        Assert.Equal(c.Id, (await s.Workflow.ReadCaseAsync(c.Id, Colleague, Ct))!.Id);
        Assert.Equal(2, (await s.Workflow.ReadHistoryAsync(c.Id, Colleague, Ct)).Count);
        Assert.True(await ListedAsync(s, c.Id, Colleague));
    }

    /// <summary>
    /// With <see cref="SipAccessRules.OpeningUnitTakesPart"/> off, the opening unit reads and acts only until a party takes
    /// part: once the social services are added (and its own unit is not) it is refused, and the social services are let in.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Without_the_opening_unit_taking_part_it_acts_only_until_a_party_takes_part()
    {
        var s = Scenario(SipAccessRules.Default with { OpeningUnitTakesPart = false });
        var c = await PreparingAsync(s);
        await s.Workflow.AddParticipantAsync(new AddParticipant { CaseId = c.Id, Actor = s.Actor, Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = ContractData.SocialServicesUnit } }, Ct);

        await RefusedAsync(s, c.Id, SipAccessRuleNames.ParticipatingOrganisation, () => s.Workflow.RecordDeviationAsync(Deviation(c.Id, s.Actor), Ct));
        await ReadRefusedAsync(s, c.Id, s.Actor, SipAccessRuleNames.ParticipatingOrganisation);
        Assert.False(await ListedAsync(s, c.Id, s.Actor));

        await s.Workflow.RecordDeviationAsync(Deviation(c.Id, ContractData.SocialWorker), Ct);
        Assert.NotNull(await s.Workflow.ReadCaseAsync(c.Id, ContractData.SocialWorker, Ct));
        Assert.True(await ListedAsync(s, c.Id, ContractData.SocialWorker));
    }

    /// <summary>
    /// Once a lead is appointed only its unit or the coordinator closes, revises or changes the lead: a called unit that
    /// holds no lead is refused (and still reads), the lead unit's worker closes.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Only_the_lead_unit_or_the_coordinator_closes_revises_or_changes_the_lead()
    {
        var s = Scenario();
        var c = await s.PlanEstablishedAsync();

        await RefusedAsync(s, c.Id, SipAccessRuleNames.LeadOrCoordinator,
            () => s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = s.Actor, Reason = ClosureReason.CoordinationNoLongerNeeded }, Ct));
        await RefusedAsync(s, c.Id, SipAccessRuleNames.LeadOrCoordinator,
            () => s.Workflow.RevisePlanAsync(new RevisePlan { CaseId = c.Id, Actor = s.Actor, Plan = ContractData.CompletePlan(), FollowUpBooking = ContractData.FollowUpAt(s.Clock.GetUtcNow().AddMonths(3)) }, Ct));
        await RefusedAsync(s, c.Id, SipAccessRuleNames.LeadOrCoordinator,
            () => s.Workflow.AssignLeadPrincipalAsync(new AssignLeadPrincipal { CaseId = c.Id, Actor = s.Actor, LeadPrincipal = ContractData.MunicipalLead }, Ct));
        Assert.NotNull(await s.Workflow.ReadCaseAsync(c.Id, s.Actor, Ct));
        Assert.True(await ListedAsync(s, c.Id, s.Actor));

        // Each is offered only the steps the rules let them take; an actor with no part is refused the question, logged.
        SipTrigger[] leadOnly = [SipTrigger.CloseCase, SipTrigger.RevisePlan, SipTrigger.AssignLeadPrincipal];
        var offeredToCalledUnit = (await s.Workflow.ReadPermittedActionsAsync(c.Id, s.Actor, cancellationToken: Ct)).Select(a => a.Trigger).ToList();
        var offeredToLeadUnit = (await s.Workflow.ReadPermittedActionsAsync(c.Id, LeadColleague, cancellationToken: Ct)).Select(a => a.Trigger).ToList();
        Assert.Empty(offeredToCalledUnit.Intersect(leadOnly));
        Assert.Contains(SipTrigger.RecordDeviation, offeredToCalledUnit);
        Assert.Contains(SipTrigger.CloseCase, offeredToLeadUnit);
        Assert.Subset(offeredToLeadUnit.ToHashSet(), offeredToCalledUnit.ToHashSet());
        var refused = await Assert.ThrowsAsync<SipAccessRefusedException>(() => s.Workflow.ReadPermittedActionsAsync(c.Id, Stranger, cancellationToken: Ct));
        Assert.Equal(SipAccessRuleNames.ParticipatingOrganisation, refused.Rule);
        Assert.False((await Log(s.Store).ReadAccessLogAsync(new SipAccessLogQuery { CaseId = c.Id, UserId = Stranger.UserId }, Ct))[^1].Allowed);

        var closed = await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = LeadColleague, Reason = ClosureReason.CoordinationNoLongerNeeded }, Ct);
        Assert.Equal(SipState.Closed, closed.Case.State);
    }

    /// <summary>With <see cref="SipAccessRules.OnlyCoordinatorCloses"/> only the coordinator closes; another worker of the lead unit is refused.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Where_only_the_coordinator_closes_the_rest_of_the_lead_unit_is_refused()
    {
        var s = Scenario(SipAccessRules.Default with { OnlyCoordinatorCloses = true });
        var c = await s.PlanEstablishedAsync();

        await RefusedAsync(s, c.Id, SipAccessRuleNames.CoordinatorCloses,
            () => s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = LeadColleague, Reason = ClosureReason.CoordinationNoLongerNeeded }, Ct));

        var closed = await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = ContractData.SocialWorker, Reason = ClosureReason.CoordinationNoLongerNeeded }, Ct);
        Assert.Equal(SipState.Closed, closed.Case.State);
    }

    /// <summary>
    /// A case whose individual has a protected identity is read and acted on only by users the case names: a colleague at
    /// the opening unit is refused a step, a read and a list; the opener, whom the case names, is not.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_protected_case_is_for_the_users_it_names_only()
    {
        var s = Scenario();
        var c = await s.OpenAsync(ContractData.Adult() with { HasProtectedIdentity = true });

        await RefusedAsync(s, c.Id, SipAccessRuleNames.ProtectedIdentityNamedUser, () => s.Workflow.RecordDeviationAsync(Deviation(c.Id, Colleague), Ct));
        await ReadRefusedAsync(s, c.Id, Colleague, SipAccessRuleNames.ProtectedIdentityNamedUser);
        Assert.False(await ListedAsync(s, c.Id, Colleague));

        await s.Workflow.RecordDeviationAsync(Deviation(c.Id, s.Actor), Ct);
        Assert.NotNull(await s.Workflow.ReadCaseAsync(c.Id, s.Actor, Ct));
        Assert.True(await ListedAsync(s, c.Id, s.Actor));
    }

    /// <summary>
    /// Support in the administrator role reads any case, a protected one included, given a why-code, and the read is
    /// logged with the role; without a why-code it is refused, and the role gives no right to act.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Support_reads_any_case_with_a_why_code_and_never_acts()
    {
        var s = Scenario();
        var c = await s.OpenAsync(ContractData.Adult() with { HasProtectedIdentity = true });

        await ReadRefusedAsync(s, c.Id, Support, SipAccessRuleNames.AdministratorReason);
        Assert.False(await ListedAsync(s, c.Id, Support));
        await RefusedAsync(s, c.Id, SipAccessRuleNames.ParticipatingOrganisation, () => s.Workflow.RecordDeviationAsync(Deviation(c.Id, Support), Ct));

        var withReason = new SipReader { Actor = Support, Reason = "supportärende 4711" };
        Assert.NotNull(await s.Workflow.ReadCaseAsync(c.Id, withReason, Ct));
        Assert.True(await ListedAsync(s, c.Id, withReason));
        var logged = (await Log(s.Store).ReadAccessLogAsync(new SipAccessLogQuery { UserId = Support.UserId }, Ct))[^1];
        Assert.True(logged.Allowed);
        Assert.Equal(SipAccessRuleNames.Administrator, logged.Rule);
        Assert.Equal("Sip.Administrator", logged.Actor.Role);
        Assert.Equal("supportärende 4711", logged.Reason);
    }

    /// <summary>Invited actors act unless <see cref="SipAccessRules.InvitedActorsMayAct"/> is off; then they read but a step is refused.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Invited_actors_act_unless_the_rules_let_them_only_read()
    {
        foreach (var mayAct in new[] { true, false })
        {
            var s = Scenario(SipAccessRules.Default with { InvitedActorsMayAct = mayAct });
            var c = await PreparingAsync(s);
            await s.Workflow.AddParticipantAsync(new AddParticipant { CaseId = c.Id, Actor = s.Actor, Participant = new Participant { Kind = ParticipantKind.SocialInsuranceAgency, Organisation = new OrganisationReference { Name = "Försäkringskassan" } } }, Ct);

            Assert.NotNull(await s.Workflow.ReadCaseAsync(c.Id, Stranger, Ct));
            Assert.True(await ListedAsync(s, c.Id, Stranger));
            if (mayAct)
            {
                await s.Workflow.RecordDeviationAsync(Deviation(c.Id, Stranger), Ct);
            }
            else
            {
                await RefusedAsync(s, c.Id, SipAccessRuleNames.InvitedActorsRead, () => s.Workflow.RecordDeviationAsync(Deviation(c.Id, Stranger), Ct));
            }
        }
    }

    /// <summary>
    /// Gallring and the host's system functions ask the rules too: with <see cref="SipAccessRules.GallringRole"/> set, an
    /// actor in another role is refused the purge and nothing is removed, and one in that role purges; the integrity checks
    /// and the feed read under the default rules.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Only_the_gallring_role_purges_and_the_system_functions_read()
    {
        var s = Scenario(SipAccessRules.Default with { GallringRole = "Arkivansvarig" });
        var c = await PreparingAsync(s);
        c = (await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = s.Actor, Reason = ClosureReason.NoNewNeedsExpected }, Ct)).Case;
        var lastEntry = DateOnly.FromDateTime(s.Clock.GetUtcNow().UtcDateTime);
        s.Clock.Advance(TimeSpan.FromDays(5 * 366));
        PurgeCase Purge(SipActor actor) => new() { CaseId = c.Id, Actor = actor, Rule = SipRetentionRule.SocialServices, LastEntryInRecord = lastEntry, NoRetentionExceptionApplies = true };

        Assert.True((await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact);
        Assert.Equal(c.Version, (await s.Workflow.GetCheckpointAsync(c.Id, Ct)).Version);
        Assert.True((await s.Workflow.VerifyStoreAsync(cancellationToken: Ct)).IsIntact);

        // A store may make a feed entry readable a moment after its write (PostgreSQL: once older transactions of the tests
        // beside this one have ended): the read is made once the entries are there.
        await ContractData.ReadFeedUntilAsync(s.Store, entries => entries.Count > 0);
        Assert.NotEmpty(await s.Workflow.ReadEventsAsync(0, 10, Ct));
        await RefusedAsync(s, c.Id, SipAccessRuleNames.Gallring, () => s.Workflow.PurgeCaseAsync(Purge(s.Actor), Ct));

        var archivist = new SipActor { UserId = "arkiv-1", Organisation = "Kommunarkivet", Role = "arkivansvarig" };
        Assert.Equal(c.Id, (await s.Workflow.PurgeCaseAsync(Purge(archivist), Ct)).CaseId);
        Assert.Null(await s.Store.GetAsync(c.Id, Ct));
    }

    /// <summary>
    /// The default rules refuse the reads that name no reader; a host that wants none names <see cref="SipAccessPolicies.AllowAll"/>,
    /// and a host's own rule set replaces the default entirely (its rule is the one named in a refusal).
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_read_must_name_its_reader_and_a_host_rule_set_replaces_the_default()
    {
        var s = Scenario();
        var c = await s.OpenAsync();
        Assert.Equal(SipAccessRuleNames.ReaderNamed, (await Assert.ThrowsAsync<SipAccessRefusedException>(() => s.Workflow.GetCaseAsync(c.Id, Ct))).Rule);
        Assert.Equal(SipAccessRuleNames.ReaderNamed, (await Assert.ThrowsAsync<SipAccessRefusedException>(() => s.Workflow.GetHistoryAsync(c.Id, Ct))).Rule);
        Assert.Equal(SipAccessRuleNames.ReaderNamed, (await Assert.ThrowsAsync<SipAccessRefusedException>(() => s.Workflow.QueryCasesAsync(new SipCaseQuery(), Ct))).Rule);
        Assert.Equal(SipAccessRuleNames.ReaderNamed, (await Assert.ThrowsAsync<SipAccessRefusedException>(() => s.Workflow.GetDueWorkAsync(s.Clock.GetUtcNow(), cancellationToken: Ct))).Rule);

        var open = new SipWorkflow(s.Store, new SipWorkflowOptions { Access = SipAccessPolicies.AllowAll }, s.Clock);
        Assert.NotNull(await open.GetCaseAsync(c.Id, Ct));
        await open.RecordDeviationAsync(Deviation(c.Id, Stranger), Ct);

        var host = new SipWorkflow(s.Store, new SipWorkflowOptions { Access = new OnlyUsers("fk-4711") }, s.Clock);
        Assert.NotNull(await host.ReadCaseAsync(c.Id, Stranger, Ct));
        await RefusedAsync(s, c.Id, "Host:OnlyNamedUsers", () => host.RecordDeviationAsync(Deviation(c.Id, s.Actor), Ct));
        Assert.Equal("Host:OnlyNamedUsers", (await Assert.ThrowsAsync<SipAccessRefusedException>(() => host.ReadCaseAsync(c.Id, s.Actor, Ct))).Rule);
    }

    /// <summary>
    /// Every read is logged with who, organisation, role, when, what and why; the log is read per case and per user, a page
    /// at a time in sequence order, and a second store over the same data sees it all.
    /// </summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task Every_read_is_logged_and_the_log_is_read_per_case_and_per_user()
    {
        var s = Scenario();
        var first = await s.OpenAsync();
        var second = await s.OpenAsync(ContractData.Adult("patient-2"));
        s.Clock.Advance(TimeSpan.FromMinutes(5));
        await s.Workflow.ReadCaseAsync(first.Id, new SipReader { Actor = s.Actor, Reason = "vård" }, Ct);
        await s.Workflow.ReadCaseAsync(first.Id, new SipReader { Actor = Colleague, Purpose = SipAccessAction.ReadDocument }, Ct);
        await s.Workflow.ReadHistoryAsync(second.Id, Colleague, Ct);
        await s.Workflow.ReadCaseAsync(second.Id, new SipReader { Actor = s.Actor, Purpose = SipAccessAction.Export, Reason = "överföring" }, Ct);
        await Assert.ThrowsAsync<SipAccessRefusedException>(() => s.Workflow.ReadCaseAsync(first.Id, Stranger, Ct));

        var log = Log(CreateReader(s.Store));
        var ofFirst = await log.ReadAccessLogAsync(new SipAccessLogQuery { CaseId = first.Id }, Ct);
        Assert.Equal(
            [("hsa-vc-1001", SipAccessAction.ReadCase, "vård", true), ("hsa-vc-1002", SipAccessAction.ReadDocument, null, true), ("fk-4711", SipAccessAction.ReadCase, null, false)],
            ofFirst.Select(r => (r.Actor.UserId, r.Action, r.Reason, r.Allowed)).ToArray());
        Assert.All(ofFirst, r => Assert.Equal(ContractData.Start.AddMinutes(5), r.At));
        Assert.Equal("Vårdcentralen Söder", ofFirst[0].Actor.Organisation);
        Assert.Equal("fast vårdkontakt", ofFirst[0].Actor.Role);

        var byColleague = await log.ReadAccessLogAsync(new SipAccessLogQuery { UserId = Colleague.UserId }, Ct);
        Assert.Equal([(first.Id, SipAccessAction.ReadDocument), (second.Id, SipAccessAction.ReadHistory)], byColleague.Select(r => (r.CaseId, r.Action)).ToArray());

        var all = await log.ReadAccessLogAsync(new SipAccessLogQuery(), Ct);
        Assert.Equal(5, all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "the log is in sequence order");
        var page = await log.ReadAccessLogAsync(new SipAccessLogQuery { AfterSequence = all[1].Sequence, MaxCount = 2 }, Ct);
        Assert.Equal(all.Skip(2).Take(2).Select(r => r.Sequence), page.Select(r => r.Sequence));
        Assert.Empty(await log.ReadAccessLogAsync(new SipAccessLogQuery { CaseId = SipCaseId.New() }, Ct));
    }

    /// <summary>Many readers at once: every read is in the log, each once, with a sequence of its own.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task The_log_is_complete_under_concurrent_readers()
    {
        const int Readers = 8;
        const int ReadsEach = 10;
        var s = Scenario();
        var c = await s.OpenAsync();
        var answered = new ConcurrentBag<int>();

        await Task.WhenAll(Enumerable.Range(0, Readers).Select(r => Task.Run(async () =>
        {
            var reader = new SipReader { Actor = Colleague, Reason = $"r{r}" };
            for (var n = 0; n < ReadsEach; n++)
            {
                await s.Workflow.ReadCaseAsync(c.Id, reader, Ct);
                answered.Add(r);
            }
        })));

        var log = new List<SipAccessRecord>();
        for (long after = 0; ;)
        {
            var page = await Log(CreateReader(s.Store)).ReadAccessLogAsync(new SipAccessLogQuery { CaseId = c.Id, AfterSequence = after, MaxCount = 7 }, Ct);
            if (page.Count == 0)
            {
                break;
            }

            log.AddRange(page);
            after = page[^1].Sequence;
        }

        Assert.Equal(Readers * ReadsEach, answered.Count);
        Assert.Equal(Readers * ReadsEach, log.Count);
        Assert.Equal(log.Count, log.Select(r => r.Sequence).Distinct().Count());
        Assert.All(Enumerable.Range(0, Readers), r => Assert.Equal(ReadsEach, log.Count(x => x.Reason == $"r{r}")));
    }

    /// <summary>A purge takes the case's access records with it and leaves the other cases' records.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_purge_takes_the_cases_access_records_with_it()
    {
        var store = CreateStore();
        var (purged, _) = await ContractData.CreateAsync(store);
        var (kept, _) = await ContractData.CreateAsync(store);
        foreach (var id in new[] { purged.Id, kept.Id, purged.Id })
        {
            await Log(store).AppendAccessAsync(ContractData.AccessRecord(id), Ct);
        }

        await store.PurgeAsync(ContractData.Tombstone(purged), Ct);

        var log = Log(CreateReader(store));
        Assert.Empty(await log.ReadAccessLogAsync(new SipAccessLogQuery { CaseId = purged.Id }, Ct));
        Assert.Single(await log.ReadAccessLogAsync(new SipAccessLogQuery { CaseId = kept.Id }, Ct));
        await Log(store).AppendAccessAsync(ContractData.AccessRecord(kept.Id), Ct);
        var after = await log.ReadAccessLogAsync(new SipAccessLogQuery(), Ct);
        Assert.Equal(2, after.Count);
        Assert.True(after[1].Sequence > after[0].Sequence, "a later record has a higher sequence, after a purge too");
    }

    /// <summary>A store refuses a null record or query with the argument named, and writes nothing.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task A_null_record_or_query_is_refused_and_nothing_is_written()
    {
        var store = CreateStore();
        var (c, _) = await ContractData.CreateAsync(store);

        await Assert.ThrowsAsync<ArgumentNullException>(() => Log(store).AppendAccessAsync(null!, Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Log(store).ReadAccessLogAsync(null!, Ct));

        Assert.Empty(await Log(store).ReadAccessLogAsync(new SipAccessLogQuery { CaseId = c.Id }, Ct));
    }

    // A host's own rules: only the users it lists, for everything.
    private sealed class OnlyUsers(params string[] users) : ISipAccessPolicy
    {
        public SipAccessDecision Decide(SipAccessRequest request)
            => request.Actor is { } actor && users.Contains(actor.UserId)
                ? SipAccessDecision.Allow("Host:OnlyNamedUsers")
                : SipAccessDecision.Refuse("Host:OnlyNamedUsers");
    }
}
