using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Access;

public sealed class AccessLogExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_export_pages_through_every_selected_record_as_csv_and_keeps_formulas_as_text()
    {
        var store = new InMemorySipCaseStore();
        var caseId = SipCaseId.New();
        var other = SipCaseId.New();
        var actor = SipTestData.FixedCareContact with { OrganisationId = "SE2321000-0001-VCS", HsaId = "SE2321000016-15CQ" };
        foreach (var (id, reason) in new[] { (caseId, "vård"), (other, "annat"), (caseId, "=HYPERLINK(\"x\")"), (caseId, null), (caseId, "säger \"hej\"") })
        {
            await store.AppendAccessAsync(new SipAccessRecord
            {
                CaseId = id, At = SipTestData.Start, Actor = actor, Action = SipAccessAction.ReadHistory, Reason = reason, Allowed = reason is not null, Rule = SipAccessRuleNames.ParticipatingOrganisation,
            }, Ct);
        }

        using var csv = new StringWriter();
        var written = await SipAccessLogExport.WriteCsvAsync(store, new SipAccessLogQuery { CaseId = caseId, MaxCount = 2 }, csv, Ct);

        written.Should().Be(4);
        var lines = csv.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be(SipAccessLogExport.Header);
        lines.Should().HaveCount(5);
        lines[1].Should().Be($"1,{caseId},2026-03-02T08:00:00.0000000Z,\"hsa-vc-1001\",\"Vårdcentralen Söder\",\"SE2321000-0001-VCS\",\"fast vårdkontakt\",\"SE2321000016-15CQ\",ReadHistory,\"vård\",true,\"ParticipatingOrganisation\"");
        lines[2].Should().Contain(",\"'=HYPERLINK(\"\"x\"\")\",", "a formula is kept as text and quotes are doubled");
        lines[3].Should().Contain(",ReadHistory,,false,");
        lines[4].Should().Contain("\"säger \"\"hej\"\"\"");
        lines.Should().NotContain(l => l.Contains(other.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_export_refuses_a_missing_argument_naming_it()
    {
        var store = new InMemorySipCaseStore();
        using var csv = new StringWriter();

        (await FluentActions.Awaiting(() => SipAccessLogExport.WriteCsvAsync(null!, new SipAccessLogQuery(), csv, Ct)).Should().ThrowAsync<ArgumentNullException>()).WithParameterName("log");
        (await FluentActions.Awaiting(() => SipAccessLogExport.WriteCsvAsync(store, null!, csv, Ct)).Should().ThrowAsync<ArgumentNullException>()).WithParameterName("query");
        (await FluentActions.Awaiting(() => SipAccessLogExport.WriteCsvAsync(store, new SipAccessLogQuery(), null!, Ct)).Should().ThrowAsync<ArgumentNullException>()).WithParameterName("writer");
        csv.ToString().Should().BeEmpty();
    }
}
