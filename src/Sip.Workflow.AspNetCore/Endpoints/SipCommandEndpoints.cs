using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Sip.Workflow.AspNetCore;

/// <summary>
/// One <c>POST</c> per command type, found by reflection over the closed set of <see cref="SipCommand"/>s, so a step
/// added to the process has its endpoint without a change here.
/// </summary>
internal static class SipCommandEndpoints
{
    private static readonly int[] CommandProblems =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
        StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status415UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable,
    ];

    /// <summary>Every command a host can run, by name.</summary>
    public static IReadOnlyList<Type> CommandTypes { get; } =
    [
        .. typeof(SipCommand).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && t.IsAssignableTo(typeof(SipCommand)))
            .OrderBy(t => t.Name, StringComparer.Ordinal),
    ];

    /// <summary>The route of a command, relative to the group.</summary>
    public static string Route(Type commandType) => commandType == typeof(OpenCase)
        ? "/cases"
        : commandType.IsAssignableTo(typeof(SipCaseCommand))
            ? $"/cases/{{caseId}}/commands/{SipEndpointConventions.Kebab(commandType.Name)}"
            : $"/commands/{SipEndpointConventions.Kebab(commandType.Name)}";

    public static void Map(IEndpointRouteBuilder group)
    {
        foreach (var type in CommandTypes)
        {
            var onCase = type.IsAssignableTo(typeof(SipCaseCommand));
            var opens = type == typeof(OpenCase);
            var endpoint = onCase
                ? group.MapPost(Route(type), (SipCaseId caseId, HttpContext context) => ExecuteAsync(context, type, caseId))
                : group.MapPost(Route(type), (Func<HttpContext, Task<IResult>>)(context => ExecuteAsync(context, type, caseId: null)));
            endpoint
                .Describe(
                    type.Name,
                    SipEndpointConventions.Sentence(type.Name),
                    $"Runs {type.Name}. The body is the step's data; the actor is the authenticated user, " +
                    (onCase ? "the case is the route's, If-Match (the case's ETag) makes the step apply only to the version read, " : string.Empty) +
                    "and Idempotency-Key makes a retry return the first result. Refusals change nothing.",
                    CommandProblems)
                .WithMetadata(new SipHeaderMetadata(IfMatch: onCase, IdempotencyKey: true, ETag: true))
                .Accepts(type, "application/json")
                .Produces<SipCommandResult>(opens ? StatusCodes.Status201Created : StatusCodes.Status200OK, "application/json");
        }
    }

    private static async Task<IResult> ExecuteAsync(HttpContext context, Type type, SipCaseId? caseId)
    {
        var request = context.Request;
        var (actor, noActor) = await SipEndpointConventions.ActorAsync(context).ConfigureAwait(false);
        if (actor is null)
        {
            return noActor!;
        }

        var commandId = SipHttpHeaders.CommandId(request, actor);
        var expectedVersion = caseId is null ? null : SipHttpHeaders.ExpectedVersion(request);
        var body = await SipEndpointConventions.ReadBodyAsync(context).ConfigureAwait(false);
        if (body.Length > 0 && !request.HasJsonContentType())
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                type: SipProblemTypes.UnsupportedMediaType,
                title: "A command's body is JSON",
                detail: "Send the command's data as JSON with Content-Type: application/json.");
        }

        var command = Deserialize(body, type, commandId) with { Actor = actor, CommandId = commandId };
        if (command is SipCaseCommand step)
        {
            command = step with { CaseId = caseId!.Value, ExpectedVersion = expectedVersion };
        }

        var result = await context.Workflow().ExecuteAsync(command, context.RequestAborted).ConfigureAwait(false);
        var headers = context.Response.Headers;
        headers.ETag = SipHttpHeaders.ETag(result.Case.Version);
        if (result.IsReplay)
        {
            headers[SipHttpHeaders.IdempotentReplayed] = "true";
        }

        if (command is OpenCase)
        {
            headers.Location = $"{request.PathBase}{request.Path}/{result.Case.Id}";
            return SipEndpointConventions.Json(result, StatusCodes.Status201Created);
        }

        return SipEndpointConventions.Json(result);
    }

    private static SipCommand Deserialize(byte[] content, Type type, CommandId? commandId)
    {
        var json = content.Length == 0 ? "{}"u8.ToArray() : content;

        // An open retried under the same Idempotency-Key must name the same case, or the engine sees other content; a
        // client that leaves the case id to the server gets one derived from the key, the same on every retry.
        if (type == typeof(OpenCase) && commandId is { } id)
        {
            var open = SipHttpJson.Read(() => JsonNode.Parse(json, documentOptions: new() { AllowDuplicateProperties = false }) as JsonObject, type.Name)
                ?? throw new ArgumentException($"The body of {type.Name} is not a JSON object; send one with the step's data.", "body");
            if (!open.Any(p => string.Equals(p.Key, nameof(OpenCase.CaseId), StringComparison.OrdinalIgnoreCase)))
            {
                open[SipHttpJson.JsonName(nameof(OpenCase.CaseId))] = SipHttpHeaders.NameBased("case", id.Value.ToString("D")).ToString("D");
            }

            json = JsonSerializer.SerializeToUtf8Bytes(open);
        }

        return SipHttpJson.Read(() => (SipCommand?)JsonSerializer.Deserialize(json, type, SipHttpJson.Options), type.Name)
            ?? throw new ArgumentException($"The body of {type.Name} is null; send a JSON object with the step's data.", "body");
    }
}
