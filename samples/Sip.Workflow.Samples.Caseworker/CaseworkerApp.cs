using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sip.Workflow.AspNetCore;
using Sip.Workflow.Samples.Caseworker.Demo;
using Sip.Workflow.Samples.Caseworker.ProcessDiagram;
using Sip.Workflow.Samples.Caseworker.Web;
using Sip.Workflow.Sqlite;

namespace Sip.Workflow.Samples.Caseworker;

/// <summary>The settings under <c>Caseworker</c> (or <c>--port</c> and <c>--database</c> on the command line).</summary>
internal sealed class CaseworkerOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; } = 5080;

    /// <summary>The SQLite file; the system's temp folder unless given.</summary>
    public string? Database { get; set; }

    /// <summary>Whether the demo cases are added on start (only those not there already).</summary>
    public bool Seed { get; set; } = true;
}

/// <summary>
/// The whole application in one place, so that <c>dotnet run</c> and the browser tests start exactly the same host:
/// the SIP engine on an SQLite file, the caseworker's Razor Pages, the process diagram as SVG, and the SIP HTTP API
/// (<c>Sip.Workflow.AspNetCore</c>) under <c>/api/sip</c> for systems that integrate.
/// </summary>
internal static class CaseworkerApp
{
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--port"] = "Caseworker:Port",
        ["--database"] = "Caseworker:Database",
        ["--seed"] = "Caseworker:Seed",
    };

    /// <param name="args">The command line: <c>--port 5090</c>, <c>--database path</c>, and any ASP.NET Core setting.</param>
    /// <param name="configure">Called last before the host is built; the tests put their clock and logging here.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Razor Pages are looked for in the assembly of this name; when the tests host the app, theirs is the entry assembly.
            ApplicationName = typeof(CaseworkerApp).Assembly.GetName().Name,
            // appsettings.json sits beside the binaries, wherever `dotnet run` is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, Switches);

        var settings = builder.Configuration.GetSection("Caseworker").Get<CaseworkerOptions>() ?? new CaseworkerOptions();
        if (settings.Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Caseworker:Port (--port) is {settings.Port}; give a port from 1 to 65535, or 0 for a free one.");
        }

        settings.Database = Path.GetFullPath(string.IsNullOrWhiteSpace(settings.Database)
            ? Path.Combine(Path.GetTempPath(), "sip-workflow-caseworker.db")
            : settings.Database);
        builder.Services.AddSingleton(settings);

        // Loopback only: a demo with made-up people, and an API without real sign-in, is not for the network.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));

        builder.Services.TryAddSingleton(TimeProvider.System);
        // The demo lets one browser switch between three caseworkers of three organisations to walk a whole SIP, so it turns
        // the access rules off by name; the API's reads are still logged with the user. A real host keeps the default rules.
        builder.Services.AddSipWorkflow(builder.Configuration.GetSection("Sip"), o => o.Access = SipAccessPolicies.AllowAll).UseSqliteStore(settings.Database);
        // The API acts as the caseworker the demo says is working; a real host resolves the actor from its sign-in.
        builder.Services.AddSipWorkflowEndpoints(context => DemoUsers.Current(context).Actor);
        builder.Services.AddRazorPages().AddMvcOptions(mvc => mvc.Filters.Add<PageFailureFilter>());
        // Swedish as it is (ä, not &#xE4;), in pages a caseworker's screen reader and a developer's view-source both read.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped(services => Ui.From(services.GetRequiredService<IHttpContextAccessor>().HttpContext));
        if (settings.Seed)
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        configure?.Invoke(builder);

        var app = builder.Build();
        // The SIP exception handler answers the API's refusals as problems; anything else a page did not handle becomes
        // the friendly error page, never a stack trace (in Development too).
        app.UseExceptionHandler("/fel");
        app.UseStatusCodePagesWithReExecute("/fel", "?status={0}");
        app.Use(SecurityHeaders);
        app.MapGet("/assets/{file}", Asset);
        app.MapGet("/processen.svg", ProcessDiagramSvg.Endpoint);
        app.MapRazorPages();

        // The library's own plan document (SipPlanDocument): a whole, self-contained HTML page to print or send, for the
        // audience asked for (?for=individual|participants|archive), in the page's language.
        app.MapGet("/arenden/{id:guid}/plan/dokument", async (Guid id, string? @for, HttpContext context, ISipWorkflow workflow) =>
        {
            if (await Web.CaseView.LoadAsync(workflow, new SipReader { Actor = DemoUsers.Current(context).Actor, Purpose = SipAccessAction.ReadDocument }, id, context.RequestAborted) is not { Case.Plan: { } plan } view)
            {
                return Results.NotFound();
            }

            PlanDocumentAudience? audience = @for switch
            {
                "individual" => PlanDocumentAudience.Individual,
                "participants" => PlanDocumentAudience.Participants,
                "archive" => PlanDocumentAudience.Archive,
                _ => null,
            };
            if (audience is null)
            {
                return Results.BadRequest("?for= is individual, participants or archive.");
            }

            // Protected if either the case or the register says so (as on every page), and the register's name or none
            // at all: the record key is never shown as a name.
            var sipCase = view.Case with { Individual = view.Case.Individual with { HasProtectedIdentity = view.ProtectedIdentity } };
            var html = SipPlanDocument.Render(sipCase, plan.Revision, audience.Value, Web.Ui.From(context).Language,
                new PlanDocumentOptions { IndividualDisplayName = view.Person?.Name });

            // The document carries its styles inline (it is self-contained): allow exactly that style block, still no script.
            context.Response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; style-src {StyleHash(html)}; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            return Results.Content(html, "text/html; charset=utf-8");
        });
        app.MapSipWorkflow("/api/sip");
        return app;
    }

    /// <summary>The CSP source of a document's one inline style block: its SHA-256, so nothing else inline may style the page.</summary>
    private static string StyleHash(string html)
    {
        var start = html.IndexOf("<style>", StringComparison.Ordinal) + "<style>".Length;
        var end = html.IndexOf("</style>", start, StringComparison.Ordinal);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(html[start..end]));
        return $"'sha256-{Convert.ToBase64String(hash)}'";
    }

    // No script, no third-party anything: the pages work without JavaScript, so the policy can forbid it outright.
    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }

    private static IResult Asset(string file)
    {
        var type = Path.GetExtension(file) switch { ".css" => "text/css; charset=utf-8", _ => null };
        return type is not null && typeof(CaseworkerApp).Assembly.GetManifestResourceStream($"Assets/{file}") is { } stream
            ? Results.Stream(stream, type)
            : Results.NotFound();
    }
}
