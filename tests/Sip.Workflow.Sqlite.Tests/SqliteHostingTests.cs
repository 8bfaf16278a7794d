using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sip.Workflow.TestUtilities;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Sqlite.Tests;

public sealed class SqliteHostingTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_host_using_the_sqlite_store_opens_the_database_at_start_and_keeps_cases_in_it()
    {
        var path = _db.PathOf();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSipWorkflow().UseInMemoryStore().UseSqliteStore(path);
        using var host = builder.Build();

        await host.StartAsync(Ct);
        File.Exists(path).Should().BeTrue("the schema is created when the host starts");
        var workflow = host.Services.GetRequiredService<ISipWorkflow>();
        var opened = await workflow.OpenCaseAsync(new OpenCase
        {
            Actor = SipTestData.FixedCareContact, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
        }, Ct);
        await host.StopAsync(Ct);

        host.Services.GetRequiredService<ISipCaseStore>().Should().BeOfType<SqliteSipCaseStore>("the last store chosen wins");
        SqliteConnection.ClearAllPools();
        (await new SqliteSipCaseStore(path).GetAsync(opened.Case.Id, Ct)).Should().NotBeNull();
    }

    [Fact]
    public async Task The_store_takes_its_settings_from_the_configuration_section_of_the_workflow()
    {
        var path = _db.PathOf();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip:Policy"] = "RegionHalland",
            ["Sip:Store:Path"] = path,
            ["Sip:Store:Durability"] = "Normal",
            ["Sip:Store:BusyTimeout"] = "00:00:05",
        });
        builder.Services.AddSipWorkflow(builder.Configuration.GetSection("Sip")).UseSqliteStore();
        using var host = builder.Build();

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);

        File.Exists(path).Should().BeTrue("the store named in configuration is opened when the host starts");
        var options = host.Services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;
        options.Durability.Should().Be(SqliteDurability.Normal);
        options.BusyTimeout.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_store_setting_it_does_not_know_stops_the_host_naming_the_settings_it_has()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip:Store:Pth"] = _db.PathOf(),
            ["Sip:Store:Durability"] = "Paranoid",
        });
        builder.Services.AddSipWorkflow(builder.Configuration.GetSection("Sip")).UseSqliteStore();
        using var host = builder.Build();

        var start = () => host.StartAsync(Ct);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("'Sip:Store:Pth' is not a setting of the SQLite store; allowed: BusyTimeout, ConnectionString, Durability, Path")
            .And.Contain("'Sip:Store:Durability' is not one of Full, Normal")
            .And.Contain("exactly one of Path", "the store's own validation still reports the missing path");
    }

    [Fact]
    public async Task Bad_store_settings_fail_the_host_at_start_with_one_message()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSipWorkflow().UseSqliteStore(o => o.BusyTimeout = TimeSpan.FromHours(1));
        using var host = builder.Build();

        var start = () => host.StartAsync(Ct);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("exactly one of Path").And.Contain("BusyTimeout");
    }

    [Fact]
    public async Task A_wrong_file_fails_the_host_at_start_not_at_the_first_command()
    {
        var path = _db.PathOf("journal.txt");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("inte en databas ", 300)), Ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSipWorkflow().UseSqliteStore(path);
        using var host = builder.Build();

        var start = () => host.StartAsync(Ct);

        await start.Should().ThrowAsync<SipStorageException>().WithMessage("*not a SQLite database*");
    }

    [Fact]
    public async Task A_store_the_host_decorated_is_still_opened_at_start()
    {
        // A decorator that forwards only ISipCaseStore used to switch the start-up check off: the wrong file then failed
        // at the first command instead.
        var path = await ForeignFileAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSipWorkflow().UseSqliteStore(path);
        builder.Services.Replace(ServiceDescriptor.Singleton(sp => OpaqueStore.Wrap(sp.GetRequiredService<SqliteSipCaseStore>())));
        using var host = builder.Build();

        var start = () => host.StartAsync(Ct);

        await start.Should().ThrowAsync<SipStorageException>().WithMessage("*not a SQLite database*");
    }

    [Fact]
    public async Task The_health_check_is_healthy_on_a_good_file_with_the_schema_version()
    {
        using var host = HostWithHealthCheck(_db.PathOf(), decorate: false);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);

        var entry = report.Entries.Should().ContainKey("sip-workflow").WhoseValue;
        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Data["schemaVersion"].Should().Be(SqliteSchema.CurrentVersion);
        entry.Tags.Should().Contain("ready");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_health_check_is_unhealthy_on_a_foreign_file_decorated_or_not(bool decorate)
    {
        using var host = HostWithHealthCheck(await ForeignFileAsync(), decorate);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);

        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["sip-workflow"].Description.Should().Contain("not a SQLite database");
        report.Entries["sip-workflow"].Exception.Should().BeOfType<SipStorageException>();
    }

    [Fact]
    public async Task The_health_check_reports_its_failure_status_while_another_process_holds_the_write_lock()
    {
        var path = _db.PathOf();
        await using (var store = new SqliteSipCaseStore(path))
        {
            await store.InitializeAsync(Ct);
        }

        using var host = HostWithHealthCheck(path, decorate: false, busyTimeout: TimeSpan.FromSeconds(1), failureStatus: HealthStatus.Degraded);
        await using var other = new SqliteConnection($"Data Source={path};Pooling=False");
        await other.OpenAsync(Ct);
        await using var holding = other.CreateCommand();
        holding.CommandText = "BEGIN IMMEDIATE;";
        await holding.ExecuteNonQueryAsync(Ct);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);

        report.Entries["sip-workflow"].Status.Should().Be(HealthStatus.Degraded);
        report.Entries["sip-workflow"].Exception.Should().BeOfType<SipTransientStoreException>();
    }

    private async Task<string> ForeignFileAsync()
    {
        var path = _db.PathOf("journal.txt");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("inte en databas ", 300)), Ct);
        return path;
    }

    private static IHost HostWithHealthCheck(string path, bool decorate, TimeSpan? busyTimeout = null, HealthStatus? failureStatus = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSipWorkflow().UseSqliteStore(o =>
        {
            o.Path = path;
            o.BusyTimeout = busyTimeout ?? o.BusyTimeout;
        });
        if (decorate)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(sp => OpaqueStore.Wrap(sp.GetRequiredService<SqliteSipCaseStore>())));
        }

        builder.Services.AddHealthChecks().AddSipWorkflow(tags: ["ready"], failureStatus: failureStatus, timeout: TimeSpan.FromSeconds(10));
        return builder.Build();
    }
}
