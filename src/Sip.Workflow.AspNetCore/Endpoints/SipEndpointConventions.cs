using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sip.Workflow.AspNetCore;

/// <summary>What every SIP endpoint shares: its name and summary, its JSON, the engine.</summary>
internal static class SipEndpointConventions
{
    /// <summary>Names and describes an endpoint for OpenAPI: <c>Sip{name}</c>, a summary, and its problem responses.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string name, string summary, string description, params int[] problems)
    {
        builder.WithName("Sip" + name).WithSummary(summary).WithDescription(description);
        foreach (var status in problems)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>The engine of this request.</summary>
    public static ISipWorkflow Workflow(this HttpContext context) => context.RequestServices.GetRequiredService<ISipWorkflow>();

    /// <summary>The request's body, whole: commands and queries are small, and Kestrel's body size limit applies.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>
    /// The request's body read as <typeparamref name="T"/>; <see langword="null"/> when there is none. JSON that does not fit
    /// is refused naming the member (<see cref="SipHttpJson.Read"/>).
    /// </summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpContext context, string what)
        where T : class
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        return body.Length == 0 ? null : SipHttpJson.Read(() => JsonSerializer.Deserialize<T>(body, SipHttpJson.Options), what);
    }

    /// <summary>A JSON response in the endpoints' own shapes (<see cref="SipHttpJson"/>).</summary>
    public static IResult Json<T>(T value, int statusCode = StatusCodes.Status200OK)
        => Results.Json(value, SipHttpJson.Options, contentType: null, statusCode);

    /// <summary><c>RecordConsent</c> → <c>record-consent</c>.</summary>
    public static string Kebab(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary><c>RecordConsent</c> → <c>Record consent</c>.</summary>
    public static string Sentence(string name)
    {
        var kebab = Kebab(name).Replace('-', ' ');
        return char.ToUpperInvariant(kebab[0]) + kebab[1..];
    }

    /// <summary>A query value, <see langword="null"/> when absent; one that does not parse is refused naming it and what is allowed.</summary>
    public static T? Parse<T>(HttpRequest request, string name, Func<string, T?> parse, string allowed)
        where T : struct
    {
        if (request.Query[name] is not { Count: > 0 } values)
        {
            return null;
        }

        return values.Count == 1 && parse(values[0]!) is { } value
            ? value
            : throw new ArgumentException($"'{name}' must be {allowed}.", name);
    }

    /// <summary>A page size from the query (<c>pageSize</c> unless named otherwise), 100 unless given; the engine refuses one out of range.</summary>
    public static int PageSize(HttpRequest request, string name = "pageSize")
        => Parse<int>(request, name, text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            "a whole number from 1 to 1000") ?? 100;

    /// <summary>
    /// Who reads, from the host's <see cref="ISipActorResolver"/>, with the why-code of the <c>Sip-Access-Reason</c> header:
    /// every read of a case names its reader, so that the access rules decide on it and the access log records it.
    /// </summary>
    public static async Task<(SipReader? Reader, IResult? Problem)> ReaderAsync(HttpContext context)
    {
        var (actor, problem) = await ActorAsync(context).ConfigureAwait(false);
        if (actor is null)
        {
            return (null, problem);
        }

        string? reason = context.Request.Headers[SipHttpHeaders.AccessReason];
        try
        {
            return (new SipReader { Actor = actor, Reason = string.IsNullOrWhiteSpace(reason) ? null : reason }, null);
        }
        catch (ArgumentException e) when (e.ParamName == nameof(SipReader.Reason))
        {
            // Named by the header the client sent, not by the library's property; the value is not echoed.
            throw new ArgumentException(
                $"The {SipHttpHeaders.AccessReason} header is not a why-code: at most 200 characters on one line, without control characters.", SipHttpHeaders.AccessReason, e);
        }
    }

    /// <summary>
    /// Who acts, from the host's <see cref="ISipActorResolver"/>; <see langword="null"/> and a problem (401 or 403) when the
    /// request has no user the host lets act on SIP cases.
    /// </summary>
    public static async Task<(SipActor? Actor, IResult? Problem)> ActorAsync(HttpContext context)
    {
        var actor = await context.RequestServices.GetRequiredService<ISipActorResolver>().ResolveAsync(context).ConfigureAwait(false);
        if (actor is not null)
        {
            return (actor, null);
        }

        var authenticated = context.User.Identity?.IsAuthenticated == true;
        return (null, Results.Problem(
            statusCode: authenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
            type: SipProblemTypes.NoActor,
            title: authenticated ? "The user may not act on SIP cases" : "The request is not authenticated",
            detail: "Every change to a SIP case names who made it; this request has no user the host lets act on SIP cases."));
    }
}
