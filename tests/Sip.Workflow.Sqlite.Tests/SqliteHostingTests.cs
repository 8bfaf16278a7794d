using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
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
}
