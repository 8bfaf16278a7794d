using Microsoft.Data.Sqlite;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>Real OS processes writing one database file: no lost update, and nothing acknowledged lost to a SIGKILL.</summary>
public sealed class MultiProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly TempDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    private static async Task<SipCaseId> OpenCaseAsync(string path)
    {
        var workflow = new SipWorkflow(new SqliteSipCaseStore(path));
        var opened = await workflow.OpenCaseAsync(new OpenCase
        {
            Actor = SipTestData.FixedCareContact, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
        }, Ct);
        return opened.Case.Id;
    }

    private static async Task<(SipCase Case, IReadOnlyList<SipEvent> History)> ReadAsync(string path, SipCaseId id)
    {
        SqliteConnection.ClearAllPools();
        var store = new SqliteSipCaseStore(path);
        return ((await store.GetAsync(id))!, await store.GetHistoryAsync(id));
    }

    private static async Task<HashSet<string>> LoggedReasonsAsync(string path, SipCaseId id)
    {
        SqliteConnection.ClearAllPools();
        ISipAccessLogStore log = new SqliteSipCaseStore(path);
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        for (long after = 0; ;)
        {
            var page = await log.ReadAccessLogAsync(new SipAccessLogQuery { CaseId = id, AfterSequence = after, MaxCount = 1000 }, Ct);
            if (page.Count == 0)
            {
                return reasons;
            }

            reasons.UnionWith(page.Select(r => r.Reason!));
            after = page[^1].Sequence;
        }
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Two_processes_writing_one_case_lose_no_update_and_apply_each_acknowledged_command_once()
    {
        var path = _db.PathOf();
        var id = await OpenCaseAsync(path);
        const int perWriter = 40;

        using var first = new WriterProcess("sqlite:" + path, id, perWriter, "writer-a");
        using var second = new WriterProcess("sqlite:" + path, id, perWriter, "writer-b");
        (await first.WaitForExitAsync(Patience)).Should().Be(0, first.Errors);
        (await second.WaitForExitAsync(Patience)).Should().Be(0, second.Errors);

        var acknowledged = first.Acknowledged.Concat(second.Acknowledged).ToList();
        acknowledged.Should().HaveCount(2 * perWriter).And.OnlyHaveUniqueItems();
        var (sipCase, history) = await ReadAsync(path, id);
        sipCase.Version.Should().Be(1 + (2 * perWriter), "every acknowledged command is one version: none was lost");
        history.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 1 + (2 * perWriter)).Select(i => (long)i));
        history.Where(e => e.CommandId is not null).Select(e => e.CommandId!.Value).Should().BeEquivalentTo(acknowledged);
        history.Select(e => e.Actor.UserId).Should().Contain("writer-a").And.Contain("writer-b");
        SipAuditChain.Verify(history, sipCase).IsIntact.Should().BeTrue();
        sipCase.Deviations.Should().HaveCount(2 * perWriter);
    }

    [Fact]
    public async Task A_reader_following_the_feed_while_two_processes_write_reads_every_acknowledged_event_once_in_position_order()
    {
        var path = _db.PathOf();
        var id = await OpenCaseAsync(path);
        const int perWriter = 40;
        var reader = new SqliteSipCaseStore(path);
        var read = new List<SipFeedEntry>();

        using var first = new WriterProcess("sqlite:" + path, id, perWriter, "writer-a");
        using var second = new WriterProcess("sqlite:" + path, id, perWriter, "writer-b");
        var writers = Task.WhenAll(first.WaitForExitAsync(Patience), second.WaitForExitAsync(Patience));

        // Resumes from the last position read, a small page at a time, as a subscriber does, while the writers run.
        async Task CatchUpAsync()
        {
            for (IReadOnlyList<SipFeedEntry> page; (page = await reader.ReadFeedAsync(read.Count == 0 ? 0 : read[^1].Position, 7, Ct)).Count > 0;)
            {
                read.AddRange(page);
            }
        }

        while (!writers.IsCompleted)
        {
            await CatchUpAsync();
            await Task.Delay(5, Ct);
        }

        (await writers).Should().AllBeEquivalentTo(0, first.Errors + second.Errors);
        await CatchUpAsync();

        read.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        var commandIds = read.Select(e => e.Event!.CommandId).OfType<CommandId>().ToList();
        commandIds.Should().BeEquivalentTo(first.Acknowledged.Concat(second.Acknowledged), "every acknowledged command's event is read, and only once");
        read.Should().HaveCount(1 + (2 * perWriter), "the opening event and one per command, nothing more");
    }

    [Fact]
    public async Task A_writer_killed_mid_stream_loses_no_acknowledged_command_and_leaves_an_intact_database()
    {
        var path = _db.PathOf();
        var id = await OpenCaseAsync(path);
        var acknowledged = new List<CommandId>();

        // SIP_SOAK=1 kills the writer many more times.
        var rounds = Environment.GetEnvironmentVariable("SIP_SOAK") == "1" ? 30 : 3;
        for (var round = 0; round < rounds; round++)
        {
            using var writer = new WriterProcess("sqlite:" + path, id, commands: 0, $"victim-{round}");
            await writer.WaitForAcknowledgementsAsync(15 + (round % 5 * 5), Patience);
            await writer.KillAsync();
            acknowledged.AddRange(writer.Acknowledged);

            IntegrityCheck(path).Should().Be("ok");
            var (sipCase, history) = await ReadAsync(path, id);
            var stored = history.Where(e => e.CommandId is not null).Select(e => e.CommandId!.Value).ToHashSet();
            stored.Should().Contain(acknowledged, "a command the store acknowledged survives the kill");
            (await LoggedReasonsAsync(path, id)).Should().Contain(acknowledged.Select(c => c.ToString()), "a read that was answered is in the access log after the kill");
            history.Should().HaveCount((int)sipCase.Version, "the case and its history were written together");
            SipAuditChain.Verify(history, sipCase).IsIntact.Should().BeTrue();
        }
    }
}
