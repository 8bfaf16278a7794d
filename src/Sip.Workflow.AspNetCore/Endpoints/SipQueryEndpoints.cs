using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sip.Workflow.Storage;

namespace Sip.Workflow.AspNetCore;

/// <summary>The queries of <see cref="ISipWorkflow"/>, one endpoint each.</summary>
internal static class SipQueryEndpoints
{
    private const int NotFound = StatusCodes.Status404NotFound;
    private const int BadRequest = StatusCodes.Status400BadRequest;
    private const int Forbidden = StatusCodes.Status403Forbidden;

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/cases/{caseId}", GetCaseAsync)
            .Describe("GetCase", "Read a case", "The case; its version is the ETag, to send back as If-Match with a command. If-None-Match with the current ETag answers 304. The read is decided by the access rules and logged; Sip-Access-Reason gives its why-code.", BadRequest, Forbidden, NotFound)
            .WithMetadata(new SipHeaderMetadata(IfNoneMatch: true, ETag: true))
            .Produces<SipCase>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified);

        group.MapGet("/cases/{caseId}/history", GetHistoryAsync)
            .Describe("GetHistory", "Read a case's history", "Every event of the case, oldest first: what happened, when, by whom; ids and codes only. The read is decided by the access rules and logged; Sip-Access-Reason gives its why-code.", BadRequest, Forbidden, NotFound)
            .Produces<IReadOnlyList<SipEvent>>(StatusCodes.Status200OK, "application/json");

        group.MapGet("/cases/{caseId}/verification", async (SipCaseId caseId, HttpContext context)
                => SipEndpointConventions.Json(await context.Workflow().VerifyHistoryAsync(caseId, context.RequestAborted).ConfigureAwait(false)))
            .Describe("VerifyHistory", "Verify a case's history", "Checks the hash chain of the case's history against the case and names the first event where it breaks.", BadRequest, NotFound)
            .Produces<SipAuditVerification>(StatusCodes.Status200OK, "application/json");

        group.MapPost("/cases/{caseId}/verification", VerifyAgainstCheckpointAsync)
            .Describe("VerifyAgainstCheckpoint", "Verify a case against a checkpoint",
                "Checks the case's chain, then that it is still at the checkpoint's version or later with the same event there, or purged with a valid tombstone. The body is a checkpoint GET …/checkpoint returned.",
                BadRequest, NotFound)
            .Accepts<SipCaseCheckpoint>("application/json")
            .Produces<SipAuditVerification>(StatusCodes.Status200OK, "application/json");

        group.MapGet("/cases/{caseId}/checkpoint", async (SipCaseId caseId, HttpContext context)
                => SipEndpointConventions.Json(await context.Workflow().GetCheckpointAsync(caseId, context.RequestAborted).ConfigureAwait(false)))
            .Describe("GetCheckpoint", "Take a checkpoint of a case", "A sealed checkpoint (version and history head) to keep outside the database, so a case set back or deleted is found later.", BadRequest, NotFound, StatusCodes.Status500InternalServerError)
            .Produces<SipCaseCheckpoint>(StatusCodes.Status200OK, "application/json");

        group.MapGet("/cases/{caseId}/permitted-actions", GetPermittedActionsAsync)
            .Describe("GetPermittedActions", "What may happen next",
                "Every step that exists in the case's state and that the access rules let the user take, with its unmet requirements (code, text, legal reference) in the language of ?language=sv|en or Accept-Language. The read is logged.",
                BadRequest, NotFound)
            .Produces<IReadOnlyList<PermittedAction>>(StatusCodes.Status200OK, "application/json");

        group.MapPost("/cases/query", (Func<HttpContext, Task<IResult>>)QueryCasesAsync)
            .Describe("QueryCases", "Find cases",
                "Cases by state, individual, lead principal or deadline, a page at a time, only those the access rules let the user see (a page may hold fewer than asked). A POST, so that the individual's reference never sits in a URL (and so in access logs).",
                BadRequest)
            .Accepts<SipCaseQuery>("application/json")
            .Produces<SipCasePage>(StatusCodes.Status200OK, "application/json");

        group.MapGet("/due-work", (Func<HttpContext, Task<IResult>>)GetDueWorkAsync)
            .Describe("GetDueWork", "Due work (bevakning)",
                "Open cases whose next deadline falls at or before ?dueAtOrBefore= (ISO 8601; now unless given), by due time, only those the access rules let the user see; ?pageSize= (1-1000, 100 unless given) and ?continuationToken= page through them (a page may hold fewer than asked).",
                BadRequest)
            .Produces<DueWorkPage>(StatusCodes.Status200OK, "application/json");

        group.MapGet("/process/diagram", GetProcessDiagram)
            .Describe("GetProcessDiagram", "The process as a diagram",
                "The process under ?policy= (a name from /policies; the default policy unless given) as ?format=mermaid (the default) or dot, with requirement texts in the language of ?language= or Accept-Language.",
                BadRequest)
            .Produces<string>(StatusCodes.Status200OK, "text/plain");

        group.MapGet("/policies", (HttpContext context) => SipEndpointConventions.Json(context.Workflow().Policies))
            .Describe("GetPolicies", "The policies this server knows", "The default policy new cases open under first, then the others a case may be opened under (OpenCase.policy).")
            .Produces<IReadOnlyList<SipPolicy>>(StatusCodes.Status200OK, "application/json");
    }

    private static async Task<IResult> GetCaseAsync(SipCaseId caseId, HttpContext context)
    {
        var (reader, noReader) = await SipEndpointConventions.ReaderAsync(context).ConfigureAwait(false);
        if (reader is null)
        {
            return noReader!;
        }

        var sipCase = await context.Workflow().ReadCaseAsync(caseId, reader, context.RequestAborted).ConfigureAwait(false)
            ?? throw new SipCaseNotFoundException(caseId);
        context.Response.Headers.ETag = SipHttpHeaders.ETag(sipCase.Version);
        return SipHttpHeaders.IfNoneMatch(context.Request, sipCase.Version)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : SipEndpointConventions.Json(sipCase);
    }

    private static async Task<IResult> VerifyAgainstCheckpointAsync(SipCaseId caseId, HttpContext context)
    {
        var checkpoint = await SipEndpointConventions.ReadJsonAsync<SipCaseCheckpoint>(context, "case checkpoint").ConfigureAwait(false)
            ?? throw new ArgumentException("The body is the checkpoint to verify against, as GET …/checkpoint returned it; it is missing.", "body");
        return SipEndpointConventions.Json(await context.Workflow().VerifyAgainstCheckpointAsync(caseId, checkpoint, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> GetHistoryAsync(SipCaseId caseId, HttpContext context)
    {
        var (reader, noReader) = await SipEndpointConventions.ReaderAsync(context).ConfigureAwait(false);
        return reader is null
            ? noReader!
            : SipEndpointConventions.Json(await context.Workflow().ReadHistoryAsync(caseId, reader, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> GetPermittedActionsAsync(SipCaseId caseId, HttpContext context)
    {
        var (reader, noReader) = await SipEndpointConventions.ReaderAsync(context).ConfigureAwait(false);
        return reader is null
            ? noReader!
            : SipEndpointConventions.Json(await context.Workflow()
                .ReadPermittedActionsAsync(caseId, reader, SipHttpHeaders.Language(context.Request), context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> QueryCasesAsync(HttpContext context)
    {
        var (reader, noReader) = await SipEndpointConventions.ReaderAsync(context).ConfigureAwait(false);
        if (reader is null)
        {
            return noReader!;
        }

        var query = await SipEndpointConventions.ReadJsonAsync<SipCaseQuery>(context, "case query").ConfigureAwait(false) ?? new SipCaseQuery();
        return SipEndpointConventions.Json(await context.Workflow().ReadCasesAsync(query, reader, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> GetDueWorkAsync(HttpContext context)
    {
        var (reader, noReader) = await SipEndpointConventions.ReaderAsync(context).ConfigureAwait(false);
        if (reader is null)
        {
            return noReader!;
        }

        var request = context.Request;
        var horizon = SipEndpointConventions.Parse<DateTimeOffset>(request, "dueAtOrBefore", text => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null,
                "a time in ISO 8601 with an offset, e.g. 2025-09-01T08:00:00+02:00")
            ?? (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var pageSize = SipEndpointConventions.PageSize(request);
        string? token = request.Query["continuationToken"];
        return SipEndpointConventions.Json(await context.Workflow().ReadDueWorkAsync(reader, horizon, pageSize, token, context.RequestAborted).ConfigureAwait(false));
    }

    private static IResult GetProcessDiagram(HttpContext context)
    {
        var request = context.Request;
        var format = SipEndpointConventions.Parse<DiagramFormat>(request, "format", text => text.ToUpperInvariant() switch
        {
            "MERMAID" => DiagramFormat.Mermaid,
            "DOT" => DiagramFormat.Dot,
            _ => (DiagramFormat?)null,
        }, "mermaid or dot") ?? DiagramFormat.Mermaid;
        var diagram = context.Workflow().GetProcessDiagram(format, SipHttpHeaders.Language(request), request.Query["policy"].FirstOrDefault());
        return Results.Text(diagram, "text/plain; charset=utf-8");
    }
}
