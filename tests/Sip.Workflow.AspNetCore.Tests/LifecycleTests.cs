using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.AspNetCore.Tests;

public sealed class LifecycleTests(SipApi api) : IClassFixture<SipApi>
{
    [Fact]
    public async Task WholeSip_ThroughHttp_OpensConsentsSummonsAndEstablishesThePlan()
    {
        using var client = api.Caseworker();
        var now = api.Time.GetUtcNow();

        var opened = await client.PostAsync("/sip/cases", SipHttp.OpenCaseBody);
        var openedBody = await opened.JsonAsync();
        opened.StatusCode.Should().Be(HttpStatusCode.Created, openedBody.ToJsonString());
        var caseId = openedBody["case"]!["id"]!.GetValue<string>();
        opened.Headers.Location!.ToString().Should().Be($"/sip/cases/{caseId}");
        opened.Headers.ETag!.Tag.Should().Be("\"1\"");
        openedBody["case"]!["state"]!.GetValue<string>().Should().Be("NeedIdentified");
        openedBody["event"]!["actor"]!["userId"]!.GetValue<string>().Should().Be("hsa-vcs-123", "the actor is the signed-in user");

        var steps = new (string Step, object Body)[]
        {
            ("record-consent", new { consent = SipTestData.OwnConsent(now) }),
            ("start-preparation", new { }),
            ("add-participant", new { participant = new { kind = ParticipantKind.SocialServices, organisation = SipTestData.SocialServicesUnit, hasMandateToDecide = true } }),
            ("add-participant", new { participant = new { kind = ParticipantKind.RegionalHealthCare, organisation = SipTestData.PrimaryCareUnit, hasMandateToDecide = true } }),
            ("schedule-meeting", new { meeting = SipTestData.PlanMeeting(now.AddDays(7)) }),
            ("send-summons", new { }),
        };
        foreach (var (step, body) in steps)
        {
            var response = await client.PostAsync($"/sip/cases/{caseId}/commands/{step}", body);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{step}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        api.Time.Advance(TimeSpan.FromDays(7));
        var plan = SipTestData.CompletePlan(SipCaseId.New(), api.Time.GetUtcNow().AddMonths(3));
        var established = await client.PostAsync($"/sip/cases/{caseId}/commands/establish-plan",
            new
            {
                // The plan's content as a caseworker's form sends it; the revision and its time are the engine's.
                plan = new
                {
                    plan.Plan.Goals, plan.Plan.Interventions, plan.Plan.WhatMattersToIndividual, plan.Plan.IndividualParticipation, plan.Plan.KinParticipation,
                },
                leadPrincipal = plan.LeadPrincipal,
                followUpBooking = plan.FollowUpBooking,
            });
        var establishedBody = await established.JsonAsync();
        established.StatusCode.Should().Be(HttpStatusCode.OK, establishedBody.ToJsonString());
        establishedBody["case"]!["state"]!.GetValue<string>().Should().Be("PlanEstablished");
        established.Headers.ETag!.Tag.Should().Be("\"8\"");

        var read = await client.GetAsync($"/sip/cases/{caseId}", TestContext.Current.CancellationToken);
        read.Headers.ETag!.Tag.Should().Be("\"8\"");
        var history = await (await client.GetAsync($"/sip/cases/{caseId}/history", TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonArray>(TestContext.Current.CancellationToken);
        history!.Select(e => e!["eventType"]!.GetValue<string>()).Should().Equal(
            "CaseOpened", "ConsentRecorded", "PreparationStarted", "ParticipantAdded", "ParticipantAdded", "MeetingScheduled", "SummonsSent", "PlanEstablished");
        var verification = await (await client.GetAsync($"/sip/cases/{caseId}/verification", TestContext.Current.CancellationToken)).JsonAsync();
        verification["isIntact"]!.GetValue<bool>().Should().BeTrue();
    }
}
