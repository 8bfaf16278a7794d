using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.Storage;

namespace Sip.Workflow.PostgreSql.Tests;

public sealed class PostgreSqlSchemaAndFailureTests(PostgresFixture pg) : IDisposable
{
    private readonly List<PostgreSqlSipCaseStore> _stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _stores.ForEach(s => s.Dispose());

    private PostgreSqlSipCaseStore Store(string schema)
    {
        var store = pg.NewStore(schema);
        _stores.Add(store);
        return store;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(pg.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(pg.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    [Fact]
    public async Task Heads_leave_the_lists_kept_apart_out_in_the_database_and_due_work_reads_them()
    {
        var schema = PostgresCluster.NewSchema();
        var s = new SipScenario(store: Store(schema));
        var c = await s.FollowedUpAsync();
        c.PlanRevisions.Should().NotBeEmpty();
        c.FollowUps.Should().NotBeEmpty();

        // Another node remembers nothing: what it reads is what the database sent.
        var head = (await Store(schema).QueryHeadsAsync(new SipCaseQuery { State = SipState.FollowUp }, Ct)).Cases.Single();
        head.PlanRevisions.Should().BeEmpty();
        head.FollowUps.Should().BeEmpty();
        head.OpenDeadlines.Should().Equal(c.OpenDeadlines);
        head.Participants.Should().Equal(c.Participants);
        (await s.Workflow.GetDueWorkAsync(SipLimits.LatestMoment, cancellationToken: Ct)).Items.Single().OpenDeadlines.Should().Equal(c.OpenDeadlines);

        // A document whose case is no object (changed by hand) is refused as unreadable, as a whole read refuses it, and stays as it is.
        await ExecuteAsync($"UPDATE {schema}.sip_cases SET document = jsonb_set(document, '{{case}}', '5') WHERE id = '{c.Id}'");
        var heads = () => Store(schema).QueryHeadsAsync(new SipCaseQuery(), Ct);
        (await heads.Should().ThrowAsync<SipStorageException>()).Which.Message.Should().NotContain(c.Individual.Reference.ToString());
        (await ScalarAsync<string>($"SELECT (document -> 'case')::text FROM {schema}.sip_cases WHERE id = '{c.Id}'")).Should().Be("5");
    }

    [Fact]
    public async Task Nodes_starting_at_once_migrate_the_schema_once()
    {
        var schema = PostgresCluster.NewSchema();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Store(schema).InitializeAsync(Ct), Ct)));

        (await ScalarAsync<long>($"SELECT count(*) FROM {schema}.sip_schema_version")).Should().Be(1);
        (await ScalarAsync<int>($"SELECT version FROM {schema}.sip_schema_version")).Should().Be(PostgreSqlSchema.CurrentVersion);
        (await ScalarAsync<long>($"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{schema}'")).Should().Be(12, "cases, events, tombstones, the feed, its subscribers, the access log, the access keys, the schema version and the indicator projection's four tables");
    }

    [Fact]
    public async Task Cases_stored_before_there_were_access_keys_get_their_keys_when_the_schema_is_migrated()
    {
        var schema = PostgresCluster.NewSchema();
        var (c, _) = await StoreData.CreateAsync(Store(schema), StoreData.NewCase() with { IdentifyingUnit = SipTestData.PrimaryCareUnit });
        var (other, _) = await StoreData.CreateAsync(Store(schema), StoreData.NewCase() with { IdentifyingUnit = SipTestData.PrimaryCareUnit });
        SipCaseAccessKeys.Of(c).Should().NotBeEmpty();

        // The schema as version 5 left it: no key table.
        await ExecuteAsync($"DROP TRIGGER sip_cases_keys_written ON {schema}.sip_cases; DROP FUNCTION {schema}.sip_cases_keys_written(); " +
            $"DROP TABLE {schema}.sip_case_access; UPDATE {schema}.sip_schema_version SET version = 5");
        var migrated = Store(schema);
        var selected = await migrated.QueryAsync(new SipCaseQuery { AccessKeys = SipCaseAccessKeys.Of(c) }, Ct);

        (await ScalarAsync<int>($"SELECT version FROM {schema}.sip_schema_version")).Should().Be(PostgreSqlSchema.CurrentVersion);
        (await ScalarAsync<long>($"SELECT count(*) FROM {schema}.sip_case_access")).Should().Be(SipCaseAccessKeys.Of(c).Count + SipCaseAccessKeys.Of(other).Count);
        selected.Cases.Select(x => x.Id).Should().BeEquivalentTo([c.Id, other.Id], "both were opened by the same unit");
        (await migrated.QueryAsync(new SipCaseQuery { AccessKeys = [new string('0', SipCaseAccessKeys.KeyLength)] }, Ct)).Cases.Should().BeEmpty();
    }

