using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sip.Workflow.Exchange;
using Sip.Workflow.Storage;

namespace Sip.Workflow.Samples.Exchange;

/// <summary>
/// One principal's system: its engine over its own SQLite file, the exchange, an HTTP endpoint that receives messages,
/// and a hosted subscriber that sends what its feed gives rise to. Listens on 127.0.0.1 only.
/// </summary>
internal sealed class PrincipalHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PrincipalHost(WebApplication app, OrganisationReference unit)
    {
        _app = app;
        Unit = unit;
    }

    public OrganisationReference Unit { get; }

    public ISipWorkflow Workflow => _app.Services.GetRequiredService<ISipWorkflow>();

    public Peers Peers => _app.Services.GetRequiredService<Peers>();

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<PrincipalHost> StartAsync(string system, PrincipalKind principal, OrganisationReference unit, string databasePath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSipWorkflow().UseSqliteStore(databasePath)
            .AddExchange(new SipExchangeOptions { System = system, Principal = principal, Units = [unit] });
        builder.Services.AddSingleton<Peers>();
        builder.Services.AddHttpClient();
        builder.Services.AddSipEventSubscriber<SendToPeers>("sip-exchange", o => o.PollInterval = TimeSpan.FromMilliseconds(100));

        var app = builder.Build();
        app.MapPost("/sip-exchange", ReceiveAsync);
        await app.StartAsync();
        return new PrincipalHost(app, unit);
    }

    // The receiving end of the transport: the JSON form in, the receipt out; a refusal is a problem response saying why.
    private static async Task<IResult> ReceiveAsync(HttpRequest request, SipExchange exchange, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            var receipt = await exchange.ReceiveAsync(SipExchangeJson.Deserialize(body), cancellationToken);
            return Results.Ok(new { messageId = receipt.MessageId, outcome = receipt.Outcome.ToString(), caseId = receipt.CaseId.ToString() });
        }
        catch (SipExchangeRefusedException refused)
        {
            return Results.Problem(
                title: "The SIP exchange message was refused",
                detail: refused.Message,
                statusCode: refused.Reason switch
                {
                    SipExchangeRefusal.UnknownCase => StatusCodes.Status404NotFound,
                    SipExchangeRefusal.NotAddressedHere => StatusCodes.Status421MisdirectedRequest,
                    SipExchangeRefusal.OutOfOrder => StatusCodes.Status409Conflict,
                    SipExchangeRefusal.CaseChanged => StatusCodes.Status503ServiceUnavailable,
                    SipExchangeRefusal.RefusedByCase => StatusCodes.Status422UnprocessableEntity,
                    SipExchangeRefusal.UnsupportedSchema => StatusCodes.Status415UnsupportedMediaType,
                    _ => StatusCodes.Status400BadRequest,
                },
                extensions: new Dictionary<string, object?> { ["reason"] = refused.Reason.ToString(), ["transient"] = refused.IsTransient });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Where each unit of the other principal receives messages (in a real host: configuration or a directory).</summary>
internal sealed class Peers
{
    private readonly ConcurrentDictionary<string, Uri> _endpoints = new(StringComparer.OrdinalIgnoreCase);

    public void Add(OrganisationReference unit, Uri address) => _endpoints[unit.Identifier ?? unit.Name] = new Uri(address, "/sip-exchange");

    public Uri For(OrganisationReference unit) => _endpoints.TryGetValue(unit.Identifier ?? unit.Name, out var endpoint)
        ? endpoint
        : throw new InvalidOperationException($"No exchange endpoint is configured for {unit.Name}.");

    /// <summary>Messages the other side refused for good, kept for a person to look at instead of blocking the feed.</summary>
    public ConcurrentQueue<string> DeadLetters { get; } = new();
}

/// <summary>
/// The sending end: every entry of this system's feed becomes the messages the other system needs, posted as JSON. A
/// passing failure (no answer, a 5xx) throws, so the subscriber backs off and tries the entry again (the receiver recognises
/// what it already applied); any refusal — out of order included, which may need a person — is put aside with its case, so
/// one message that cannot go does not hold up every SIP behind it. A real host keeps the parked messages durably and
/// shows them to a person, who resends them in order once the cause is gone.
/// </summary>
internal sealed partial class SendToPeers(SipExchange exchange, Peers peers, IHttpClientFactory http, ILogger<SendToPeers> logger) : ISipEventSubscriber
{
    public async Task HandleAsync(SipFeedEntry entry, CancellationToken cancellationToken)
    {
        foreach (var message in await exchange.MessagesForAsync(entry, cancellationToken))
        {
            using var content = new StringContent(SipExchangeJson.Serialize(message), System.Text.Encoding.UTF8, SipExchangeJson.MediaType);
            using var response = await http.CreateClient().PostAsync(peers.For(message.To), content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                continue;
            }

            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                throw new HttpRequestException($"The other system answered {(int)response.StatusCode} to message {message.MessageId}; trying again.");
            }

            RefusedForGood(logger, message.MessageId, message.Kind, (int)response.StatusCode);
            peers.DeadLetters.Enqueue($"{message.MessageId} {message.Kind}: {problem}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} ({Kind}) was refused for good: {Status}")]
    private static partial void RefusedForGood(ILogger logger, Guid messageId, SipExchangeMessageKind kind, int status);
}
