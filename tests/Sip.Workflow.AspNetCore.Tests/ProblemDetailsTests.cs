using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.AspNetCore.Tests;

/// <summary>
/// Every exception of the library answered with its problem: each type's status, <c>type</c> and extensions through the
/// real pipeline, and a check by reflection that no exception type lacks a row here.
/// </summary>
public sealed class ProblemDetailsTests(SipApi api) : IClassFixture<SipApi>
{
    private static readonly SipCaseId CaseId = SipCaseId.New();

    /// <summary>One sample per exception type, with the problem it must become.</summary>
    public static TheoryData<string> ExceptionTypes => [.. Samples.Keys.Select(t => t.Name)];

    private static Dictionary<Type, (Exception Sample, HttpStatusCode Status, string Type, Action<JsonObject> Body)> Samples { get; } = new()
    {
        [typeof(SipCaseNotFoundException)] = (new SipCaseNotFoundException(CaseId), HttpStatusCode.NotFound, SipProblemTypes.CaseNotFound,
            body => body["caseId"]!.GetValue<string>().Should().Be(CaseId.ToString())),
        [typeof(SipConcurrencyException)] = (new SipConcurrencyException(CaseId, 3, 4), HttpStatusCode.Conflict, SipProblemTypes.ConcurrentChange,
            body =>
            {
                body["expectedVersion"]!.GetValue<long>().Should().Be(3);
                body["actualVersion"]!.GetValue<long>().Should().Be(4);
            }),
        [typeof(SipInvalidStateException)] = (new SipInvalidStateException(CaseId, SipState.Closed, SipTrigger.RecordConsent, [SipTrigger.DocumentClosing]),
            HttpStatusCode.Conflict, SipProblemTypes.InvalidState,
            body =>
            {
                body["state"]!.GetValue<string>().Should().Be("Closed");
                body["step"]!.GetValue<string>().Should().Be("RecordConsent");
                body["permittedSteps"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("DocumentClosing");
            }),
        [typeof(SipIdempotencyConflictException)] = (new SipIdempotencyConflictException(CommandId.New(), CaseId, SipEventTypes.ConsentRecorded, contentDiffers: true),
            HttpStatusCode.Conflict, SipProblemTypes.IdempotencyConflict,
            body => body["contentDiffers"]!.GetValue<bool>().Should().BeTrue()),
        [typeof(SipRequirementsNotMetException)] = (
            new SipRequirementsNotMetException(CaseId, SipState.NeedIdentified, SipTrigger.StartPreparation,
                [new UnmetRequirement(SipRequirements.ConsentInformationSharing, SipLanguage.Swedish, new DateOnly(2025, 9, 1))]),
            HttpStatusCode.UnprocessableEntity, SipProblemTypes.RequirementsNotMet,
            body => body["unmetRequirements"]![0]!["code"]!.GetValue<string>().Should().Be("CONSENT-INFORMATION-SHARING")),
        [typeof(SipCaseLimitExceededException)] = (new SipCaseLimitExceededException(CaseId, SipCaseLimit.EventCount, 5000, 5001),
            HttpStatusCode.UnprocessableEntity, SipProblemTypes.CaseLimitExceeded,
            body =>
            {
                body["limit"]!.GetValue<string>().Should().Be("EventCount");
                body["maximum"]!.GetValue<long>().Should().Be(5000);
                body["actual"]!.GetValue<long>().Should().Be(5001);
            }),
        [typeof(SipAccessRefusedException)] = (new SipAccessRefusedException(SipAccessAction.Close, SipAccessRuleNames.LeadOrCoordinator, CaseId),
            HttpStatusCode.Forbidden, SipProblemTypes.AccessRefused,
            body =>
            {
                body["rule"]!.GetValue<string>().Should().Be(SipAccessRuleNames.LeadOrCoordinator);
                body["action"]!.GetValue<string>().Should().Be("Close");
            }),
        [typeof(SipPurgeRefusedException)] = (new SipPurgeRefusedException(CaseId, SipPurgeRefusal.NotClosed, "Only a closed SIP is purged."),
            HttpStatusCode.Conflict, SipProblemTypes.PurgeRefused,
            body => body["reason"]!.GetValue<string>().Should().Be("NotClosed")),
        [typeof(Sip.Workflow.Exchange.SipExchangeRefusedException)] = (
            new Sip.Workflow.Exchange.SipExchangeRefusedException(Sip.Workflow.Exchange.SipExchangeRefusal.OutOfOrder, "Plan revision 2 arrived before revision 1.") { MessageId = Guid.Empty },
            HttpStatusCode.Conflict, SipProblemTypes.ExchangeRefused,
            body =>
            {
                body["reason"]!.GetValue<string>().Should().Be("OutOfOrder");
                body["transient"]!.GetValue<bool>().Should().BeTrue();
            }),
        [typeof(SipUnknownPolicyException)] = (new SipUnknownPolicyException(CaseId, "Region Gotland internal", ["Nationell vägledning"]),
            HttpStatusCode.InternalServerError, SipProblemTypes.UnknownPolicy,
            body => body.ToJsonString().Should().NotContain("Gotland", "the server's configuration is the operator's business")),
        [typeof(SipStorageException)] = (new SipStorageException("The file /var/lib/sip/secret.db is not a SIP database.", new IOException("disk")),
            HttpStatusCode.InternalServerError, SipProblemTypes.StorageFailure,
            body => body.ToJsonString().Should().NotContain("secret").And.NotContain("disk", "no internals leak")),
        [typeof(SipTransientStoreException)] = (new SipTransientStoreException("Connection to 10.0.0.7 reset.", mayHaveBeenApplied: true),
            HttpStatusCode.ServiceUnavailable, SipProblemTypes.StoreUnavailable,
            body =>
            {
                body["mayHaveBeenApplied"]!.GetValue<bool>().Should().BeTrue();
                body.ToJsonString().Should().NotContain("10.0.0.7");
            }),
    };

    [Fact]
    public void EveryExceptionTypeOfTheLibrary_HasAProblemHere()
    {
        var assemblies = new[] { typeof(ISipWorkflow).Assembly, typeof(InMemory.InMemorySipCaseStore).Assembly, typeof(PostgreSql.PostgreSqlSipCaseStore).Assembly, typeof(SipProblemTypes).Assembly };
        var exceptionTypes = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(SipWorkflowException)) && !t.IsAbstract)
            .ToList();