    [Fact]
    public async Task A_node_of_an_older_release_cannot_write_a_case_without_its_access_keys()
    {
        var schema = PostgresCluster.NewSchema();
        var (c, _) = await StoreData.CreateAsync(Store(schema), StoreData.NewCase() with { IdentifyingUnit = SipTestData.PrimaryCareUnit });

        // What an older node's update and insert look like: the case row alone, no keys written in the transaction.
        var update = () => ExecuteAsync($"UPDATE {schema}.sip_cases SET version = version + 1 WHERE id = '{c.Id.Value:D}'");
        var insert = () => ExecuteAsync($"INSERT INTO {schema}.sip_cases SELECT gen_random_uuid(), version, state, subject_ref, lead_principal, lead_org, next_deadline, document_version, document FROM {schema}.sip_cases WHERE id = '{c.Id.Value:D}'");

        (await update.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("upgrade Sip.Workflow.PostgreSql on every node");
        (await insert.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("writes no access keys");
        (await ScalarAsync<long>($"SELECT version FROM {schema}.sip_cases WHERE id = '{c.Id.Value:D}'")).Should().Be(1);
        (await Store(schema).QueryAsync(new SipCaseQuery { AccessKeys = SipCaseAccessKeys.Of(c) }, Ct)).Cases.Should().ContainSingle();
    }

    [Fact]
    public async Task A_schema_written_by_a_newer_version_is_refused_and_left_untouched()
    {
        var schema = PostgresCluster.NewSchema();
        var (c, _) = await StoreData.CreateAsync(Store(schema));
        await ExecuteAsync($"UPDATE {schema}.sip_schema_version SET version = 99");

        var act = () => Store(schema).InitializeAsync(Ct);

        (await act.Should().ThrowAsync<SipStorageException>()).WithMessage("*schema version 99*newer*");
        (await ScalarAsync<int>($"SELECT version FROM {schema}.sip_schema_version")).Should().Be(99);
        (await ScalarAsync<long>($"SELECT count(*) FROM {schema}.sip_cases WHERE id = '{c.Id}'")).Should().Be(1);
    }

    [Fact]
    public async Task A_schema_of_another_application_is_refused_and_left_untouched()
    {
        var schema = PostgresCluster.NewSchema();
        await ExecuteAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.invoices (id int); INSERT INTO {schema}.invoices VALUES (7);");

        var act = () => Store(schema).InitializeAsync(Ct);

        (await act.Should().ThrowAsync<SipStorageException>()).WithMessage("*not a Sip.Workflow schema*untouched*");
        (await ScalarAsync<long>($"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{schema}'")).Should().Be(1);
    }

    [Theory]
    [InlineData("UPDATE {s}.sip_events SET event_type = 'Forged'", "append-only")]
    [InlineData("DELETE FROM {s}.sip_events", "removed only by a purge")]
    [InlineData("TRUNCATE {s}.sip_events", "append-only")]
    [InlineData("DELETE FROM {s}.sip_cases", "removed only by a purge")]
    [InlineData("TRUNCATE {s}.sip_cases", "removed only one by one by a purge")]
    public async Task The_database_itself_refuses_to_change_or_remove_history(string sql, string message)
    {
        var schema = PostgresCluster.NewSchema();
        await StoreData.CreateAsync(Store(schema));

        var act = () => ExecuteAsync(sql.Replace("{s}", schema, StringComparison.Ordinal));

        (await act.Should().ThrowAsync<PostgresException>()).WithMessage($"*{message}*");
        (await ScalarAsync<long>($"SELECT count(*) FROM {schema}.sip_events")).Should().Be(1);
        (await ScalarAsync<long>($"SELECT count(*) FROM {schema}.sip_cases")).Should().Be(1);
    }

    [Theory]
    [InlineData("UPDATE {s}.sip_access_log SET user_id = 'someone-else'")]
    [InlineData("DELETE FROM {s}.sip_access_log")]
    [InlineData("TRUNCATE {s}.sip_access_log")]
    public async Task The_database_itself_refuses_to_change_or_remove_the_access_log(string sql)
    {
        var schema = PostgresCluster.NewSchema();
        var store = Store(schema);
        var (c, _) = await StoreData.CreateAsync(store);
        await store.AppendAccessAsync(StoreData.AccessRecord(c.Id), Ct);

        var act = () => ExecuteAsync(sql.Replace("{s}", schema, StringComparison.Ordinal));

        (await act.Should().ThrowAsync<PostgresException>()).WithMessage("*sip_access_log is append-only*");
        (await ScalarAsync<long>($"SELECT count(*) FROM {schema}.sip_access_log WHERE user_id = 'hsa-vc-1001'")).Should().Be(1);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_failure_that_applied_nothing()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dead = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Port = port, Timeout = 2 }.ConnectionString;
        using var store = new PostgreSqlSipCaseStore(new PostgreSqlStoreOptions { ConnectionString = dead, Schema = PostgresCluster.NewSchema() });

        var act = () => StoreData.CreateAsync(store);

        var thrown = (await act.Should().ThrowAsync<SipTransientStoreException>()).Which;
        thrown.MayHaveBeenApplied.Should().BeFalse();
        thrown.Message.Should().Contain("safe to retry");
    }

    [Fact]
    public async Task After_the_server_drops_every_connection_a_retry_with_the_same_command_id_applies_the_command_once()
    {
        // Only this store's connections are dropped (by application name): other tests share the server.
        var application = "sip-drop-" + Guid.NewGuid().ToString("N")[..8];
        using var store = new PostgreSqlSipCaseStore(new PostgreSqlStoreOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { ApplicationName = application }.ConnectionString,
            Schema = PostgresCluster.NewSchema(),
        });
        var s = new SipScenario(store: store);
        var c = await s.ConsentedAsync();
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{application}'");
        var command = new RecordDeviation { CaseId = c.Id, Actor = s.Actor, CommandId = CommandId.New(), Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Efter avbrott" } };

        SipCommandResult? result = null;
        for (var attempt = 0; attempt < 5 && result is null; attempt++)
        {
            try
            {
                result = await s.Workflow.RecordDeviationAsync(command, Ct);
            }
            catch (SipTransientStoreException)
            {
                // The documented answer: retry the same command.
            }
        }

        result.Should().NotBeNull();
        var stored = (await store.GetAsync(c.Id, Ct))!;
        stored.Deviations.Should().ContainSingle();
        (await store.GetHistoryAsync(c.Id, Ct)).Count(e => e.CommandId == command.CommandId).Should().Be(1);
    }

    [Fact]
    public async Task Two_engine_processes_on_one_database_lose_no_update()
    {
        var schema = PostgresCluster.NewSchema();
        var s = new SipScenario(store: Store(schema));
        var c = await s.OpenAsync();
        const int PerWriter = 30;
        var spec = $"postgres:{schema}:{pg.ConnectionString}";

        using var first = new WriterProcess(spec, c.Id, PerWriter, "node-a");
        using var second = new WriterProcess(spec, c.Id, PerWriter, "node-b");
        (await first.WaitForExitAsync(TimeSpan.FromMinutes(2))).Should().Be(0, first.Errors);
        (await second.WaitForExitAsync(TimeSpan.FromMinutes(2))).Should().Be(0, second.Errors);

        var reader = Store(schema);
        var sipCase = (await reader.GetAsync(c.Id, Ct))!;
        var history = await reader.GetHistoryAsync(c.Id, Ct);
        sipCase.Version.Should().Be(1 + (2 * PerWriter));
        history.Where(e => e.CommandId is not null).Select(e => e.CommandId!.Value)
            .Should().BeEquivalentTo(first.Acknowledged.Concat(second.Acknowledged)).And.OnlyHaveUniqueItems();
        history.Select(e => e.Actor.UserId).Should().Contain("node-a").And.Contain("node-b");
        SipAuditChain.Verify(history, sipCase).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task A_schema_from_before_the_feed_is_migrated_with_its_history_in_the_feed()
    {
        var schema = "feed_" + Guid.NewGuid().ToString("N")[..12];
        var (events, tombstone) = await StoreData.HistoryBeforeTheFeedAsync(Store(schema));

        // Back to schema version 2, as a schema of the previous release is: no feed table, no triggers writing it, and none
        // of the later tables (the indicator projection).
        await ExecuteAsync(
            $"DROP TRIGGER sip_events_to_feed ON \"{schema}\".sip_events; DROP TRIGGER sip_tombstones_to_feed ON \"{schema}\".sip_tombstones; " +
            $"DROP TABLE \"{schema}\".sip_feed, \"{schema}\".sip_subscriptions, \"{schema}\".sip_indicator_cases, \"{schema}\".sip_indicator_deadlines, " +
            $"\"{schema}\".sip_indicator_cells, \"{schema}\".sip_indicator_position, \"{schema}\".sip_access_log, \"{schema}\".sip_case_access; DROP TRIGGER sip_cases_keys_written ON \"{schema}\".sip_cases; DROP FUNCTION \"{schema}\".sip_cases_keys_written(); DROP FUNCTION \"{schema}\".sip_access_log_append_only(); DROP FUNCTION \"{schema}\".sip_events_to_feed(), \"{schema}\".sip_tombstones_to_feed(), " +
            $"\"{schema}\".sip_feed_position(), \"{schema}\".sip_feed_removed_by_purge_only(); UPDATE \"{schema}\".sip_schema_version SET version = 2;");

        await StoreData.FeedHoldsTheHistoryBeforeItAsync(Store(schema), events, tombstone);
    }

    [Fact]
    public async Task A_subscriber_whose_connection_dies_loses_its_lock_to_another_node_and_cannot_save()
    {
        var schema = "sub_" + Guid.NewGuid().ToString("N")[..12];
        var nodeA = Store(schema);
        var nodeB = Store(schema);
        var held = await nodeA.TryAcquireAsync("region-export", TimeSpan.FromSeconds(30), Ct);
        await held!.SaveAsync(5, Ct);
        (await nodeB.TryAcquireAsync("region-export", TimeSpan.FromSeconds(30), Ct)).Should().BeNull("node A holds it");

        // Node A's connection dies (a network cut, a restarted pooler): its session, and the advisory lock, end with it.
        // Only the session holding this subscriber's lock: other tests share the cluster.
        await ExecuteAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 " +
            $"AND ((classid::bigint << 32) | objid::bigint) = hashtextextended('sip-workflow-subscriber:{schema}:region-export', 0);");
        Storage.SipSubscriptionLease? taken = null;
        for (var i = 0; i < 100 && taken is null; i++)
        {
            taken = await nodeB.TryAcquireAsync("region-export", TimeSpan.FromSeconds(30), Ct);
            await Task.Delay(50, Ct);
        }

        taken.Should().NotBeNull();
        taken!.Position.Should().Be(5);
        var late = () => held.SaveAsync(6, Ct);
        await late.Should().ThrowAsync<SipTransientStoreException>();
        await held.DisposeAsync();
        await taken.DisposeAsync();
    }

    [Fact]
    public async Task A_feed_copied_from_another_cluster_with_positions_ahead_of_this_ones_transactions_is_refused()
    {
        var schema = "moved_" + Guid.NewGuid().ToString("N")[..12];
        await StoreData.CreateAsync(Store(schema));

        // What a restore into a younger cluster leaves: an entry positioned past every transaction id this cluster has given.
        await ExecuteAsync(
            $"INSERT INTO \"{schema}\".sip_feed (position, case_id, sequence) " +
            "SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000000) << 15, case_id, sequence FROM \"" + schema + "\".sip_feed LIMIT 1;");

        var open = () => Store(schema).InitializeAsync(Ct);

        (await open.Should().ThrowAsync<SipStorageException>()).Which.Message.Should().Contain("ahead of this cluster's transaction ids");
    }

    [Fact]
    public async Task A_store_with_multiplexing_refuses_to_hold_a_subscriber_saying_why()
    {
        using var store = new PostgreSqlSipCaseStore(new PostgreSqlStoreOptions { ConnectionString = pg.ConnectionString + ";Multiplexing=true", Schema = "mux_" + Guid.NewGuid().ToString("N")[..12] });

        var take = () => store.TryAcquireAsync("region-export", TimeSpan.FromSeconds(30), Ct);

        (await take.Should().ThrowAsync<SipStorageException>()).Which.Message.Should().Contain("Multiplexing");
    }

    [Fact]
    public async Task A_host_using_the_postgresql_store_migrates_the_schema_at_start()
    {
        var schema = PostgresCluster.NewSchema();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSipWorkflow().UsePostgreSqlStore(o =>
        {
            o.ConnectionString = pg.ConnectionString;
            o.Schema = schema;
        });
        using var host = builder.Build();

        await host.StartAsync(Ct);

        (await ScalarAsync<int>($"SELECT version FROM {schema}.sip_schema_version")).Should().Be(PostgreSqlSchema.CurrentVersion);
        host.Services.GetRequiredService<ISipCaseStore>().Should().BeOfType<PostgreSqlSipCaseStore>();
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task A_schema_named_like_a_keyword_works()
    {
        await ExecuteAsync("DROP SCHEMA IF EXISTS \"order\" CASCADE");
        var store = Store("order");

        var (c, _) = await StoreData.CreateAsync(store);

        (await store.GetAsync(c.Id, Ct)).Should().NotBeNull();
        await ExecuteAsync("DROP SCHEMA \"order\" CASCADE");
    }

    [Fact]
    public void Schemas_reserved_by_postgresql_are_refused()
    {
        var act = () => new PostgreSqlSipCaseStore(new PostgreSqlStoreOptions { ConnectionString = pg.ConnectionString, Schema = "pg_sip" });

        act.Should().Throw<ArgumentException>().WithMessage("*pg_*");
    }

    [Fact]
    public void Bad_settings_are_refused_listing_every_problem()
    {
        var act = () => new PostgreSqlSipCaseStore(new PostgreSqlStoreOptions { Schema = "Robert'); DROP", CommandTimeout = TimeSpan.Zero });

        act.Should().Throw<ArgumentException>().WithMessage("*ConnectionString is required*").WithMessage("*Schema*").WithMessage("*CommandTimeout*");
    }

    [Fact]
    public async Task A_row_relabelled_outside_the_library_is_refused_not_served_under_the_wrong_id()
    {
        var schema = PostgresCluster.NewSchema();
        var store = Store(schema);
        var (a, _) = await StoreData.CreateAsync(store);
        var (b, _) = await StoreData.CreateAsync(store);
        await ExecuteAsync($"UPDATE {schema}.sip_cases SET document = (SELECT document FROM {schema}.sip_cases WHERE id = '{b.Id}') WHERE id = '{a.Id}'");

        var get = () => store.GetAsync(a.Id, Ct);
        (await get.Should().ThrowAsync<SipStorageException>()).WithMessage($"*row of SIP case {a.Id} holds the document of case {b.Id}*");
        var query = () => store.QueryAsync(new SipCaseQuery(), Ct);
        await query.Should().ThrowAsync<SipStorageException>();
        (await store.GetAsync(b.Id, Ct))!.Id.Should().Be(b.Id, "the untouched row still reads");
    }

    [Fact]
    public async Task The_health_probe_finds_the_schema_version_and_writes_nothing()
    {
        var schema = PostgresCluster.NewSchema();
        var store = Store(schema);

        var health = await store.ProbeAsync(Ct);

        health.SchemaVersion.Should().Be(PostgreSqlSchema.CurrentVersion);
        (await ScalarAsync<long>($"SELECT count(*) FROM {schema}.sip_cases")).Should().Be(0);
    }

    [Fact]
    public async Task The_health_probe_fails_at_once_while_the_case_table_is_locked_against_writes()
    {
        var schema = PostgresCluster.NewSchema();
        var store = Store(schema);
        await store.InitializeAsync(Ct);
        await using var other = new NpgsqlConnection(pg.ConnectionString);
        await other.OpenAsync(Ct);
        await using var transaction = await other.BeginTransactionAsync(Ct);
        await using (var lockTable = new NpgsqlCommand($"LOCK TABLE {schema}.sip_cases IN ACCESS EXCLUSIVE MODE;", other, transaction))
        {
            await lockTable.ExecuteNonQueryAsync(Ct);
        }

        var probe = () => store.ProbeAsync(Ct);

        (await probe.Should().ThrowAsync<SipTransientStoreException>()).Which.Message.Should().Contain("locked against writes");
    }

    [Fact]
    public async Task The_health_probe_refuses_a_database_that_accepts_no_writes()
    {
        var schema = PostgresCluster.NewSchema();
        await Store(schema).InitializeAsync(Ct);
        var role = "sip_ro_" + schema;
        await ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'x'; GRANT USAGE ON SCHEMA {schema} TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}; ALTER ROLE {role} SET default_transaction_read_only = on;");
        var builder = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Username = role, Password = "x" };
        using var readOnly = new PostgreSqlSipCaseStore(new PostgreSqlStoreOptions { ConnectionString = builder.ConnectionString, Schema = schema });

        var probe = () => readOnly.ProbeAsync(Ct);

        (await probe.Should().ThrowAsync<SipStorageException>()).Which.Message.Should().Contain("accepts no writes");
    }

    [Fact]
    public async Task A_host_health_check_over_postgresql_is_healthy()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSipWorkflow().UsePostgreSqlStore(o =>
        {
            o.ConnectionString = pg.ConnectionString;
            o.Schema = PostgresCluster.NewSchema();
        });
        builder.Services.AddHealthChecks().AddSipWorkflow();
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync(Ct);

        report.Status.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, report.Entries.Values.FirstOrDefault().Description);
    }
}
