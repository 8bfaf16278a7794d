using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite.Tests;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    private static T Scalar<T>(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // The case, event and feed rows with their rowids, as text.
    private static string Rows(string path) => string.Join('\n',
        Scalar<string>(path, "SELECT group_concat(rowid || ':' || id || ':' || version, ',') FROM sip_cases;"),
        Scalar<string>(path, "SELECT group_concat(rowid || ':' || case_id || ':' || sequence || ':' || ifnull(command_id, ''), ',') FROM sip_events;"),
        Scalar<string>(path, "SELECT group_concat(position || ':' || case_id || ':' || sequence, ',') FROM sip_feed;"));

    private static string Fingerprint(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task A_new_file_gets_the_schema_version_the_application_id_and_WAL()
    {
        var path = _db.PathOf();
        await new SqliteSipCaseStore(path).InitializeAsync(Ct);

        Scalar<long>(path, "PRAGMA user_version;").Should().Be(SqliteSchema.CurrentVersion);
        Scalar<long>(path, "PRAGMA application_id;").Should().Be(SqliteSchema.ApplicationId);
        Scalar<string>(path, "PRAGMA journal_mode;").Should().Be("wal");
    }

    [Fact]
    public async Task Opening_the_same_file_again_keeps_its_data()
    {
        var path = _db.PathOf();
        var (c, _) = await StoreData.CreateAsync(new SqliteSipCaseStore(path));
        SqliteConnection.ClearAllPools();

        var reopened = new SqliteSipCaseStore(path);

        (await reopened.GetAsync(c.Id, Ct)).Should().BeEquivalentTo(c);
    }

    [Fact]
    public async Task A_file_at_schema_7_gets_the_history_head_column_and_its_cases_take_commands()
    {
        var path = _db.PathOf();
        var (c, e) = await StoreData.CreateAsync(new SqliteSipCaseStore(path));
        await SqliteDowngrade.ToVersion8Async(path);
        Execute(path, "ALTER TABLE sip_cases DROP COLUMN history_head; PRAGMA user_version = 7;");

        var migrated = new SqliteSipCaseStore(path);
        (await migrated.GetForCommandAsync(c.Id, Ct)).Should().BeEquivalentTo(c);
        var (next, nextEvent) = StoreData.Next(c, e);
        await migrated.UpdateAsync(next, 1, nextEvent, Ct);
        SqliteConnection.ClearAllPools();

        Scalar<long>(path, "PRAGMA user_version;").Should().Be(SqliteSchema.CurrentVersion);
        Scalar<string>(path, $"SELECT history_head FROM sip_cases WHERE id = '{c.Id.Value:D}';").Should().Be(next.HistoryHead);
    }

    [Fact]
    public async Task A_file_created_with_utf16_text_is_refused_untouched()
    {
        // Another tool can create a database whose text is UTF-16; the store's UTF-8 documents would be read as UTF-16 there.
        var path = _db.PathOf();
        Execute(path, "PRAGMA encoding = 'UTF-16le'; PRAGMA user_version = 0; CREATE TABLE scratch (a); DROP TABLE scratch;");
        var before = Fingerprint(path);

        var open = () => new SqliteSipCaseStore(path).InitializeAsync(Ct);

        (await open.Should().ThrowAsync<SipStorageException>()).WithMessage("*UTF-16*UTF-8*left untouched*");
        SqliteConnection.ClearAllPools();
        Fingerprint(path).Should().Be(before);
    }

    [Fact]
    public async Task Cases_stored_before_there_were_access_keys_get_their_keys_when_the_file_is_migrated()
    {
        var path = _db.PathOf();
        var (c, _) = await StoreData.CreateAsync(new SqliteSipCaseStore(path), StoreData.NewCase() with { IdentifyingUnit = SipTestData.PrimaryCareUnit });
        SqliteConnection.ClearAllPools();

        // The file as schema version 5 left it: no key table (and whole documents).
        await SqliteDowngrade.ToVersion6Async(path);
        Execute(path, "DROP TABLE sip_case_access; PRAGMA user_version = 5;");
        var keys = SipCaseAccessKeys.Of(c);
        var migrated = new SqliteSipCaseStore(path);
        var selected = await migrated.QueryAsync(new SipCaseQuery { AccessKeys = keys }, Ct);
        SqliteConnection.ClearAllPools();

        Scalar<long>(path, "PRAGMA user_version;").Should().Be(SqliteSchema.CurrentVersion);
        keys.Should().NotBeEmpty();
        Scalar<long>(path, "SELECT count(*) FROM sip_case_access;").Should().Be(keys.Count);
        selected.Cases.Select(x => x.Id).Should().Equal(c.Id);
        (await migrated.QueryAsync(new SipCaseQuery { AccessKeys = [new string('0', SipCaseAccessKeys.KeyLength)] }, Ct)).Cases.Should().BeEmpty();
    }

    [Fact]
    public async Task A_database_written_by_a_newer_schema_is_refused_and_left_untouched()
    {
        var path = _db.PathOf();
        await new SqliteSipCaseStore(path).InitializeAsync(Ct);
        Execute(path, "PRAGMA user_version = 99;");
        SqliteConnection.ClearAllPools();
        var before = Fingerprint(path);

        var act = () => new SqliteSipCaseStore(path).InitializeAsync(Ct);

        (await act.Should().ThrowAsync<SipStorageException>()).WithMessage("*schema version 99*newer*upgrade*");
        SqliteConnection.ClearAllPools();
        Fingerprint(path).Should().Be(before);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_and_left_untouched()
    {
        var path = _db.PathOf("notes.txt");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("Det här är ingen databas. ", 400)), Ct);
        var before = Fingerprint(path);

        var act = () => new SqliteSipCaseStore(path).GetAsync(SipCaseId.New(), Ct);

        (await act.Should().ThrowAsync<SipStorageException>()).WithMessage("*not a SQLite database*untouched*");
        SqliteConnection.ClearAllPools();
        Fingerprint(path).Should().Be(before);
        File.Exists(path + "-wal").Should().BeFalse();
    }

    [Fact]
    public async Task A_SQLite_database_of_another_application_is_refused_and_left_untouched()
    {
        var path = _db.PathOf("other.db");
        Execute(path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 99.5);");
        var before = Fingerprint(path);

        var act = () => new SqliteSipCaseStore(path).InitializeAsync(Ct);

        (await act.Should().ThrowAsync<SipStorageException>()).WithMessage("*another application*untouched*");
        SqliteConnection.ClearAllPools();
        Fingerprint(path).Should().Be(before);
        Scalar<double>(path, "SELECT amount FROM invoices;").Should().Be(99.5);
    }

    [Fact]
    public async Task A_missing_folder_gives_a_clear_error()
    {
        var path = Path.Combine(_db.Folder, "no-such-folder", "sip.db");

        var act = () => new SqliteSipCaseStore(path).InitializeAsync(Ct);

        (await act.Should().ThrowAsync<SipStorageException>()).WithMessage("*could not be opened*folder exists*");
    }

    [Theory]
    [InlineData("UPDATE sip_events SET event_type = 'Forged';", "append-only: events are never changed")]
    [InlineData("DELETE FROM sip_events;", "append-only: events are removed only by a purge")]
    [InlineData("DELETE FROM sip_cases;", "a case is removed only by a purge")]
    [InlineData("INSERT OR REPLACE INTO sip_events SELECT * FROM sip_events;", "append-only: an event is never replaced")]
    [InlineData("INSERT OR REPLACE INTO sip_cases SELECT * FROM sip_cases;", "a case is never replaced")]
    [InlineData("INSERT OR REPLACE INTO sip_events (rowid, case_id, sequence, command_id, event_type, occurred_at, hash, document) SELECT rowid, case_id, sequence + 1000, command_id, event_type, occurred_at, hash, document FROM sip_events;", "append-only: an event is never replaced")]
    [InlineData("INSERT OR REPLACE INTO sip_cases (rowid, id, version, state, subject_ref, document_version, document) SELECT rowid, 'another-id', version, state, subject_ref, document_version, document FROM sip_cases;", "a case is never replaced")]
    [InlineData("UPDATE OR REPLACE sip_cases SET rowid = rowid + 1;", "a case row keeps its id")]
    [InlineData("UPDATE sip_cases SET id = 'another-id';", "a case row keeps its id")]
    [InlineData("UPDATE OR REPLACE sip_cases SET oid = oid + 1;", "a case row keeps its id")]
    [InlineData("UPDATE OR REPLACE sip_cases SET _rowid_ = _rowid_ + 1;", "a case row keeps its id")]
    [InlineData("INSERT INTO sip_cases (rowid, id, version, state, subject_ref, document_version, document) VALUES (-1, 'another-id', 1, 1, 's', 1, '{}');", "rowid is chosen by SQLite")]
    [InlineData("INSERT INTO sip_events (rowid, case_id, sequence, event_type, occurred_at, hash, document) SELECT -1, case_id, sequence + 1000, event_type, occurred_at, hash, document FROM sip_events;", "rowid is chosen by SQLite")]
    [InlineData("INSERT OR REPLACE INTO sip_events (case_id, sequence, command_id, event_type, occurred_at, hash, document) SELECT 'another-case', 1, command_id, event_type, occurred_at, hash, document FROM sip_events WHERE command_id IS NOT NULL;", "append-only: an event is never replaced")]
    [InlineData("INSERT OR REPLACE INTO sip_feed (position, case_id, sequence) SELECT position, 'another-case', 1 FROM sip_feed;", "an entry is never replaced")]
    [InlineData("INSERT INTO sip_feed (position, case_id, sequence) VALUES (-1, 'another-case', 1);", "a position is chosen by SQLite")]
    public async Task The_database_itself_refuses_to_change_or_remove_history(string sql, string message)
    {
        var path = _db.PathOf();
        // Two events, the second with a command id (whose unique index could otherwise be replaced onto).
        await using (var store = new SqliteSipCaseStore(path))
        {
            var (opened, openedEvent) = await StoreData.CreateAsync(store);
            var (next, nextEvent) = StoreData.Next(opened, openedEvent, CommandId.New());
            await store.UpdateAsync(next, 1, nextEvent, Ct);
        }

        var before = Rows(path);

        var act = () => Execute(path, sql);

        act.Should().Throw<SqliteException>().WithMessage($"*{message}*");
        Scalar<long>(path, "SELECT count(*) FROM sip_events;").Should().Be(2);
        Rows(path).Should().Be(before, "every case, event and feed row is as it was, where it was");
    }

    [Theory]
    [InlineData("UPDATE sip_access_log SET user_id = 'someone-else';", "append-only: records are never changed")]
    [InlineData("DELETE FROM sip_access_log;", "removed only by its purge")]
    [InlineData("INSERT OR REPLACE INTO sip_access_log SELECT * FROM sip_access_log;", "append-only: a record is never replaced")]
    public async Task The_database_itself_refuses_to_change_or_remove_the_access_log(string sql, string message)
    {
        var path = _db.PathOf();
        var store = new SqliteSipCaseStore(path);
        var (c, _) = await StoreData.CreateAsync(store);
        await store.AppendAccessAsync(StoreData.AccessRecord(c.Id), Ct);

        var act = () => Execute(path, sql);

        act.Should().Throw<SqliteException>().WithMessage($"*{message}*");
        Scalar<long>(path, "SELECT count(*) FROM sip_access_log WHERE user_id = 'hsa-vc-1001';").Should().Be(1);
    }

    [Fact]
    public async Task A_database_that_stays_busy_past_the_busy_timeout_is_a_transient_failure_that_saved_nothing()
    {
        var path = _db.PathOf();
        var store = new SqliteSipCaseStore(new SqliteStoreOptions { Path = path, BusyTimeout = TimeSpan.FromSeconds(1) });
        var (c, e) = await StoreData.CreateAsync(store);
        await using var blocker = new SqliteConnection($"Data Source={path};Pooling=False");
        await blocker.OpenAsync(Ct);
        await using var hold = blocker.BeginTransaction(deferred: false);
        var (next, nextEvent) = StoreData.Next(c, e);

        var act = () => store.UpdateAsync(next, 1, nextEvent, Ct);

        (await act.Should().ThrowAsync<SipTransientStoreException>()).Which.MayHaveBeenApplied.Should().BeFalse();
        await hold.RollbackAsync(Ct);
        (await store.GetAsync(c.Id, Ct))!.Version.Should().Be(1);
        await store.UpdateAsync(next, 1, nextEvent, Ct);
        (await store.GetAsync(c.Id, Ct))!.Version.Should().Be(2, "the store works again once the other writer is done");
    }

    [Fact]
    public async Task Many_parallel_reads_of_unknown_and_known_cases_share_the_read_connections_safely()
    {
        var store = new SqliteSipCaseStore(_db.PathOf());
        var (c, _) = await StoreData.CreateAsync(store);

        var reads = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => store.GetAsync(i % 2 == 0 ? SipCaseId.New() : c.Id, Ct), Ct)));

        reads.Count(r => r is not null).Should().Be(200);
    }

    [Fact]
    public async Task A_disposed_store_refuses_further_use()
    {
        var store = new SqliteSipCaseStore(_db.PathOf());
        await StoreData.CreateAsync(store);
        store.Dispose();

        var act = () => store.GetAsync(SipCaseId.New(), Ct);

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public void Invalid_options_are_refused_listing_every_problem()
    {
        var act = () => new SqliteSipCaseStore(new SqliteStoreOptions { BusyTimeout = TimeSpan.Zero, Durability = (SqliteDurability)7 });

        act.Should().Throw<ArgumentException>().WithParameterName("options")
            .WithMessage("*exactly one of Path*").WithMessage("*Durability*").WithMessage("*BusyTimeout*");
    }

    public static TheoryData<string, string> QueryPlans() => new()
    {
        { "state", "ix_sip_cases_state" },
        { "subject", "ix_sip_cases_subject" },
        { "lead", "ix_sip_cases_lead" },
        { "due", "ix_sip_cases_due" },
        { "due-next-page", "ix_sip_cases_due" },
    };

    [Theory]
    [MemberData(nameof(QueryPlans))]
    public async Task Each_query_path_uses_its_index(string filter, string index)
    {
        var path = _db.PathOf();
        await new SqliteSipCaseStore(path).InitializeAsync(Ct);
        var query = filter switch
        {
            "state" => new SipCaseQuery { State = SipState.Summoned },
            "subject" => new SipCaseQuery { Subject = new SubjectReference("patient-7f3a") },
            "lead" => new SipCaseQuery { LeadPrincipal = PrincipalKind.Region, LeadOrganisation = "SE2321000-0001-VCS" },
            "due" => new SipCaseQuery { DeadlineAtOrBefore = SipTestData.Start },
            _ => new SipCaseQuery { DeadlineAtOrBefore = SipTestData.Start, ContinuationToken = new SipCaseCursor(SipTestData.Start.UtcTicks, SipCaseId.New()).ToString() },
        };

        using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Ct);
        using var command = SqliteSipCaseStore.BuildQuery(connection, query);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(3));
            }
        }

        plan.Should().Contain(line => line.Contains(index, StringComparison.Ordinal), string.Join(" | ", plan));
        plan.Should().NotContain(line => line.StartsWith("SCAN sip_cases", StringComparison.Ordinal) && !line.Contains("INDEX", StringComparison.Ordinal));
        if (filter.StartsWith("due", StringComparison.Ordinal))
        {
            plan.Should().NotContain(line => line.Contains("TEMP B-TREE", StringComparison.Ordinal), "due work is read in index order, not sorted");
        }
    }

    [Fact]
    public async Task A_readers_due_work_walks_the_due_index_alone_and_looks_the_keys_up_by_primary_key()
    {
        var path = _db.PathOf();
        await new SqliteSipCaseStore(path).InitializeAsync(Ct);
        var keys = SipCaseAccessKeys.Of(StoreData.NewCase() with { IdentifyingUnit = SipTestData.PrimaryCareUnit });
        using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Ct);

        async Task<string> PlanOf(SqliteCommand command)
        {
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            var plan = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(3));
            }

            return string.Join(" | ", plan);
        }

        var walk = new SipCaseQuery { DeadlineAtOrBefore = SipTestData.Start, PageSize = 399, ContinuationToken = new SipCaseCursor(SipTestData.Start.UtcTicks, SipCaseId.New()).ToString() };
        using (var window = SqliteSipCaseStore.BuildWindow(connection, null, walk, keys))
        {
            var plan = await PlanOf(window);
            plan.Should().Contain("COVERING INDEX ix_sip_cases_due", "the window reads the due index alone");
            plan.Should().Contain("PRIMARY KEY (case_id=? AND key=?)", "each entry's keys are looked up by the key table's primary key");
            plan.Should().NotContain("SCAN sip_case").And.NotContain("SCAN a ").And.NotMatchRegex("SCAN a$");
        }

        // With another filter too, the window still walks the due index, not that filter's index and a sort.
        using var filtered = SqliteSipCaseStore.BuildWindow(connection, null, walk with { State = SipState.Summoned, LeadPrincipal = PrincipalKind.Region }, keys);
        var filteredPlan = await PlanOf(filtered);
        filteredPlan.Should().Contain("ix_sip_cases_due").And.NotContain("ix_sip_cases_state").And.NotContain("ix_sip_cases_lead");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public async Task A_readers_due_work_chooses_the_cases_the_plain_query_would_whether_it_walks_the_index_or_selects_by_keys(int maxWalked)
    {
        var path = _db.PathOf();
        var store = new SqliteSipCaseStore(path);
        var units = new[] { SipTestData.PrimaryCareUnit, SipTestData.SocialServicesUnit, new OrganisationReference { Name = "Skolhälsovården Norr" } };
        var created = new List<SipCase>();
        for (var i = 0; i < 150; i++)
        {
            // Ten cases share one deadline, with ids in the opposite order to their creation, around where a window ends.
            var unit = i % 50 == 7 ? units[2] : i % 3 == 0 ? units[1] : units[0];
            var tied = i is >= 20 and < 30;
            var id = tied ? new SipCaseId(new Guid(0x7fff_0000 - i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) : SipCaseId.New();
            var deadline = tied ? SipTestData.Start.AddHours(1) : SipTestData.Start.AddHours((i * 7) % 61);
            var state = i % 4 == 0 ? SipState.Preparing : SipState.NeedIdentified;
            created.Add((await StoreData.CreateAsync(store, StoreData.NewCase(id, nextDeadline: deadline) with { IdentifyingUnit = unit, State = state })).Case);
        }

        using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Ct);
        foreach (var unit in units)
        {
            var keys = SipCaseAccessKeys.Of(created.First(c => c.IdentifyingUnit == unit));
            foreach (var (pageSize, state) in new[] { (1, (SipState?)null), (4, null), (30, null), (1000, null), (3, SipState.Preparing) })
            {
                string? token = null;
                var pages = 0;
                do
                {
                    var query = new SipCaseQuery { DeadlineAtOrBefore = SipTestData.Start.AddHours(50), AccessKeys = keys, PageSize = pageSize, ContinuationToken = token, State = state };
                    var chosen = await SqliteSipCaseStore.ChooseDueIdsAsync(connection, null, query, maxWalked, Ct);
                    var plain = new List<string>();
                    using (var select = SqliteSipCaseStore.BuildQuery(connection, query))
                    {
                        await using var reader = await select.ExecuteReaderAsync(Ct);
                        while (await reader.ReadAsync(Ct))
                        {
                            plain.Add(reader.GetString(0));
                        }
                    }

                    chosen.Should().Equal(plain, $"unit {unit.Name}, page size {pageSize}, page {pages}");
                    var page = await store.QueryHeadsAsync(query, Ct);
                    page.Cases.Select(c => c.Id.Value.ToString("D")).Should().Equal(plain.Take(pageSize));
                    token = page.ContinuationToken;
                    pages++;
                }
                while (token is not null);
            }
        }
    }

    [Fact]
    public async Task A_readers_page_of_a_thousand_due_cases_is_chosen_across_more_than_one_window()
    {
        var path = _db.PathOf();
        var store = new SqliteSipCaseStore(new SqliteStoreOptions { Path = path, Durability = SqliteDurability.Normal });
        SipCase? first = null;
        for (var i = 0; i < 1_060; i++)
        {
            var c = (await StoreData.CreateAsync(store, StoreData.NewCase(nextDeadline: SipTestData.Start.AddMinutes(i % 997)) with { IdentifyingUnit = SipTestData.PrimaryCareUnit })).Case;
            first ??= c;
        }

        var query = new SipCaseQuery { DeadlineAtOrBefore = SipTestData.Start.AddDays(1), AccessKeys = SipCaseAccessKeys.Of(first!), PageSize = 1000 };
        using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Ct);
        var chosen = await SqliteSipCaseStore.ChooseDueIdsAsync(connection, null, query, SqliteSipCaseStore.MaxWalkedForKeys, Ct);
        var plain = new List<string>();
        using (var select = SqliteSipCaseStore.BuildQuery(connection, query))
        {
            await using var reader = await select.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                plain.Add(reader.GetString(0));
            }
        }

        plain.Should().HaveCount(1001);
        chosen.Should().Equal(plain);
    }

    [Fact]
    public async Task A_row_relabelled_outside_the_library_is_refused_not_served_under_the_wrong_id()
    {
        var path = _db.PathOf();
        var (a, _) = await StoreData.CreateAsync(new SqliteSipCaseStore(path));
        var (b, _) = await StoreData.CreateAsync(new SqliteSipCaseStore(path));
        SqliteConnection.ClearAllPools();
        Execute(path, $"UPDATE sip_cases SET document = (SELECT document FROM sip_cases WHERE id = '{b.Id}') WHERE id = '{a.Id}'");

        await using var store = new SqliteSipCaseStore(path);
        var get = () => store.GetAsync(a.Id, Ct);
        (await get.Should().ThrowAsync<SipStorageException>()).WithMessage($"*row of SIP case {a.Id} holds the document of case {b.Id}*");
        var query = () => store.QueryAsync(new SipCaseQuery(), Ct);
        await query.Should().ThrowAsync<SipStorageException>();
        (await store.GetAsync(b.Id, Ct))!.Id.Should().Be(b.Id, "the untouched row still reads");
    }
}