        exceptionTypes.Should().NotBeEmpty();
        Samples.Keys.Should().BeEquivalentTo(exceptionTypes, "a new exception type needs its status, type and body decided and tested");
    }

    [Theory]
    [MemberData(nameof(ExceptionTypes))]
    public async Task Exception_BecomesItsProblem(string exceptionType)
    {
        var (sample, status, type, body) = Samples.Single(s => s.Key.Name == exceptionType).Value;
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();
        api.NextFault = sample;

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/start-preparation", new { });

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.JsonAsync();
        problem["type"]!.GetValue<string>().Should().Be(type).And.StartWith(SipProblemTypes.Prefix);
        problem["status"]!.GetValue<int>().Should().Be((int)status);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        problem["detail"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        problem["traceId"].Should().NotBeNull("the host's ProblemDetails service writes the problem");
        body(problem);
    }

    [Fact]
    public async Task PassingStoreFailure_AsksToRetryAfterASecond()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();
        api.NextFault = new SipTransientStoreException("Deadlock.", mayHaveBeenApplied: false);

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/start-preparation", new { });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("sv", SipLanguage.Swedish)]
    [InlineData("en-GB,en;q=0.9", SipLanguage.English)]
    [InlineData("de, en;q=0.5", SipLanguage.English)]
    public async Task UnmetRequirements_Are422InTheLanguageTheRequestAsksFor(string acceptLanguage, SipLanguage expected)
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/sip/cases/{caseId}/commands/start-preparation") { Content = SipHttp.Body(new { }) };
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        // No consent yet: preparation needs consent to information sharing (the engine itself speaks Swedish).
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentLanguage.Should().Equal(expected == SipLanguage.English ? "en" : "sv");
        var problem = await response.JsonAsync();
        problem["type"]!.GetValue<string>().Should().Be(SipProblemTypes.RequirementsNotMet);
        problem["step"]!.GetValue<string>().Should().Be("StartPreparation");
        var unmet = problem["unmetRequirements"]!.AsArray().Single(u => u!["code"]!.GetValue<string>() == SipRequirements.ConsentInformationSharing.Code)!;
        unmet["text"]!.GetValue<string>().Should().Be(SipRequirements.ConsentInformationSharing.Text(expected));
        unmet["legalReference"]!.GetValue<string>().Should().Contain("offentlighets- och sekretesslagen");
        unmet["source"]!.GetValue<string>().Should().Be("Law");
        problem["title"]!.GetValue<string>().Should().Be(expected == SipLanguage.English ? "Requirements are not met" : "Krav är inte uppfyllda");
        (await client.HistoryLengthAsync(caseId)).Should().Be(1);
    }

    [Fact]
    public async Task BadInput_Is400NamingThePropertyWithoutEchoingTheValue()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();
        var tomorrow = SipTestData.OwnConsent(api.Time.GetUtcNow().AddDays(1));

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/record-consent", new { consent = tomorrow });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem["type"]!.GetValue<string>().Should().Be(SipProblemTypes.InvalidInput);
        problem["errors"]!["givenAt"]![0]!.GetValue<string>().Should().Contain("lies in the future");
        problem.ToJsonString().Should().NotContain("Actual value", "the framework's echo of the value is cut off").And.NotContain("(Parameter");
    }

    [Fact]
    public async Task PersonalIdentityNumberInInput_IsRefusedWithoutBeingEchoed()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/add-participant", new
        {
            participant = new { kind = ParticipantKind.SocialServices, organisation = new { name = "Socialtjänsten 19121212-1212" }, hasMandateToDecide = true },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        text.Should().NotContain("1212");
        (await response.JsonAsync())["errors"]!.AsObject().Should().ContainSingle();
    }

    [Fact]
    public async Task PersonalIdentityNumberAsTheIndividualsReference_IsRefusedAtItsPlace()
    {
        using var client = api.Caseworker();

        var response = await client.PostAsync("/sip/cases", new
        {
            individual = new { reference = "19121212-1212" },
            origin = CaseOrigin.Outpatient(),
            identifiedBy = PrincipalKind.Region,
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        text.Should().NotContain("1212");
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Equal("individual.reference");
        errors["individual.reference"]![0]!.GetValue<string>().Should().Contain("personal identity");
    }

    [Fact]
    public async Task UnknownCase_Is404()
    {
        using var client = api.Caseworker();
        var caseId = SipCaseId.New().ToString();

        var read = await client.GetAsync($"/sip/cases/{caseId}", TestContext.Current.CancellationToken);
        var step = await client.PostAsync($"/sip/cases/{caseId}/commands/start-preparation", new { });

        foreach (var response in new[] { read, step })
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            var problem = await response.JsonAsync();
            problem["type"]!.GetValue<string>().Should().Be(SipProblemTypes.CaseNotFound);
            problem["caseId"]!.GetValue<string>().Should().Be(caseId);
        }
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task MalformedCaseIdInTheRoute_Is400NamingIt(string caseId)
    {
        using var client = api.Caseworker();

        var response = await client.GetAsync($"/sip/cases/{caseId}/history", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["errors"]!["caseId"].Should().NotBeNull();
    }

    [Fact]
    public async Task StepThatDoesNotExistInTheState_Is409WithTheStepsThatDo()
    {
        using var client = api.Caseworker();
        var caseId = await client.OpenCaseAsync();

        var response = await client.PostAsync($"/sip/cases/{caseId}/commands/send-summons", new { });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await response.JsonAsync();
        problem["type"]!.GetValue<string>().Should().Be(SipProblemTypes.InvalidState);
        problem["permittedSteps"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task HostsOwnArgumentException_IsLeftToTheHost()
    {
        using var client = api.Caseworker();

        var response = await client.GetAsync("/host/throws", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().NotContain("personal data");
    }
}
