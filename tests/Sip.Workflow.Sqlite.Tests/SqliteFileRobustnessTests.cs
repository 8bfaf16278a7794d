using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Sqlite.Tests;

/// <summary>
/// What the SQLite store leaves in its file when it ends, and what it does with a file it may not write, a file damaged
/// under it and a file cut short: refuse with a <see cref="SipStorageException"/> that says which, and change nothing.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SqliteFileRobustnessTests : IDisposable
{
    private const UnixFileMode ReadOnlyFile = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ReadOnlyFolder = ReadOnlyFile | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly TempDatabase _db = new();
    private readonly List<(string Path, UnixFileMode Mode)> _restore = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        // A folder left read-only could not be removed by an ordinary user.
        GiveBackWriteAccess();
        _db.Dispose();
    }

    private static string Fingerprint(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A database holding <paramref name="count"/> cases, written by a store that has been disposed, so it is all in the file.</summary>
    private static async Task<List<(SipCase Case, SipEvent Event)>> ClosedDatabaseAsync(string path, int count = 1)
    {
        await using var store = new SqliteSipCaseStore(path);
        var cases = new List<(SipCase, SipEvent)>();
        for (var i = 0; i < count; i++)
        {
            cases.Add(await StoreData.CreateAsync(store));
        }

        return cases;
    }

    private static async Task<long> CountEventsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var count = new SqliteCommand("SELECT count(*) FROM sip_events;", connection);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }

    private void MakeReadOnly(string path, UnixFileMode mode)
    {
        _restore.Add((path, File.GetUnixFileMode(path)));
        File.SetUnixFileMode(path, mode);
    }

    private void GiveBackWriteAccess()
    {
        foreach (var (path, mode) in _restore)
        {
            File.SetUnixFileMode(path, mode);
        }

        _restore.Clear();
    }

    /// <summary>
    /// Whether the operating system now stops this process writing the file (or creating one in the folder): it does not
    /// for root, whom file modes do not bind.
    /// </summary>
    private static bool WritesAreRefused(string fileOrFolder)
    {
        try
        {
            if (Directory.Exists(fileOrFolder))
            {
                var probe = Path.Combine(fileOrFolder, "probe");
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
            }
            else
            {
                File.OpenHandle(fileOrFolder, FileMode.Open, FileAccess.Write).Dispose();
            }

            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

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

    [Theory]
    [InlineData("folder")]
    [InlineData("file")]
    public async Task A_database_the_store_may_not_write_refuses_writes_with_a_storage_error_that_says_read_only_and_is_left_untouched(string readOnly)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_db.Folder, "data")).FullName;
        var path = Path.Combine(folder, "sip.db");
        var (stored, storedEvent) = (await ClosedDatabaseAsync(path))[0];
        var before = Fingerprint(path);
        var target = readOnly == "folder" ? folder : path;
        MakeReadOnly(target, readOnly == "folder" ? ReadOnlyFolder : ReadOnlyFile);

        // Root writes whatever the file modes say (as CI containers often run); a read-only connection to the same file is
        // the nearest such a test can get: SQLite refuses every write on it as it would on a file it may not write.
        var enforced = WritesAreRefused(target);
        var connectionString = enforced ? $"Data Source={path}" : $"Data Source={path};Mode=ReadOnly";
        await using (var raw = new SqliteConnection(connectionString + ";Pooling=False"))
        {
            await raw.OpenAsync(Ct);
            await using var write = new SqliteCommand("CREATE TABLE probe (x);", raw);
            var probe = () => write.ExecuteNonQueryAsync(Ct);
            (await probe.Should().ThrowAsync<SqliteException>("the scenario must be real: SQLite may not write here"))
                .Which.SqliteErrorCode.Should().Be(8);
        }

        var store = new SqliteSipCaseStore(new SqliteStoreOptions { ConnectionString = connectionString });
        var create = () => StoreData.CreateAsync(store);
        (await create.Should().ThrowAsync<SipStorageException>()).WithMessage("*is read-only*write access*");
        var (next, nextEvent) = StoreData.Next(stored, storedEvent);
        var update = () => store.UpdateAsync(next, 1, nextEvent, Ct);
        (await update.Should().ThrowAsync<SipStorageException>()).WithMessage("*is read-only*write access*");
        if (readOnly == "folder" && enforced)
        {
            // SQLite cannot create the -wal and -shm files beside the database, which even reading needs.
            var read = () => store.GetAsync(stored.Id, Ct);
            (await read.Should().ThrowAsync<SipStorageException>()).WithMessage("*read-only*folder*");
        }
        else
        {
            (await store.GetAsync(stored.Id, Ct)).Should().BeEquivalentTo(stored);
        }

        await store.DisposeAsync();
        Fingerprint(path).Should().Be(before);

        // SQLite reads a WAL database only with its -shm file, which it could not create in the read-only folder.
        GiveBackWriteAccess();
        (await CountEventsAsync(path)).Should().Be(1, "no write reached the database file or its WAL");
    }

    [Fact]
    public async Task A_read_only_empty_file_that_still_needs_its_schema_is_refused_with_a_storage_error_and_stays_empty()
    {
        var path = _db.PathOf();
        await File.WriteAllBytesAsync(path, [], Ct);
        MakeReadOnly(path, ReadOnlyFile);
        var connectionString = WritesAreRefused(path) ? $"Data Source={path}" : $"Data Source={path};Mode=ReadOnly";
        await using var store = new SqliteSipCaseStore(new SqliteStoreOptions { ConnectionString = connectionString });

        var act = () => store.InitializeAsync(Ct);

        (await act.Should().ThrowAsync<SipStorageException>()).WithMessage("*is read-only*left untouched*write access*");
        new FileInfo(path).Length.Should().Be(0);
    }

    /// <summary>Overwrites the file from <paramref name="from"/> on (or its header, from 0) as a failing disk or another program might.</summary>
    private static void Damage(string path, int from)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Position = from;
        file.Write(Enumerable.Repeat((byte)0xA5, from == 0 ? 100 : (int)file.Length - from).ToArray());
    }

    [Fact]
    public async Task A_database_whose_pages_are_overwritten_while_the_store_has_it_open_is_refused_by_every_read_and_write_and_changed_no_further()
    {
        var path = _db.PathOf();
        var cases = await ClosedDatabaseAsync(path, count: 30);
        await using var store = new SqliteSipCaseStore(path);
        var (first, firstEvent) = cases[0];
        (await store.GetAsync(first.Id, Ct)).Should().BeEquivalentTo(first, "the store has the intact file open");
        Damage(path, from: 4096); // every page after the first, where the tables are
        var damaged = Fingerprint(path);

        var reads = new Func<Task>[]
        {
            () => store.GetAsync(cases[1].Case.Id, Ct),
            () => store.GetHistoryAsync(cases[2].Case.Id, Ct),
            () => store.FindByCommandIdAsync(CommandId.New(), Ct),
            () => store.QueryAsync(new SipCaseQuery(), Ct),
        };
        // A call that meets the damage on a connection already open says nothing was changed; one that has to open a new
        // connection first (the pool decides which) says the file was left untouched. Both say it, and the fingerprint below proves it.
        static void SaysCorruptAndUnchanged(SipStorageException refused, string unchanged)
        {
            refused.Message.Should().Contain("is corrupt").And.Contain("backup");
            (refused.Message.Contains(unchanged, StringComparison.Ordinal) || refused.Message.Contains("left untouched", StringComparison.Ordinal))
                .Should().BeTrue($"the refusal says nothing changed: {refused.Message}");
        }

        foreach (var read in reads)
        {
            SaysCorruptAndUnchanged((await read.Should().ThrowAsync<SipStorageException>()).Which, "Nothing was changed");
        }

        var (next, nextEvent) = StoreData.Next(first, firstEvent);
        var writes = new Func<Task>[] { () => StoreData.CreateAsync(store), () => store.UpdateAsync(next, 1, nextEvent, Ct) };
        foreach (var write in writes)
        {
            SaysCorruptAndUnchanged((await write.Should().ThrowAsync<SipStorageException>()).Which, "Nothing was saved");
        }

        Fingerprint(path).Should().Be(damaged);
        new FileInfo(path + "-wal").Length.Should().Be(0, "no failed write left a page in the WAL");
    }

    [Fact]
    public async Task A_database_whose_header_is_overwritten_while_the_store_has_it_open_is_refused_by_each_call_that_reads_it_and_changed_no_further()
    {
        var path = _db.PathOf();
        var (stored, storedEvent) = (await ClosedDatabaseAsync(path))[0];
        await using var store = new SqliteSipCaseStore(path);
        (await store.GetAsync(stored.Id, Ct)).Should().BeEquivalentTo(stored, "the store has the intact file open");
        Damage(path, from: 0);
        var damaged = Fingerprint(path);

        // The connection that read before keeps the pages it cached; the calls below read the header afresh.
        var (next, nextEvent) = StoreData.Next(stored, storedEvent);
        var calls = new Func<Task>[]
        {
            () => store.GetHistoryAsync(stored.Id, Ct),
            () => store.QueryAsync(new SipCaseQuery(), Ct),
            () => StoreData.CreateAsync(store),
            () => store.UpdateAsync(next, 1, nextEvent, Ct),
        };
        foreach (var call in calls)
        {
            (await call.Should().ThrowAsync<SipStorageException>()).WithMessage("*is not a SQLite database*backup*");
        }

        Fingerprint(path).Should().Be(damaged);
        new FileInfo(path + "-wal").Length.Should().Be(0, "no failed write left a page in the WAL");
    }

    [Theory]
    [InlineData(1)] // SQLite itself takes a file of one byte for an empty one
    [InlineData(100)] // the header alone
    [InlineData(4096)] // the first page alone
    public async Task A_database_cut_short_is_refused_and_left_byte_for_byte_unchanged_until_it_is_emptied(int length)
    {
        var path = _db.PathOf();
        await ClosedDatabaseAsync(path, count: 30);
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(length);
        }

        var before = Fingerprint(path);
        var store = new SqliteSipCaseStore(path);
        var calls = new Func<Task>[] { () => store.InitializeAsync(Ct), () => store.GetAsync(SipCaseId.New(), Ct), () => StoreData.CreateAsync(store) };
        foreach (var call in calls)
        {
            (await call.Should().ThrowAsync<SipStorageException>()).WithMessage("*left untouched*");
        }

        await store.DisposeAsync();
        Fingerprint(path).Should().Be(before);
        File.Exists(path + "-wal").Should().BeFalse();

        // A file with no bytes at all is a new database, as SQLite has it: what a host gets when it creates the file first.
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(0);
        }

        await using var emptied = new SqliteSipCaseStore(path);
        var (created, _) = await StoreData.CreateAsync(emptied);
        (await emptied.GetAsync(created.Id, Ct)).Should().BeEquivalentTo(created);
    }

    [Theory]
    [InlineData(8, 8, "*is read-only*the file may not be written*")]
    [InlineData(8, 1544, "*is read-only*folder may not be written*")]
    [InlineData(10, 10, "*I/O error*")] // not produced by the tests above: a failing disk
    [InlineData(11, 11, "*is corrupt*")]
    [InlineData(13, 13, "*disk is full*")] // nor this one
    [InlineData(14, 14, "*could not be opened*")]
    [InlineData(26, 26, "*is not a SQLite database*")]
    public void Each_SQLite_error_of_the_file_becomes_a_storage_error_that_names_it_and_says_what_became_of_the_data(int code, int extended, string problem)
    {
        using var store = new SqliteSipCaseStore(_db.PathOf());
        var error = new SqliteException("SQLite's own text", code, extended);

        (string Outcome, SqliteSipCaseStore.SqliteStage Stage)[] stages =
        [
            ("*It was left untouched.*", SqliteSipCaseStore.SqliteStage.Opening),
            ("*Nothing was changed.*", SqliteSipCaseStore.SqliteStage.Reading),
            ("*Nothing was saved.*", SqliteSipCaseStore.SqliteStage.Writing),
            ("*may or may not have been saved*same CommandId*", SqliteSipCaseStore.SqliteStage.Committing),
        ];
        foreach (var (outcome, stage) in stages)
        {
            var translated = store.Translate(error, stage).Should().BeOfType<SipStorageException>().Which;
            translated.Message.Should().Match(problem).And.Match(outcome).And.Contain($"SQLite error {code}").And.NotContain("SQLite's own text");
            translated.InnerException.Should().BeSameAs(error);
        }
    }

    [Theory]
    [InlineData(1, "*migrated to schema version*by a newer Sip.Workflow while this store had it open*Nothing was saved*upgrade*")]
    [InlineData(-1, "*schema version*older than*while this store had it open*Nothing was saved*")]
    public async Task A_write_after_the_file_changed_schema_version_under_the_open_store_is_refused_and_saves_nothing(int change, string message)
    {
        var path = _db.PathOf();
        await using var store = new SqliteSipCaseStore(path);
        var (stored, storedEvent) = await StoreData.CreateAsync(store);
        await using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            // What another node's store does when it migrates the file, or what putting back an old schema does.
            await other.OpenAsync(Ct);
            await using var migrate = new SqliteCommand($"PRAGMA user_version = {SqliteSchema.CurrentVersion + change};", other);
            await migrate.ExecuteNonQueryAsync(Ct);
        }

        var (next, nextEvent) = StoreData.Next(stored, storedEvent);
        var update = () => store.UpdateAsync(next, 1, nextEvent, Ct);
        var create = () => StoreData.CreateAsync(store);

        (await update.Should().ThrowAsync<SipStorageException>()).WithMessage(message);
        (await create.Should().ThrowAsync<SipStorageException>()).WithMessage(message);
        (await CountEventsAsync(path)).Should().Be(1, "neither write saved anything");
    }
}

