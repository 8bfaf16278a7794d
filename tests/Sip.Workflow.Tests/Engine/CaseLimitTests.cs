using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>A case cannot grow without bound: its document size and its event count are limited, and the limit is checked before anything is written.</summary>
public sealed class CaseLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SipScenario Scenario(int maxBytes = 4 * 1024 * 1024, int maxEvents = 5000)
    {
        var store = new InMemorySipCaseStore();
        var time = new FakeTimeProvider(SipTestData.Start);
        var workflow = new SipWorkflow(store, new SipWorkflowOptions { MaxCaseDocumentBytes = maxBytes, MaxEventsPerCase = maxEvents }, time);
        return new SipScenario(workflow, store, time);
    }

    private static Task<SipCommandResult> DeviationAsync(SipScenario s, SipCaseId id, string text)
        => s.Workflow.RecordDeviationAsync(new RecordDeviation
        {
            CaseId = id, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = text },
        }, Ct);

    private static async Task<SipCase> FullCaseAsync(SipScenario s, int events)
    {
        var c = await s.ConsentedAsync();
        while (c.Version < events)
        {
            c = (await DeviationAsync(s, c.Id, "Kallad part uteblev.")).Case;
        }

        return c;
    }

    [Fact]
    public async Task A_command_that_would_make_the_document_larger_than_the_limit_is_refused_and_nothing_is_written()
    {
        var s = Scenario(maxBytes: 64 * 1024);
        var c = await s.ConsentedAsync();
        var text = new string('ö', SipLimits.LongTextMaxLength); // 8,000 UTF-8 bytes

        var refused = false;
        for (var i = 0; i < 20 && !refused; i++)
        {
            var before = (await s.Store.GetAsync(c.Id, Ct))!;
            if (System.Text.Encoding.UTF8.GetByteCount(SipJson.SerializeCase(before)) + 9000 < 64 * 1024)
            {
                await DeviationAsync(s, c.Id, text);
                continue;
            }

            var thrown = await s.ExpectRefusedAsync<SipCaseLimitExceededException>(c.Id, () => DeviationAsync(s, c.Id, text));
            thrown.Limit.Should().Be(SipCaseLimit.DocumentSize);
            thrown.CaseId.Should().Be(c.Id);
            thrown.Maximum.Should().Be(64 * 1024);
            thrown.Actual.Should().BeGreaterThan(64 * 1024);
            thrown.Message.Should().Contain("MaxCaseDocumentBytes").And.NotContain("ööö");
            refused = true;
        }

        refused.Should().BeTrue("the document must reach the limit within twenty maximum-length texts");
        var stored = (await s.Store.GetAsync(c.Id, Ct))!;
        System.Text.Encoding.UTF8.GetByteCount(SipJson.SerializeCase(stored)).Should().BeLessThanOrEqualTo(64 * 1024);
    }

    [Fact]
    public async Task A_command_that_would_add_an_event_past_the_limit_is_refused_and_closing_still_goes_through_on_the_reserve()
    {
        var s = Scenario(maxEvents: 100);
        var c = await FullCaseAsync(s, events: 100);

        var thrown = await s.ExpectRefusedAsync<SipCaseLimitExceededException>(c.Id, () => DeviationAsync(s, c.Id, "En till."));
        thrown.Limit.Should().Be(SipCaseLimit.EventCount);
        thrown.Maximum.Should().Be(100);
        thrown.Actual.Should().Be(101);

        var closed = await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = s.Actor, Reason = ClosureReason.NoNewNeedsExpected }, Ct);
        closed.Case.State.Should().Be(SipState.Closed, "ending a SIP must never be blocked by a full case");
        closed.Case.Version.Should().Be(101);
    }

    [Fact]
    public async Task Repeating_a_change_of_the_individual_never_uses_up_the_reserve_that_ending_the_SIP_needs()
    {
        var s = Scenario(maxEvents: 100);
        var c = await FullCaseAsync(s, events: 100);
        var changes = 0;
        var change = () => s.Workflow.ChangeIndividualAsync(new ChangeIndividual { CaseId = c.Id, Actor = s.Actor, HasProtectedIdentity = true }, Ct);
        while (changes < 50)
        {
            try
            {
                await change();
                changes++;
            }
            catch (SipCaseLimitExceededException refused)
            {
                refused.Maximum.Should().Be(105, "the individual's details have a twentieth above the limit");
                break;
            }
        }

        changes.Should().Be(5);
        var closed = await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = s.Actor, Reason = ClosureReason.NoNewNeedsExpected }, Ct);
        closed.Case.State.Should().Be(SipState.Closed, "ending keeps its own, larger reserve");
    }

    [Fact]
    public void Limits_too_large_to_count_are_refused_rather_than_overflowing()
    {
        var options = new SipWorkflowOptions { MaxCaseDocumentBytes = int.MaxValue, MaxEventsPerCase = int.MaxValue };
        options.Validate().Should().HaveCount(2).And.Contain(p => p.Contains("256 MiB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Withdrawing_consent_on_a_full_case_goes_through_on_the_reserve()
    {
        var s = Scenario(maxEvents: 100);
        var c = await FullCaseAsync(s, events: 100);

        var withdrawn = await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual }, Ct);
        withdrawn.Case.State.Should().Be(SipState.Closed);
    }

    [Fact]
    public async Task One_plan_with_every_list_full_of_maximum_length_texts_is_refused_under_the_default_limit()
    {
        var s = Scenario();
        var c = await s.SummonedAsync();
        var text = new string('ä', SipLimits.LongTextMaxLength);
        var complete = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3));
        var huge = complete with
        {
            Plan = complete.Plan with
            {
                Goals = [.. Enumerable.Range(0, SipLimits.MaxItems).Select(i => complete.Plan.Goals[i % complete.Plan.Goals.Count] with { Id = GoalId.New(), Text = text })],
                Interventions = [.. Enumerable.Range(0, SipLimits.MaxItems).Select(i => complete.Plan.Interventions[i % complete.Plan.Interventions.Count] with { Id = InterventionId.New(), What = text })],
                Needs = [.. Enumerable.Range(0, SipLimits.MaxItems).Select(_ => new Need { Id = NeedId.New(), Text = text })],
                WhatMattersToIndividual = text,
            },
        };

        var thrown = await s.ExpectRefusedAsync<SipCaseLimitExceededException>(c.Id, () => s.Workflow.EstablishPlanAsync(huge, Ct));
        thrown.Limit.Should().Be(SipCaseLimit.DocumentSize);
        thrown.Actual.Should().BeGreaterThan(4 * 1024 * 1024, "three lists of 200 texts of 4,000 'ä' are 4.8 MB");
        (await s.Workflow.EstablishPlanAsync(complete, Ct)).Case.State.Should().Be(SipState.PlanEstablished, "an ordinary plan fits");
    }

    [Fact]
    public void Limits_below_the_minimum_are_refused_with_the_option_named()
    {
        var options = new SipWorkflowOptions { MaxCaseDocumentBytes = 1000, MaxEventsPerCase = 10 };
        options.Validate().Should().Contain(p => p.Contains("MaxCaseDocumentBytes is 1000", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("MaxEventsPerCase is 10", StringComparison.Ordinal));
        var build = () => new SipWorkflow(new InMemorySipCaseStore(), options);
        build.Should().Throw<ArgumentException>().WithParameterName("options");
    }

    [Fact]
    public async Task Documents_are_written_with_non_ascii_text_as_it_is_and_old_escaped_documents_still_read_and_verify()
    {
        var s = Scenario();
        var c = await s.ConsentedAsync();
        var result = await DeviationAsync(s, c.Id, "Försäkringskassan uteblev; تم التأجيل");
        var document = SipJson.SerializeCase(result.Case);
        document.Should().Contain("Försäkringskassan uteblev; تم التأجيل").And.NotContain("\\u00F6");
        SipJson.SerializeEvent(result.Event).Should().NotContain("\\u");

        // The same case as an older library wrote it (every non-ASCII character escaped) reads the same and verifies.
        var escaped = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(document).RootElement);
        escaped.Should().Contain("\\u00F6");
        var read = SipJson.DeserializeCase(escaped);
        var history = await s.Store.GetHistoryAsync(c.Id, Ct);
        SipAuditChain.Verify(history, read).IsIntact.Should().BeTrue();
    }
}
