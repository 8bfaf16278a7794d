using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Sip.Workflow.AspNetCore.Tests;

/// <summary>The OpenAPI document describes the endpoints as they behave, so a generated client works against them.</summary>
public sealed class OpenApiTests(SipApi api) : IClassFixture<SipApi>
{
    private static readonly string[] BoundElsewhere = ["actor", "caseId", "commandId", "expectedVersion"];

    private static List<Type> Commands { get; } =
        [.. typeof(SipCommand).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(SipCommand)) && !t.IsAbstract)];

    [Fact]
    public async Task EveryMemberOfTheWorkflow_HasAnOperation()
    {
        var operations = await OperationsAsync();

        // Found by reflection, so a member added to ISipWorkflow without an endpoint fails here. ExecuteAsync is every command.
        var members = typeof(ISipWorkflow).GetMethods().Where(m => !m.IsSpecialName && m.Name != nameof(ISipWorkflow.ExecuteAsync))
            .Select(m => m.Name.EndsWith("Async", StringComparison.Ordinal) ? m.Name[..^"Async".Length] : m.Name)
            .Concat(typeof(ISipWorkflow).GetProperties().Select(p => "Get" + p.Name))

            // The endpoints serve the reads that name their reader (the signed-in user), under the operation ids they had.
            .Select(m => m switch { "ReadCase" => "GetCase", "ReadHistory" => "GetHistory", "ReadCases" => "QueryCases", "ReadDueWork" => "GetDueWork", "ReadPermittedActions" => "GetPermittedActions", _ => m })
            .Distinct()
            .ToList();
        members.Should().Contain(["PurgeCase", "VerifyStore", "GetDueForGallring", "VerifyAgainstCheckpoint", "GetPolicies", "ReadEvents"]);
        foreach (var member in members)
        {
            operations.Should().ContainSingle(o => OperationId(o.Operation) == "Sip" + member, $"ISipWorkflow.{member} has an endpoint");
        }

        foreach (var command in Commands)
        {
            var operation = operations.Single(o => OperationId(o.Operation) == "Sip" + command.Name);
            operation.Method.Should().Be("post");
            operation.Path.Should().Be(command == typeof(OpenCase) ? "/sip/cases" : $"/sip/cases/{{caseId}}/commands/{Kebab(command.Name)}");
            operation.Operation["summary"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
            operation.Operation["requestBody"].Should().NotBeNull($"{command.Name} documents its body");
            operation.Operation["responses"]!.AsObject().Select(r => r.Key).Should().Contain(["400", "404", "409", "412", "422", "503"]);
        }

        operations.Select(o => $"{o.Method} {o.Path}").Should().Contain(
        [
            "get /sip/cases/{caseId}", "get /sip/cases/{caseId}/history", "get /sip/cases/{caseId}/verification",
            "post /sip/cases/{caseId}/verification", "get /sip/cases/{caseId}/checkpoint", "get /sip/cases/{caseId}/permitted-actions",
            "post /sip/cases/query", "get /sip/due-work", "get /sip/process/diagram", "get /sip/policies",
            "post /sip-admin/store/verification", "get /sip-admin/gallring/due", "get /sip-admin/events", "post /sip-admin/cases/{caseId}/purge",
            "get /sip-admin/indicators",
        ]);
        operations.Should().HaveCount(Commands.Count + members.Count + 2, "every command, every other member, the indicators and the test host's own endpoint");
    }

    [Fact]
    public async Task ACommandsBody_LeavesOutWhatComesFromTheUserTheRouteAndTheHeaders()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();

        foreach (var name in Commands.Select(c => c.Name).Append(nameof(PurgeCase)))
        {
            var schema = schemas[name]!.AsObject();
            var properties = schema["properties"]?.AsObject().Select(p => p.Key).ToList() ?? [];
            var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];
            var allowed = name == nameof(OpenCase) ? BoundElsewhere.Except(["caseId"]) : BoundElsewhere;
            properties.Should().NotContain(allowed, $"{name}'s body must not carry them (the API refuses them)");
            required.Should().NotContain(allowed);
            required.Should().BeSubsetOf(properties, $"{name} requires only members it describes");
        }

        schemas["OpenCase"]!["properties"]!.AsObject().Should().ContainKey("caseId", "a client may choose the new case's id");
    }

    [Fact]
    public async Task Headers_AreParametersOfTheOperationsThatReadThem()
    {
        var operations = await OperationsAsync();

        var step = operations.Single(o => OperationId(o.Operation) == "SipRecordConsent").Operation;
        var open = operations.Single(o => OperationId(o.Operation) == "SipOpenCase").Operation;
        var read = operations.Single(o => OperationId(o.Operation) == "SipGetCase").Operation;

        Headers(step).Should().BeEquivalentTo(["If-Match", "Idempotency-Key"]);
        Headers(open).Should().BeEquivalentTo(["Idempotency-Key"], "a new case has no version to match");
        Headers(read).Should().BeEquivalentTo(["If-None-Match"]);
        step["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key).Should().Contain(["ETag", "Idempotent-Replayed"]);
        open["responses"]!["201"]!["headers"]!.AsObject().Select(h => h.Key).Should().Contain(["ETag", "Location"]);
        read["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key).Should().Contain("ETag");
    }

    [Fact]
    public async Task IdsAndEnumsAreStrings_AndTheIndividualsReferenceIsThePlainString()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();

        foreach (var id in typeof(SipCaseId).Assembly.GetExportedTypes().Where(t => t.IsValueType && t.IsAssignableTo(typeof(ISipId))))
        {
            if (schemas[id.Name] is { } schema)
            {
                schema["type"]!.GetValue<string>().Should().Be("string", id.Name);
                schema["format"]!.GetValue<string>().Should().Be("uuid");
            }
        }

        schemas["SipCaseId"].Should().NotBeNull();
        schemas["SubjectReference"]!["type"]!.GetValue<string>().Should().Be("string");
        schemas["ClosureReason"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain("OfferDeclined");
        schemas["SipRetentionRule"]!["required"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("recordKind", "years");
    }

    private static IEnumerable<string> Headers(JsonObject operation)
        => operation["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "header").Select(p => p!["name"]!.GetValue<string>());

    private async Task<JsonObject> DocumentAsync()
    {
        using var client = api.CreateClient();
        return (await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json", TestContext.Current.CancellationToken))!;
    }

    private async Task<List<(string Path, string Method, JsonObject Operation)>> OperationsAsync()
        => [.. (await DocumentAsync())["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Path: path.Key, Method: operation.Key, Operation: operation.Value!.AsObject())))];

    private static string? OperationId(JsonObject operation) => operation["operationId"]?.GetValue<string>();

    private static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
