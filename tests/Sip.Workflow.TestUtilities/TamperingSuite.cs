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

    /// <summary>How a case id is written in SQL text.</summary>
    protected virtual string Id(SipCaseId caseId) => $"'{caseId.Value:D}'";

    private async Task<(SipScenario Scenario, SipCase Case)> ScenarioAsync()
    {
        var store = Store();
        var time = new FakeTimeProvider(SipTestData.Start);
        var s = new SipScenario(new SipWorkflow(store, new SipWorkflowOptions(), time), store, time);
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
}
