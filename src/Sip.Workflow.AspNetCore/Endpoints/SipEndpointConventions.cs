using System.Text;
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
}
