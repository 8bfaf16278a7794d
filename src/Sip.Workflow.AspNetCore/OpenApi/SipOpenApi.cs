using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Sip.Workflow.Storage;

namespace Sip.Workflow.AspNetCore;

/// <summary>The headers an endpoint reads and writes, for its OpenAPI description (<see cref="SipOpenApi"/>).</summary>
/// <param name="IfMatch">Takes <c>If-Match</c>: the case's ETag the step applies to.</param>
/// <param name="IdempotencyKey">Takes <c>Idempotency-Key</c>, and answers a replay with <c>Idempotent-Replayed</c>.</param>
/// <param name="IfNoneMatch">Takes <c>If-None-Match</c> and answers 304 when the client's copy is current.</param>
/// <param name="ETag">Answers with the case's version as <c>ETag</c>.</param>
internal sealed record SipHeaderMetadata(bool IfMatch = false, bool IdempotencyKey = false, bool IfNoneMatch = false, bool ETag = false);

/// <summary>
/// Makes the OpenAPI document say what the endpoints really do. The generator describes a command's CLR type and the host's
/// JSON options; the endpoints read bodies with <see cref="SipHttpJson"/>, bind the actor, the case, the command id and the
/// expected version from elsewhere, and take headers the generator cannot see.
/// </summary>
internal static class SipOpenApi
{
    /// <summary>Adds the SIP transformers to an OpenAPI document's options.</summary>
    public static void Configure(OpenApiOptions options)
    {
        options.AddSchemaTransformer(TransformSchema);
        options.AddOperationTransformer(TransformOperation);
    }

    private static Task TransformSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            type = underlying;
        }

        if (type.IsAssignableTo(typeof(ISipId)))
        {
            Describe(schema, JsonSchemaType.String, "uuid");
        }
        else if (type == typeof(SubjectReference))
        {
            // Over HTTP the reference is the plain string the host gave (SipHttpJson), not the stored {"value": …}.
            Describe(schema, JsonSchemaType.String);
            schema.MinLength = 1;
            schema.MaxLength = SipLimits.SubjectReferenceMaxLength;
        }
        else if (type == typeof(SipYearMonth))
        {
            Describe(schema, JsonSchemaType.String);
            schema.Pattern = @"^\d{4}-\d{2}$";
        }
        else if (type == typeof(SipRequirement))
        {
            DescribeObject(schema, ["code"],
                ("code", JsonSchemaType.String), ("kind", JsonSchemaType.String), ("source", JsonSchemaType.String),
                ("references", JsonSchemaType.Array), ("swedishText", JsonSchemaType.String), ("englishText", JsonSchemaType.String));
        }
        else if (type == typeof(SipRetentionRule))
        {
            DescribeObject(schema, ["recordKind", "years"],
                ("recordKind", JsonSchemaType.String), ("years", JsonSchemaType.Integer),
                ("cullingIsDuty", JsonSchemaType.Boolean), ("legalBasis", JsonSchemaType.Object));
            ((OpenApiSchema)schema.Properties!["recordKind"]).Enum = [.. Enum.GetNames<SipRecordKind>().Select(n => (JsonNode)n)];
        }
        else if (type.IsAssignableTo(typeof(SipCommand)) || type == typeof(PurgeCase))
        {
            RemoveMembersBoundElsewhere(schema, context);
        }

        return Task.CompletedTask;
    }

    // The body never carries these (SipHttpJson refuses them): leaving them in the schema would tell a client generator to
    // send the actor and the case, and mark them required.
    private static void RemoveMembersBoundElsewhere(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is MemberInfo member && SipHttpJson.IsBoundElsewhere(member))
            {
                schema.Properties?.Remove(property.Name);
                schema.Required?.Remove(property.Name);
            }
        }
    }

    private static void Describe(OpenApiSchema schema, JsonSchemaType type, string? format = null)
    {
        schema.Type = type;
        schema.Format = format;
    }

    private static void DescribeObject(OpenApiSchema schema, string[] required, params (string Name, JsonSchemaType Type)[] properties)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Properties = properties.ToDictionary(p => p.Name, p => (IOpenApiSchema)new OpenApiSchema { Type = p.Type }, StringComparer.Ordinal);
        schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
    }

    private static Task TransformOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<SipHeaderMetadata>().LastOrDefault() is not { } headers)
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        if (headers.IfMatch)
        {
            Add(operation, Header(HeaderNames.IfMatch,
                "The case's ETag as read (GET /cases/{caseId}), e.g. \"7\" with the quotes: the step applies only if the case is still at that version, or 412 and nothing saved. * or none: any version."));
        }

        if (headers.IdempotencyKey)
        {
            var key = Header(SipHttpHeaders.IdempotencyKey,
                "A key the client chooses per command (a UUID, say): a retry with the same key returns the first result with Idempotent-Replayed: true and applies nothing twice. Keys are per user.");
            ((OpenApiSchema)key.Schema!).MaxLength = SipHttpHeaders.MaxIdempotencyKeyLength;
            Add(operation, key);
        }

        if (headers.IfNoneMatch)
        {
            Add(operation, Header(HeaderNames.IfNoneMatch, "The ETag of the client's copy: 304 Not Modified when the case is still at that version."));
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (status is not ("200" or "201") || response is not OpenApiResponse success)
            {
                continue;
            }

            success.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase);
            if (headers.ETag)
            {
                success.Headers[HeaderNames.ETag] = ResponseHeader("The case's version, to send back as If-Match with the next command.");
            }

            if (headers.IdempotencyKey)
            {
                success.Headers[SipHttpHeaders.IdempotentReplayed] = ResponseHeader("true when this is the first result of a command sent again with the same Idempotency-Key.");
            }

            if (status == "201")
            {
                success.Headers[HeaderNames.Location] = ResponseHeader("The new case's address.");
            }
        }

        return Task.CompletedTask;
    }

    // Once per header, however often the host registered the endpoints' services.
    private static void Add(OpenApiOperation operation, OpenApiParameter header)
    {
        if (!operation.Parameters!.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, header.Name, StringComparison.OrdinalIgnoreCase)))
        {
            operation.Parameters!.Add(header);
        }
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiHeader ResponseHeader(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
