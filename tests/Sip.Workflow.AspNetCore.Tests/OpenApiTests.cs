using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Sip.Workflow.AspNetCore.Tests;

public sealed class OpenApiTests(SipApi api) : IClassFixture<SipApi>
{
    [Fact]
    public async Task OpenApiDocument_ListsEveryCommandAndQuery()
    {
        using var client = api.CreateClient();

        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var operations = document!["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Path: path.Key, Method: operation.Key, Operation: operation.Value!.AsObject())))
            .ToList();
        var commands = typeof(SipCommand).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(SipCommand)) && !t.IsAbstract).ToList();
        commands.Should().HaveCountGreaterThan(30);
        foreach (var command in commands)
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
            "get /sip/cases/{caseId}/checkpoint", "get /sip/cases/{caseId}/permitted-actions", "post /sip/cases/query",
            "get /sip/due-work", "get /sip/process/diagram", "get /sip/policies",
        ]);
        operations.Should().HaveCount(commands.Count + 9 + 1, "every command, every query and the test host's own endpoint");
    }

    private static string? OperationId(JsonObject operation) => operation["operationId"]?.GetValue<string>();

    private static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
