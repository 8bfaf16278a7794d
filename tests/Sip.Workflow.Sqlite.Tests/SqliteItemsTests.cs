using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>
/// The SQLite store keeps the lists that grow over a case's life (SipCaseItems) as rows of their own beside a head
/// document: a command writes only what it added or changed, and a case read back is the case written.
/// </summary>
public sealed class SqliteItemsTests : IAsyncDisposable
{
    private readonly TempDatabase _db = new();
    private readonly List<SqliteSipCaseStore> _stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteSipCaseStore Store()
    {
        var store = new SqliteSipCaseStore(_db.PathOf());
        _stores.Add(store);
        return store;
    }

    private SipScenario Scenario(SqliteSipCaseStore? store = null)
    {
        store ??= Store();
        var time = new FakeTimeProvider(SipTestData.Start);
        return new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, time), store, time);
    }

    private static async Task<SipCase> RevisedAsync(SipScenario s)
    {
        var followedUp = await s.FollowedUpAsync(SipTestData.Adult("patient-items"));
        return (await s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(followedUp.Id, s.Time.GetUtcNow().AddMonths(3)), Ct)).Case;
    }

    private object? Scalar(string sql) => _db.Scalar(sql);

    private void Execute(string sql) => _db.Execute(sql);

    private static string Id(SipCaseId id) => $"'{id.Value:D}'";

    [Fact]
    public async Task A_case_is_stored_as_a_head_without_its_growing_lists_and_one_row_per_element()
    {
        var s = Scenario();
        var c = await RevisedAsync(s);

        ((string)Scalar($"SELECT document FROM sip_cases WHERE id = {Id(c.Id)};")!).Should().NotContain("\"planRevisions\"").And.NotContain("\"followUps\"");
        Scalar($"SELECT item_count FROM sip_cases WHERE id = {Id(c.Id)};").Should().Be((long)SipCaseItems.Count(c));
        Scalar($"SELECT count(*) FROM sip_case_items WHERE case_id = {Id(c.Id)} AND list = 'planRevisions';").Should().Be(2L);
        Scalar($"SELECT count(*) FROM sip_case_items WHERE case_id = {Id(c.Id)};").Should().Be((long)SipCaseItems.Count(c));

        // Read back by another store (nothing remembered) it is the same case, and its history verifies.
        var read = (await Store().GetAsync(c.Id, Ct))!;
        read.Should().BeEquivalentTo(c);
        SipJson.SerializeCase(read).Should().Be(SipJson.SerializeCase(c));
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task Due_work_reads_each_case_as_its_head_and_never_its_item_rows()
    {
        var s = Scenario();
        var c = await RevisedAsync(s);
        var due = c.NextDeadline!.Value;

        // Another store remembers nothing: the head is read from the file, without the item rows.
        var other = Store();
        var head = (await other.QueryHeadsAsync(new SipCaseQuery { DeadlineAtOrBefore = due }, Ct)).Cases.Single();
        head.Id.Should().Be(c.Id);
        head.PlanRevisions.Should().BeEmpty("the item rows are not read");
        head.OpenDeadlines.Should().Equal(c.OpenDeadlines);
        head.Participants.Should().Equal(c.Participants);

        // An item row taken away by hand: any read of the whole case refuses it, due work never meets the item rows.
        Execute($"DELETE FROM sip_case_items WHERE case_id = {Id(c.Id)} AND list = 'planRevisions' AND position = 1;");
        await FluentActions.Awaiting(() => other.QueryAsync(new SipCaseQuery { DeadlineAtOrBefore = due }, Ct)).Should().ThrowAsync<SipStorageException>();
        var time = new FakeTimeProvider(due);
        var engine = new SipWorkflow(other, new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, time);
        var unattributed = (await engine.GetDueWorkAsync(due, cancellationToken: Ct)).Items.Single();
        var read = (await engine.ReadDueWorkAsync(s.Actor, due, cancellationToken: Ct)).Items.Single();
        foreach (var item in new[] { unattributed, read })
        {
            item.CaseId.Should().Be(c.Id);
            item.OpenDeadlines.Should().Equal(c.OpenDeadlines);
            item.LeadPrincipal.Should().Be(c.LeadPrincipal);
        }

        await FluentActions.Awaiting(() => engine.ReadCasesAsync(new SipCaseQuery { DeadlineAtOrBefore = due }, s.Actor, Ct)).Should().ThrowAsync<SipStorageException>();
    }

    [Fact]
    public async Task A_head_sealed_before_open_deadlines_were_kept_is_listed_from_its_whole_case()
    {
        var s = Scenario();
        var c = await RevisedAsync(s);

        // As an earlier release stored it: a head in parts without the member.
        Execute($"UPDATE sip_cases SET document = json_remove(document, '$.case.openDeadlines') WHERE id = {Id(c.Id)};");
        var other = Store();
        (await other.QueryHeadsAsync(new SipCaseQuery(), Ct)).Cases.Single().OpenDeadlines.Should().BeNull();

        var engine = new SipWorkflow(other, new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, s.Time);
        (await engine.GetDueWorkAsync(SipLimits.LatestMoment, cancellationToken: Ct)).Items.Single().OpenDeadlines.Should().Equal(c.OpenDeadlines);
        (await engine.ReadDueWorkAsync(s.Actor, SipLimits.LatestMoment, cancellationToken: Ct)).Items.Single().OpenDeadlines.Should().Equal(c.OpenDeadlines);
    }

    [Theory]
    [InlineData("json_set(document, '$.case.openDeadlines', json('[]'))")]
    [InlineData("json_set(document, '$.case.openDeadlines[0].dueAt', '2099-01-01T00:00:00+00:00')")]
    public async Task Open_deadlines_changed_by_hand_in_a_head_are_refused_not_listed(string edit)
    {
        var s = Scenario();
        var c = await RevisedAsync(s);
        c.OpenDeadlines.Should().NotBeEmpty();
        Execute($"UPDATE sip_cases SET document = {edit} WHERE id = {Id(c.Id)};");

        var engine = new SipWorkflow(Store(), new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, s.Time);
        var listed = () => engine.GetDueWorkAsync(SipLimits.LatestMoment, cancellationToken: Ct);

        (await listed.Should().ThrowAsync<SipStorageException>()).WithMessage("*open deadlines*changed outside Sip.Workflow*");
    }

    [Fact]
    public async Task A_command_writes_only_the_items_it_added_or_changed()
    {
        var s = Scenario();
        var c = await RevisedAsync(s);
        Execute(
            "CREATE TABLE item_writes (kind TEXT, list TEXT, position INTEGER);" +
            "CREATE TRIGGER count_item_inserts AFTER INSERT ON sip_case_items BEGIN INSERT INTO item_writes VALUES ('insert', NEW.list, NEW.position); END;" +
            "CREATE TRIGGER count_item_updates AFTER UPDATE ON sip_case_items BEGIN INSERT INTO item_writes VALUES ('update', NEW.list, NEW.position); END;" +
            "CREATE TRIGGER count_item_deletes AFTER DELETE ON sip_case_items BEGIN INSERT INTO item_writes VALUES ('delete', OLD.list, OLD.position); END;");

        // A step that changes none of the lists kept apart writes no item.
        await s.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = false, InterpreterLanguage = "somaliska" }, Ct);
        Scalar("SELECT count(*) FROM item_writes;").Should().Be(0L);

        // A step that adds one element writes that element alone.
        var deviation = new Deviation { Kind = DeviationKind.DeadlineMissed, Description = "Sen kallelse." };
        var after = (await s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, Deviation = deviation }, Ct)).Case;
        Scalar("SELECT count(*) FROM item_writes;").Should().Be(1L);
        Scalar("SELECT kind || ' ' || list || ' ' || position FROM item_writes;").Should().Be($"insert deviations {after.Deviations.Count - 1}");

        (await Store().GetAsync(c.Id, Ct))!.Should().BeEquivalentTo(after);
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task A_store_that_did_not_write_the_case_writes_every_item_again_and_loses_none()
    {
        var s = Scenario();
        var c = await RevisedAsync(s);

        // Another node's engine, which never saw the case: its command cannot know which items changed.
        var other = Scenario(Store());
        var deviation = new Deviation { Kind = DeviationKind.DeadlineMissed, Description = "Sen kallelse." };
        var after = (await other.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, Deviation = deviation }, Ct)).Case;

        Scalar($"SELECT count(*) FROM sip_case_items WHERE case_id = {Id(c.Id)};").Should().Be((long)SipCaseItems.Count(after));
        (await s.Store.GetAsync(c.Id, Ct))!.Should().BeEquivalentTo(after, "the first store reads the other's write, not what it remembers");
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();
    }

    [Theory]
    [InlineData("DELETE FROM sip_case_items WHERE case_id = {0} AND list = 'planRevisions' AND position = 1;", "counts", true)]
    [InlineData("INSERT INTO sip_case_items (case_id, list, position, document) VALUES ({0}, 'planRevisions', 7, '{{}}');", "counts", true)]
    [InlineData("UPDATE sip_case_items SET position = 5 WHERE case_id = {0} AND list = 'planRevisions' AND position = 1;", "position 1 is missing", true)]
    [InlineData("UPDATE sip_case_items SET list = 'secret' WHERE case_id = {0} AND list = 'planRevisions' AND position = 1;", "not kept apart", true)]
    [InlineData("UPDATE sip_cases SET document = json_set(document, '$.case.planRevisions', json('[]')) WHERE id = {0};", "head holds the list 'planRevisions'", false)]
    public async Task Items_changed_outside_the_library_are_refused_on_every_read_and_change_nothing(string sql, string problem, bool inItems)
    {
        var s = Scenario();
        var c = await RevisedAsync(s);
        (await s.Store.GetAsync(c.Id, Ct)).Should().NotBeNull("the store has now read, and remembers, the case");
        Execute(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, Id(c.Id)));
        var history = Scalar($"SELECT count(*) FROM sip_events WHERE case_id = {Id(c.Id)};");

        foreach (var store in new[] { s.Store, Store() })
        {
            var read = () => store.GetAsync(c.Id, Ct);
            (await read.Should().ThrowAsync<SipStorageException>()).WithMessage($"*{problem}*changed outside Sip.Workflow*");
            var query = () => store.QueryAsync(new SipCaseQuery(), Ct);
            await query.Should().ThrowAsync<SipStorageException>();
        }

        var verify = () => s.Workflow.VerifyHistoryAsync(c.Id, Ct);
        await verify.Should().ThrowAsync<SipStorageException>();
        (await s.Workflow.VerifyStoreAsync(cancellationToken: Ct)).Problems.Should().ContainSingle().Which.CaseId.Should().Be(c.Id);
        var elsewhere = Scenario(Store());
        var command = () => elsewhere.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = true }, Ct);
        await command.Should().ThrowAsync<SipStorageException>("a command on a store that did not write the case reads what is stored");
        Scalar($"SELECT count(*) FROM sip_events WHERE case_id = {Id(c.Id)};").Should().Be(history);

        // The store that wrote the case runs a command on its own write while the row keeps its version, columns, item count
        // and history head (GetForCommandAsync, which reads the row's page alone). Its save replaces the head, as it replaced
        // the whole document before; but it writes only the items the command changed, so damaged items stay where every
        // read and the verification find them, until the case is restored.
        await s.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = true }, Ct);
        var after = () => Store().GetAsync(c.Id, Ct);
        if (inItems)
        {
            await after.Should().ThrowAsync<SipStorageException>();
            (await s.Workflow.VerifyStoreAsync(cancellationToken: Ct)).Problems.Should().ContainSingle().Which.CaseId.Should().Be(c.Id);
        }
        else
        {
            await after.Should().NotThrowAsync();
            (await s.Workflow.VerifyStoreAsync(cancellationToken: Ct)).IsIntact.Should().BeTrue();
        }
    }

    [Fact]
    public async Task A_whole_document_from_before_migration_7_reads_the_same_and_its_next_command_writes_it_in_parts()
    {
        var c = await RevisedAsync(Scenario());
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _stores.Clear();
        await SqliteDowngrade.ToVersion6Async(_db.PathOf());
        ((string)Scalar($"SELECT document FROM sip_cases WHERE id = {Id(c.Id)};")!).Should().Contain("\"planRevisions\"");

        var s = Scenario();
        var read = (await s.Store.GetAsync(c.Id, Ct))!;
        read.Should().BeEquivalentTo(c);
        Scalar("PRAGMA user_version;").Should().Be((long)SqliteSchema.CurrentVersion);
        Scalar($"SELECT item_count FROM sip_cases WHERE id = {Id(c.Id)};").Should().BeOfType<DBNull>();
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();

        var deviation = new Deviation { Kind = DeviationKind.DeadlineMissed, Description = "Sen kallelse." };
        var after = (await s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, Deviation = deviation }, Ct)).Case;

        ((string)Scalar($"SELECT document FROM sip_cases WHERE id = {Id(c.Id)};")!).Should().NotContain("\"planRevisions\"");
        Scalar($"SELECT item_count FROM sip_cases WHERE id = {Id(c.Id)};").Should().Be((long)SipCaseItems.Count(after));
        (await Store().GetAsync(c.Id, Ct))!.Should().BeEquivalentTo(after);
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task A_purge_removes_the_items_with_the_case()
    {
        var s = Scenario();
        var c = await RevisedAsync(s);
        Scalar($"SELECT count(*) FROM sip_case_items WHERE case_id = {Id(c.Id)};").Should().NotBe(0L);
        var tombstone = new SipTombstone
        {
            CaseId = c.Id, PurgedAt = s.Time.GetUtcNow(), Actor = s.Actor, RecordKind = SipRecordKind.SocialServices, RetentionYears = 5,
            LegalBasis = "16 kap. 1 § socialtjänstlagen (2025:400)", LastEntry = new DateOnly(2020, 1, 1), LastVersion = c.Version,
            LastHeadHash = c.HistoryHead!, Hash = new string('0', 64),
        };

        await s.Store.PurgeAsync(tombstone, Ct);

        Scalar($"SELECT count(*) FROM sip_case_items WHERE case_id = {Id(c.Id)};").Should().Be(0L);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _db.Dispose();
    }
}
