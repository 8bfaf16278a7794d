using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>What the SQLite store leaves in its file when it ends.</summary>
public sealed class SqliteFileRobustnessTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Disposing_checkpoints_and_closes_the_file_so_a_copy_of_the_database_file_alone_holds_every_case()
    {
        var path = _db.PathOf();
        var store = new SqliteSipCaseStore(path);
        var (first, opening) = await StoreData.CreateAsync(store);
        var (updated, update) = StoreData.Next(first, opening);
        await store.UpdateAsync(updated, 1, update, Ct);
        var (second, _) = await StoreData.CreateAsync(store);

        // Every kind of connection the store opens: the writer, a point-lookup reader and pooled query connections.
        (await store.GetAsync(second.Id, Ct)).Should().NotBeNull();
        (await store.GetHistoryAsync(first.Id, Ct)).Should().HaveCount(2);
        (await store.QueryAsync(new SipCaseQuery(), Ct)).Cases.Should().HaveCount(2);

        await store.DisposeAsync();

        File.Exists(path + "-wal").Should().BeFalse("SQLite removes the WAL only when the last connection to the file has closed");
        var copy = _db.PathOf("copy.db");
        File.Copy(path, copy);
        await using var reopened = new SqliteSipCaseStore(copy);
        (await reopened.GetAsync(first.Id, Ct)).Should().BeEquivalentTo(updated);
        (await reopened.GetAsync(second.Id, Ct)).Should().BeEquivalentTo(second);
        (await reopened.GetHistoryAsync(first.Id, Ct)).Select(e => e.Sequence).Should().Equal(1, 2);

        // Disposing again changes nothing, and a store that never opened its file does not create it when disposed.
        var length = new FileInfo(path).Length;
        store.Dispose();
        new FileInfo(path).Length.Should().Be(length);
        File.Exists(path + "-wal").Should().BeFalse();
        var unused = _db.PathOf("unused.db");
        new SqliteSipCaseStore(unused).Dispose();
        File.Exists(unused).Should().BeFalse();
    }

    [Fact]
    public async Task Disposing_checkpoints_even_while_another_connection_keeps_the_file_and_its_WAL_open()
    {
        var path = _db.PathOf();
        var store = new SqliteSipCaseStore(path);
        var (sipCase, _) = await StoreData.CreateAsync(store);
        await using var other = new SqliteConnection($"Data Source={path};Pooling=False");
        await other.OpenAsync(Ct);
        await using (var read = new SqliteCommand("SELECT count(*) FROM sip_cases;", other))
        {
            // SQLite opens a file lazily: only a connection that has read from it keeps its WAL in use.
            (await read.ExecuteScalarAsync(Ct)).Should().Be(1L);
        }

        await store.DisposeAsync();

        new FileInfo(path + "-wal").Length.Should().Be(0, "the store's commits were folded into the database file and the WAL emptied");
        var copy = _db.PathOf("copy.db");
        File.Copy(path, copy);
        await using var reopened = new SqliteSipCaseStore(copy);
        (await reopened.GetAsync(sipCase.Id, Ct)).Should().BeEquivalentTo(sipCase);
    }
}
