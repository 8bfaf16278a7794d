using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>Rows changed behind a running SQLite store's back by someone who can write to the file.</summary>
public sealed class SqliteTamperingTests : TamperingSuite, IAsyncDisposable
{
    private readonly TempDatabase _db = new();
    private readonly List<SqliteSipCaseStore> _stores = [];

    protected override ISipCaseStore Store()
    {
        var store = new SqliteSipCaseStore(_db.PathOf());
        _stores.Add(store);
        return store;
    }

    protected override Task ExecuteAsync(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_db.PathOf()};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    protected override string Table(string name) => name;

    protected override Task RebuildAccessKeysAsync(ISipCaseStore store) => ((SqliteSipCaseStore)store).RebuildAccessKeysAsync(TestContext.Current.CancellationToken);

    protected override string EditDocumentSql(SipCaseId caseId)
        => $"UPDATE sip_cases SET document = json_set(document, '$.case.meetings[0].place', 'Någon annanstans') WHERE id = '{caseId.Value:D}'";

    protected override string DropGuardsSql()
        => "DROP TRIGGER IF EXISTS sip_events_no_update; DROP TRIGGER IF EXISTS sip_events_no_delete; DROP TRIGGER IF EXISTS sip_cases_no_delete;";

    protected override string SetJsonSql(string table, string column, string[] path, string value, string where)
        => $"UPDATE {table} SET {column} = json_set({column}, '${string.Concat(path.Select(p => p.All(char.IsAsciiDigit) ? $"[{p}]" : $".{p}"))}', '{value}') WHERE {where}";

    // The SQLite store keeps the elements of a case's growing lists as rows of their own.
    protected override string SetListElementSql(SipCaseId caseId, string list, int position, string[] path, string value)
        => SipCaseItems.Lists.Contains(list)
            ? SetJsonSql("sip_case_items", "document", path, value, $"case_id = '{caseId.Value:D}' AND list = '{list}' AND position = {position}")
            : base.SetListElementSql(caseId, list, position, path, value);

    // The head and the items exactly as the store writes them.
    protected override string RowSql(SipCase sipCase)
    {
        var index = SipCaseIndex.Of(sipCase);
        var id = $"'{sipCase.Id.Value:D}'";
        var items = SipCaseItems.Changes(null, sipCase).Write;
        var sql = new System.Text.StringBuilder(
            $"UPDATE sip_cases SET version = {index.Version}, state = {(int)index.State}, subject_ref = {Quote(index.Subject)}, " +
            $"lead_principal = {Literal(index.LeadPrincipal is { } l ? (int)l : null)}, lead_org = {(index.LeadOrganisation is { } o ? Quote(o) : "NULL")}, " +
            $"next_deadline = {Literal(index.NextDeadlineUtcTicks)}, item_count = {items.Count}, history_head = {(sipCase.HistoryHead is { } h ? Quote(h) : "NULL")}, " +
            $"document = {Quote(System.Text.Encoding.UTF8.GetString(SipCaseItems.SerializeHeadToUtf8Bytes(sipCase)))} WHERE id = {id}; " +
            $"DELETE FROM sip_case_items WHERE case_id = {id};");
        foreach (var item in items)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" INSERT INTO sip_case_items (case_id, list, position, document) VALUES ({id}, '{item.List}', {item.Position}, {Quote(System.Text.Encoding.UTF8.GetString(item.Json.Span))});");
        }

        return sql.ToString();
    }

    protected override string TombstoneTimeSql(DateTimeOffset at) => at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_document_edited_at_the_same_version_is_never_sealed_into_history_by_the_next_command()
    {
        // A command trusts the case this store wrote while the row keeps its version and columns (GetForCommandAsync);
        // reads for anyone else and verification read what is stored, and a command on a case read from its document first
        // checks it against the newest event.
        var store = (SqliteSipCaseStore)Store();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SipTestData.Start);
        var s = new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { Access = SipTestAccess.DefaultWithUnattributedReads }, time), store, time);
        var c = await s.ReadyToSummonAsync();
        var place = c.Meetings[0].Place;
        await ExecuteAsync(EditDocumentSql(c.Id));

        (await s.Workflow.GetCaseAsync(c.Id, TestContext.Current.CancellationToken))!.Meetings[0].Place.Should().Be("Någon annanstans");
        (await s.Workflow.VerifyHistoryAsync(c.Id, TestContext.Current.CancellationToken)).IsIntact.Should().BeFalse();

        // GetAsync above read the edited document and remembered it: the command meets the edit, and refuses it rather than
        // seal it into history; nothing is written.
        var launder = () => s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, TestContext.Current.CancellationToken);
        (await launder.Should().ThrowAsync<SipStorageException>()).WithMessage($"*{c.Id}*changed outside Sip.Workflow*does not match what its newest event recorded*");
        (await store.GetHistoryAsync(c.Id, TestContext.Current.CancellationToken)).Should().HaveCount((int)c.Version);

        // Restored from a backup (the place put back): the remembered edit is read afresh and the step is taken.
        await ExecuteAsync(SetJsonSql("sip_cases", "document", ["case", "meetings", "0", "place"], place!, $"id = '{c.Id.Value:D}'"));
        var summoned = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, TestContext.Current.CancellationToken)).Case;

        // After it, the store's memory is its own write, and a second edit at that version is what the next command meets:
        // it runs on the engine's own case, and its save replaces the edit.
        await ExecuteAsync(SetJsonSql("sip_cases", "document", ["case", "meetings", "0", "place"], "Tredje stället", $"id = '{c.Id.Value:D}'"));
        var next = (await s.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = true }, TestContext.Current.CancellationToken)).Case;

        next.Meetings[0].Place.Should().Be(summoned.Meetings[0].Place, "the command ran on the case the store wrote, not on the edit")
            .And.NotBe("Tredje stället");
        (await s.Workflow.GetCaseAsync(c.Id, TestContext.Current.CancellationToken))!.Meetings[0].Place.Should().Be(summoned.Meetings[0].Place);
        (await s.Workflow.VerifyHistoryAsync(c.Id, TestContext.Current.CancellationToken)).IsIntact.Should().BeTrue();
        place.Should().NotBe("Någon annanstans");
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
