using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Storage;

/// <summary>
/// The open deadlines sealed with a case (<see cref="SipCase.OpenDeadlines"/>) are stored in its document by each rule's
/// code and due time, read back as the catalogue's rules, hashed with the case, and a rule this release does not know
/// leaves them unknown rather than the case unreadable.
/// </summary>
public sealed class OpenDeadlinesDocumentTests
{
    private static async Task<SipCase> FollowedUpAsync() => await new SipScenario().FollowedUpAsync();

    [Fact]
    public async Task A_case_stores_its_open_deadlines_by_code_and_due_time_and_reads_them_back_as_the_catalogues_rules()
    {
        var c = await FollowedUpAsync();
        c.OpenDeadlines.Should().NotBeNullOrEmpty();

        var json = SipJson.SerializeCase(c);
        var first = c.OpenDeadlines![0];
        json.Should().Contain($"\"openDeadlines\":[{{\"requirement\":\"{first.Requirement.Code}\",\"dueAt\":");
        json.Should().NotContain(first.Requirement.SwedishText, "a rule's texts and citations are not stored with every case");

        var read = SipJson.DeserializeCase(json);
        read.OpenDeadlines.Should().Equal(c.OpenDeadlines);
        read.OpenDeadlines!.Select(d => d.Requirement).Should().AllSatisfy(r => SipRequirements.All.Should().Contain(r));
        SipAuditChain.ComputeCaseHash(read).Should().Be(SipAuditChain.ComputeCaseHash(c));
    }

    [Theory]
    [InlineData("\"requirement\":\"DEADLINE-OF-A-LATER-RELEASE\"")]
    [InlineData("\"requirement\":\"{0}\",\"movedBy\":{{\"days\":3}}")]
    public async Task A_rule_or_member_this_release_does_not_know_leaves_the_open_deadlines_unknown_and_the_case_readable(string written)
    {
        var c = await FollowedUpAsync();
        var code = c.OpenDeadlines![0].Requirement.Code;
        var json = SipJson.SerializeCase(c).Replace($"\"requirement\":\"{code}\"", string.Format(System.Globalization.CultureInfo.InvariantCulture, written, code), StringComparison.Ordinal);

        var read = SipJson.DeserializeCase(json);

        read.OpenDeadlines.Should().BeNull();
        read.Id.Should().Be(c.Id);
        read.PlanRevisions.Should().Equal(c.PlanRevisions);
    }

    [Theory]
    [InlineData("[{\"requirement\":\"DEADLINE-START\"}]")]
    [InlineData("[{\"dueAt\":\"2026-03-02T08:00:00+00:00\"}]")]
    [InlineData("[{\"requirement\":\"DEADLINE-START\",\"dueAt\":\"in a while\"}]")]
    [InlineData("[{\"requirement\":\"DEADLINE-START\",\"dueAt\":\"Anna Andersson 19121212-1212\"}]")]
    [InlineData("[null]")]
    [InlineData("[{\"requirement\":7,\"dueAt\":\"2026-03-02T08:00:00+00:00\"}]")]
    [InlineData("[\"DEADLINE-START\"]")]
    [InlineData("{\"requirement\":\"DEADLINE-START\",\"dueAt\":\"2026-03-02T08:00:00+00:00\"}")]
    public async Task Open_deadlines_in_any_other_form_are_refused_without_echoing_the_document(string stored)
    {
        var c = await FollowedUpAsync();
        var json = SipJson.SerializeCase(c);
        var start = json.IndexOf("\"openDeadlines\":", StringComparison.Ordinal) + "\"openDeadlines\":".Length;
        var end = json.IndexOf(']', start) + 1;
        var damaged = json[..start] + stored + json[end..];

        var read = () => SipJson.DeserializeCase(damaged);

        var refused = read.Should().Throw<SipStorageException>().Which;
        refused.Message.Should().Match(m => m.Contains("open deadlines") || m.Contains("openDeadlines"), "it names the member").And.NotContain("Anna").And.NotContain("19121212");
    }
}
