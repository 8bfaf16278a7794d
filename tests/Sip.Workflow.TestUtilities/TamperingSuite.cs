using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.Storage;
using Xunit;

namespace Sip.Workflow.TestUtilities;

/// <summary>
/// What an attacker (or a careless administrator) with write access to the database does to a store's rows, and what the
/// library must make of it: found by verification or refused on read — never a wrong case served, never a case stuck.
/// Each SQL store runs this suite with its own SQL.
/// </summary>
public abstract class TamperingSuite
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh, empty store; each call of one test returns a store over the same database.</summary>
    protected abstract ISipCaseStore Store();

    /// <summary>Runs SQL on the database with the store's own tables named <c>sip_cases</c> and <c>sip_events</c> (qualified as needed).</summary>
    protected abstract Task ExecuteAsync(string sql);

    /// <summary>The qualified name of a table.</summary>
    protected abstract string Table(string name);

    /// <summary>SQL that changes the plan meeting's place inside the stored document of a case.</summary>
    protected abstract string EditDocumentSql(SipCaseId caseId);

    /// <summary>SQL that drops the triggers guarding the events, cases and tombstones (what an attacker with owner rights does first).</summary>
    protected abstract string DropGuardsSql();

    /// <summary>SQL that sets the JSON string at <paramref name="path"/> (member names and array indexes) in <paramref name="column"/> of the rows <paramref name="where"/> selects.</summary>
    protected abstract string SetJsonSql(string table, string column, string[] path, string value, string where);

    /// <summary>Rebuilds the store's access keys from its documents (the SQL stores' own repair).</summary>
    protected abstract Task RebuildAccessKeysAsync(ISipCaseStore store);

    /// <summary>How a case id is written in SQL text.</summary>
    protected virtual string Id(SipCaseId caseId) => $"'{caseId.Value:D}'";

    /// <summary>
    /// SQL that sets <paramref name="path"/> inside element <paramref name="position"/> of the case's list
    /// <paramref name="list"/> (its JSON name) to <paramref name="value"/>, where the store keeps that element: by default in
    /// the case document.
    /// </summary>
    protected virtual string SetListElementSql(SipCaseId caseId, string list, int position, string[] path, string value)
        => SetJsonSql(Table("sip_cases"), "document", ["case", list, position.ToString(System.Globalization.CultureInfo.InvariantCulture), .. path], value, $"id = {Id(caseId)}");

    private async Task<(SipScenario Scenario, SipCase Case)> ScenarioAsync()
    {
        var store = Store();
        var time = new FakeTimeProvider(SipTestData.Start);
        var s = new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, time), store, time);
        return (s, await s.ReadyToSummonAsync());
    }

    [Fact]
    public async Task An_event_appended_outside_the_library_is_found_and_the_next_command_says_so_instead_of_failing_as_a_conflict_forever()
    {
        var (s, c) = await ScenarioAsync();
        await ExecuteAsync(
            $"INSERT INTO {Table("sip_events")} (case_id, sequence, command_id, event_type, occurred_at, hash, document) " +
            $"SELECT case_id, sequence + 1, NULL, event_type, occurred_at, hash, document FROM {Table("sip_events")} WHERE case_id = {Id(c.Id)} AND sequence = {c.Version}");

        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeFalse();
        var next = () => s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);
        (await next.Should().ThrowAsync<SipStorageException>()).WithMessage($"*history of SIP case {c.Id} already holds an event {c.Version + 1}*outside Sip.Workflow*");
    }

    [Fact]
    public async Task A_document_edited_outside_the_library_and_read_by_verification_is_not_sealed_into_history_by_the_next_command()
    {
        var (s, c) = await ScenarioAsync();
        await ExecuteAsync(EditDocumentSql(c.Id));
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeFalse();

        var next = () => s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);

        (await next.Should().ThrowAsync<SipStorageException>()).WithMessage($"*{c.Id}*changed outside Sip.Workflow*");
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeFalse("the edit is still found, not laundered into a new event");
        (await s.Store.GetHistoryAsync(c.Id, Ct)).Should().HaveCount((int)c.Version);
    }

    [Fact]
    public async Task Access_keys_removed_outside_the_library_are_found_by_verification_and_rebuilt_so_the_case_is_listed_again()
    {
        var (s, c) = await ScenarioAsync();
        var reader = new SipReader { Actor = s.Actor };
        (await s.Workflow.ReadCasesAsync(new SipCaseQuery(), reader, Ct)).Cases.Should().ContainSingle();
        await ExecuteAsync($"DELETE FROM {Table("sip_case_access")} WHERE case_id = {Id(c.Id)}");

        (await s.Workflow.ReadCasesAsync(new SipCaseQuery(), reader, Ct)).Cases.Should().BeEmpty("the store selects by the keys");
        var found = await s.Workflow.VerifyStoreAsync(cancellationToken: Ct);
        found.Problems.Should().ContainSingle().Which.Should().Match<SipStoreProblem>(p => p.CaseId == c.Id && p.Finding == SipAuditFinding.AccessKeysStale);

        await RebuildAccessKeysAsync(s.Store);

        (await s.Workflow.VerifyStoreAsync(cancellationToken: Ct)).IsIntact.Should().BeTrue();
        (await s.Workflow.ReadCasesAsync(new SipCaseQuery(), reader, Ct)).Cases.Single().Id.Should().Be(c.Id);
    }

    [Fact]
    public async Task A_deadline_cleared_outside_the_library_is_refused_on_read()
    {
        var (s, _) = await ScenarioAsync();
        var c = await s.OpenAsync();
        c.NextDeadline.Should().NotBeNull("a newly opened case is due to start");
        await ExecuteAsync($"UPDATE {Table("sip_cases")} SET next_deadline = NULL WHERE id = {Id(c.Id)}");

        var read = () => s.Workflow.GetCaseAsync(c.Id, Ct);

        (await read.Should().ThrowAsync<SipStorageException>()).WithMessage($"*SIP case {c.Id}*next deadline*");
    }

    [Fact]
    public async Task A_subject_swapped_outside_the_library_never_makes_a_query_for_one_person_return_anothers_case()
    {
        var (s, a) = await ScenarioAsync();
        var b = await s.OpenAsync(SipTestData.Adult("patient-b"));
        await ExecuteAsync($"UPDATE {Table("sip_cases")} SET subject_ref = '{a.Individual.Reference.Value}' WHERE id = {Id(b.Id)}");

        var query = () => s.Workflow.QueryCasesAsync(new SipCaseQuery { Subject = a.Individual.Reference }, Ct);

        (await query.Should().ThrowAsync<SipStorageException>()).Which.Message.Should().Contain(b.Id.ToString()).And.Contain("subject")
            .And.NotContain("patient-b");
    }

    [Fact]
    public async Task A_document_edited_outside_the_library_on_a_running_store_is_found_at_once()
    {
        var (s, c) = await ScenarioAsync();
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();

        await ExecuteAsync(EditDocumentSql(c.Id));

        var verification = await s.Workflow.VerifyHistoryAsync(c.Id, Ct);
        verification.IsIntact.Should().BeFalse("the store serves what is stored, not what it remembers");
        verification.Problem.Should().Contain("changed outside the engine");
    }

    [Fact]
    public async Task An_old_plan_revision_edited_outside_the_library_at_the_same_version_is_found_by_verification()
    {
        // The third hash form digests each list apart; an edit deep inside the first of two revisions must still change
        // the case hash, and the store's cache of the case it wrote must not hide the stored text from verification.
        var (s, _) = await ScenarioAsync();
        var followedUp = await s.FollowedUpAsync(SipTestData.Adult("patient-rev"));
        var revised = (await s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(followedUp.Id, s.Time.GetUtcNow().AddMonths(3)), Ct)).Case;
        (await s.Workflow.GetCaseAsync(revised.Id, Ct))!.PlanRevisions.Should().HaveCount(2);
        (await s.Workflow.VerifyHistoryAsync(revised.Id, Ct)).IsIntact.Should().BeTrue();

        await ExecuteAsync(SetListElementSql(revised.Id, "planRevisions", 0, ["goals", "0", "text"], "Ändrad i efterhand"));

        var verification = await s.Workflow.VerifyHistoryAsync(revised.Id, Ct);
        verification.IsIntact.Should().BeFalse("the first revision is inside the newest event's case hash");
        verification.Problem.Should().Contain("changed outside the engine");
        (await s.Workflow.GetCaseAsync(revised.Id, Ct))!.PlanRevisions[0].Goals[0].Text.Should().Be("Ändrad i efterhand", "the store serves what is stored");
    }

    [Fact]
    public async Task A_write_by_another_node_at_a_new_version_is_read_fresh_by_a_store_that_cached_the_case()
    {
        var (s, c) = await ScenarioAsync();
        (await s.Store.GetAsync(c.Id, Ct))!.Version.Should().Be(c.Version, "the first store has now read, and cached, the case");
        var otherNode = Store();
        var other = new SipWorkflow(otherNode, new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, s.Time);

        var summoned = (await other.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct)).Case;

        var read = (await s.Store.GetAsync(c.Id, Ct))!;
        read.Version.Should().Be(summoned.Version);
        read.SummonsSent.Should().HaveCount(summoned.SummonsSent.Count).And.NotBeEmpty();
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();

        // And a command through the first store, which last wrote an older version, runs on the other node's case.
        var third = Store();
        await new SipWorkflow(third, new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, s.Time)
            .ChangeIndividualAsync(new ChangeIndividual { CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = false, InterpreterLanguage = "somaliska" }, Ct);
        var deviation = new Deviation { Kind = DeviationKind.DeadlineMissed, Description = "Sen kallelse." };
        var next = (await s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, Deviation = deviation }, Ct)).Case;
        next.Version.Should().Be(summoned.Version + 2, "a stale case would have lost the race (no retries are allowed here)");
        next.Individual.InterpreterLanguage.Should().Be("somaliska", "the command ran on the case as the third node left it");
        (await s.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();
    }

    protected static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    protected static string Literal(long? value) => value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL";

    // The row of a case exactly as the store writes it: what someone who copied an earlier row puts back.
    protected virtual string RowSql(SipCase sipCase)
    {
        var index = SipCaseIndex.Of(sipCase);
        return $"UPDATE {Table("sip_cases")} SET version = {index.Version}, state = {(int)index.State}, subject_ref = {Quote(index.Subject)}, " +
            $"lead_principal = {Literal(index.LeadPrincipal is { } l ? (int)l : null)}, lead_org = {(index.LeadOrganisation is { } o ? Quote(o) : "NULL")}, " +
            $"next_deadline = {Literal(index.NextDeadlineUtcTicks)}, document = {Quote(SipJson.SerializeCase(sipCase))} WHERE id = {Id(sipCase.Id)}";
    }

    private async Task SetBackAsync(SipCase earlier)
    {
        await ExecuteAsync($"DELETE FROM {Table("sip_events")} WHERE case_id = {Id(earlier.Id)} AND sequence > {earlier.Version}");
        await ExecuteAsync(RowSql(earlier));
    }

    private async Task<(SipScenario Scenario, SipCase Before, SipCase After)> TwoVersionsAsync(SipScenario? scenario = null)
    {
        var s = scenario ?? (await ScenarioAsync()).Scenario;
        var before = await s.ReadyToSummonAsync();
        var after = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = before.Id, Actor = s.Actor }, Ct)).Case;
        return (s, before, after);
    }

    [Fact]
    public async Task A_case_set_back_and_written_again_by_another_node_at_the_version_a_store_remembers_is_read_afresh_by_that_store()
    {
        // After a failover that lost a commit, or a file restored under running nodes, another node can write the version
        // this store remembers, in the same state and with the same columns, but with another history.
        var (s, before, after) = await TwoVersionsAsync();
        await ExecuteAsync(DropGuardsSql());
        await SetBackAsync(before);
        s.Time.Advance(TimeSpan.FromMinutes(7));
        var other = new SipWorkflow(Store(), new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, s.Time);
        var elsewhere = (await other.SendSummonsAsync(new SendSummons { CaseId = before.Id, Actor = s.Actor }, Ct)).Case;
        elsewhere.Version.Should().Be(after.Version);
        SipCaseIndex.Of(elsewhere).Should().Be(SipCaseIndex.Of(after), "nothing in the row's columns tells the two apart");
        elsewhere.HistoryHead.Should().NotBe(after.HistoryHead);

        var deviation = new Deviation { Kind = DeviationKind.DeadlineMissed, Description = "Sen kallelse." };
        var next = (await s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = before.Id, Actor = s.Actor, Deviation = deviation }, Ct)).Case;

        next.SummonsSent.Should().ContainSingle().Which.SentAt.Should().Be(elsewhere.SummonsSent[0].SentAt, "the command ran on the case as stored");
        (await s.Workflow.VerifyHistoryAsync(before.Id, Ct)).IsIntact.Should().BeTrue("the new event follows the stored history");
    }

    [Fact]
    public async Task A_case_set_back_consistently_verifies_on_its_own_but_not_against_a_checkpoint_kept_outside()
    {
        var (s, before, after) = await TwoVersionsAsync();
        var checkpoint = await s.Workflow.GetCheckpointAsync(after.Id, Ct);
        var store = await s.Workflow.VerifyStoreAsync(cancellationToken: Ct);
        await ExecuteAsync(DropGuardsSql());

        await SetBackAsync(before);

        (await s.Workflow.VerifyHistoryAsync(after.Id, Ct)).IsIntact.Should().BeTrue("the rollback is consistent: only an anchor outside finds it");
        var against = await s.Workflow.VerifyAgainstCheckpointAsync(after.Id, checkpoint, Ct);
        against.Finding.Should().Be(SipAuditFinding.RolledBack);
        against.Problem.Should().Contain($"version {before.Version}").And.Contain($"version {after.Version}");
        (await s.Workflow.VerifyStoreAsync(store.Checkpoint, Ct)).Problems.Should().ContainSingle()
            .Which.Should().Match<SipStoreProblem>(p => p.CaseId == after.Id && p.Finding == SipAuditFinding.RolledBack);
    }

    [Fact]
    public async Task A_case_deleted_outside_the_library_is_missing_against_the_store_checkpoint_and_the_database_refuses_it_without_a_tombstone()
    {
        var (s, _, c) = await TwoVersionsAsync();
        var store = await s.Workflow.VerifyStoreAsync(cancellationToken: Ct);
        store.IsIntact.Should().BeTrue(string.Join("; ", store.Problems));
        var caseCheckpoint = await s.Workflow.GetCheckpointAsync(c.Id, Ct);
        var guarded = () => ExecuteAsync($"DELETE FROM {Table("sip_cases")} WHERE id = {Id(c.Id)}");
        await guarded.Should().ThrowAsync<Exception>("the database lets a case go only through a purge");

        await ExecuteAsync(DropGuardsSql());
        await ExecuteAsync($"DELETE FROM {Table("sip_events")} WHERE case_id = {Id(c.Id)}");
        await ExecuteAsync($"DELETE FROM {Table("sip_cases")} WHERE id = {Id(c.Id)}");

        var found = await s.Workflow.VerifyStoreAsync(store.Checkpoint, Ct);
        found.Problems.Should().ContainSingle().Which.Should().Match<SipStoreProblem>(p => p.CaseId == c.Id && p.Finding == SipAuditFinding.Missing);
        found.Checkpoint.Anchors.Should().NotContain(a => a.CaseId == c.Id);
        (await s.Workflow.VerifyAgainstCheckpointAsync(c.Id, caseCheckpoint, Ct)).Finding.Should().Be(SipAuditFinding.Missing);
    }

    [Fact]
    public async Task A_tombstone_written_by_hand_to_delete_a_case_through_the_purge_path_is_found_when_an_audit_key_is_set()
    {
        var store = Store();
        var time = new FakeTimeProvider(SipTestData.Start);
        var s = new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { AuditKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)], Access = SipTestAccess.DefaultWithUnattributedReads }, time), store, time);
        var c = await s.ReadyToSummonAsync();
        var checkpoint = await s.Workflow.VerifyStoreAsync(cancellationToken: Ct);
        var forged = new SipTombstone
        {
            CaseId = c.Id, PurgedAt = time.GetUtcNow(), Actor = s.Actor, RecordKind = SipRecordKind.SocialServices, RetentionYears = 5,
            LegalBasis = "16 kap. 1 § socialtjänstlagen (2025:400)", LastEntry = new DateOnly(2020, 1, 1), LastVersion = c.Version,
            LastHeadHash = c.HistoryHead!, AuditKeyId = "1", Hash = new string('0', 64),
        };

        // With a tombstone in place the triggers allow the deletion: the seal is what finds the forgery.
        await ExecuteAsync($"INSERT INTO {Table("sip_tombstones")} (case_id, purged_at, last_version, hash, document) VALUES " +
            $"({Id(c.Id)}, {TombstoneTimeSql(forged.PurgedAt)}, {c.Version}, {Quote(forged.Hash)}, {Quote(SipJson.SerializeTombstone(forged))})");
        await ExecuteAsync($"DELETE FROM {Table("sip_events")} WHERE case_id = {Id(c.Id)}");
        await ExecuteAsync($"DELETE FROM {Table("sip_cases")} WHERE id = {Id(c.Id)}");

        var found = await s.Workflow.VerifyStoreAsync(checkpoint.Checkpoint, Ct);
        found.Problems.Should().Contain(p => p.CaseId == c.Id && p.Finding == SipAuditFinding.TombstoneNotValid);
    }

    /// <summary>How the tombstones table's <c>purged_at</c> column is written in SQL text.</summary>
    protected abstract string TombstoneTimeSql(DateTimeOffset at);

    [Fact]
    public async Task A_deadline_cleared_outside_the_library_is_found_by_store_verification_without_anyone_reading_the_case()
    {
        var (s, _, c) = await TwoVersionsAsync();
        await ExecuteAsync($"UPDATE {Table("sip_cases")} SET next_deadline = NULL WHERE id = {Id(c.Id)}");

        var found = await s.Workflow.VerifyStoreAsync(cancellationToken: Ct);

        found.Problems.Should().ContainSingle().Which.Should().Match<SipStoreProblem>(p => p.CaseId == c.Id && p.Finding == SipAuditFinding.RowMismatch);
        found.CasesVerified.Should().Be(2, "the scenario's first case and this one");
    }

    private enum Tamper
    {
        EditEvent,
        EditCase,
        EditColumn,
        DeleteEarlierEvent,
        DeleteNewestEvent,
        InsertEvent,
        RollBack,
        DeleteCase,
    }

    [Fact]
    public async Task Random_single_edits_deletions_insertions_and_rollbacks_of_stored_rows_are_all_found_against_the_last_checkpoint()
    {
        var (s, _) = await ScenarioAsync();
        await ExecuteAsync(DropGuardsSql());
        var random = new Random(20261124);
        var kinds = Enum.GetValues<Tamper>();
        for (var round = 0; round < 24; round++)
        {
            var (_, before, after) = await TwoVersionsAsync(s);
            var checkpoint = (await s.Workflow.VerifyStoreAsync(cancellationToken: Ct)).Checkpoint;
            var kind = kinds[round < kinds.Length ? round : random.Next(kinds.Length)];
            var sequence = random.Next(1, (int)after.Version);
            var where = $"case_id = {Id(after.Id)} AND sequence = {sequence}";
            switch (kind)
            {
                case Tamper.EditEvent:
                    await ExecuteAsync(SetJsonSql(Table("sip_events"), "document", random.Next(2) == 0 ? ["actor", "userId"] : ["eventType"], "forged", where));
                    break;
                case Tamper.EditCase:
                    await ExecuteAsync(SetJsonSql(Table("sip_cases"), "document", ["case", "individual", "reference"], "someone-else", $"id = {Id(after.Id)}"));
                    break;
                case Tamper.EditColumn:
                    string[] columns = ["state = 0", "next_deadline = NULL", "subject_ref = 'someone-else'", "version = version + 1"];
                    await ExecuteAsync($"UPDATE {Table("sip_cases")} SET {columns[random.Next(columns.Length)]} WHERE id = {Id(after.Id)}");
                    break;
                case Tamper.DeleteEarlierEvent:
                    await ExecuteAsync($"DELETE FROM {Table("sip_events")} WHERE {where}");
                    break;
                case Tamper.DeleteNewestEvent:
                    await ExecuteAsync($"DELETE FROM {Table("sip_events")} WHERE case_id = {Id(after.Id)} AND sequence = {after.Version}");
                    break;
                case Tamper.InsertEvent:
                    await ExecuteAsync(
                        $"INSERT INTO {Table("sip_events")} (case_id, sequence, command_id, event_type, occurred_at, hash, document) " +
                        $"SELECT case_id, sequence + 1, NULL, event_type, occurred_at, hash, document FROM {Table("sip_events")} " +
                        $"WHERE case_id = {Id(after.Id)} AND sequence = {after.Version}");
                    break;
                case Tamper.RollBack:
                    await SetBackAsync(before);
                    break;
                case Tamper.DeleteCase:
                    await ExecuteAsync($"DELETE FROM {Table("sip_events")} WHERE case_id = {Id(after.Id)}");
                    await ExecuteAsync($"DELETE FROM {Table("sip_cases")} WHERE id = {Id(after.Id)}");
                    break;
            }

            var found = await s.Workflow.VerifyStoreAsync(checkpoint, Ct);
            found.Problems.Should().Contain(p => p.CaseId == after.Id, $"round {round}: {kind} (event {sequence}) must be found");
        }
    }
}
