using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Sip.Workflow.Samples.Caseworker.Tests;

/// <summary>
/// The caseworker application, hosted in this process exactly as <c>dotnet run</c> builds it, on a free loopback port with
/// its own SQLite file and a clock the tests move; and one headless Debian Chromium driven by Playwright. Shared by the
/// browser tests (one collection, so one browser), each of which opens its own browser contexts.
/// </summary>
public sealed class CaseworkerFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private IPlaywright? _playwright;

    /// <summary>The application's clock: starts now, so the demo cases are seeded around today, and moves when a test says.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public string Database { get; } = NewDatabasePath("browser");

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        _app = StartHost(Database, Time);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        BaseUrl = _app.Urls.Single();
        Browser = await LaunchAsync();
    }

    /// <summary>The application as <c>Program</c> builds it, on port 0 (a free one), the database and clock given, and any more settings.</summary>
    internal static WebApplication StartHost(string database, TimeProvider time, params string[] settings)
        => CaseworkerApp.Build(["--port", "0", "--database", database, .. settings], builder =>
        {
            builder.Services.AddSingleton(time);
            builder.Logging.ClearProviders();
        });

    /// <summary>A browser context of its own (cookies, language, caseworker), in Swedish time, as a caseworker's browser.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        Locale = "sv-SE",
        TimezoneId = "Europe/Stockholm",
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        // The app forbids every script by its Content-Security-Policy; the tests inject axe-core all the same.
        BypassCSP = true,
    });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        DeleteDatabase(Database);
    }

    /// <summary>A path for a database file of a test's own, in the temp folder.</summary>
    internal static string NewDatabasePath(string purpose) => Path.Combine(Path.GetTempPath(), $"sip-caseworker-{purpose}-{Guid.NewGuid():N}.db");

    /// <summary>Removes a test's SQLite file with its write-ahead log and shared-memory files.</summary>
    internal static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    // Debian's Chromium, never a downloaded browser; the flags keep it from reaching for the network it must not use.
    private async Task<IBrowser> LaunchAsync()
    {
        // The whole test run shares two cores with the other test projects: an assertion waits longer than Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(20_000);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }
}

[CollectionDefinition(nameof(InTheBrowser))]
public sealed class InTheBrowser : ICollectionFixture<CaseworkerFixture>;
