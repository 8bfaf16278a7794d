using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Sip.Workflow.Exchange;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Exchange;

/// <summary>
/// What a receiver refuses, and how: bad, foreign or misaddressed messages change nothing and say why without echoing
/// their content; a message about a case the receiver does not know is refused; a replay is recognised.
/// </summary>
public sealed class ExchangeRefusalTests : ExchangeTest
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    // The kommun's case summoned, and the summons message to the region as the kommun's feed gives it (not yet delivered).
    private async Task<(PrincipalSystem Kommun, PrincipalSystem Region, SipCase Case, SipExchangeMessage Summons)> SummonedAsync()
    {
        var (kommun, region, time) = await PrincipalSystem.CreateAsync(DatabasePath);
        var k = new SipScenario(kommun.Workflow, kommun.Store, time);
        var ready = await k.ReadyToSummonAsync();
        var sent = await kommun.Workflow.SendSummonsAsync(new SendSummons { CaseId = ready.Id, Actor = k.Actor }, Ct);
        var messages = await kommun.Exchange.MessagesForAsync((await kommun.Workflow.ReadEventsAsync(0, 100, Ct))[^1], Ct);
        return (kommun, region, sent.Case, messages.Should().ContainSingle().Subject);
    }

    private static async Task<SipExchangeRefusedException> RefusedAsync(PrincipalSystem receiver, SipExchangeMessage message, SipExchangeRefusal reason)
    {
        var before = await receiver.Workflow.ReadEventsAsync(0, 1000, Ct);
        var refused = (await FluentActions.Awaiting(() => receiver.Exchange.ReceiveAsync(message, Ct)).Should().ThrowAsync<SipExchangeRefusedException>()).Which;
        refused.Reason.Should().Be(reason);
        refused.MessageId.Should().Be(message.MessageId);
        (await receiver.Workflow.ReadEventsAsync(0, 1000, Ct)).Should().HaveCount(before.Count, "a refused message changes nothing");
        return refused;
    }

    [Fact]
    public async Task The_same_feed_entry_gives_the_same_messages_and_a_summons_received_twice_is_applied_once()
    {
        var (kommun, region, _, summons) = await SummonedAsync();
        var entry = (await kommun.Workflow.ReadEventsAsync(0, 100, Ct))[^1];
        (await kommun.Exchange.MessagesForAsync(entry, Ct)).Select(SipExchangeJson.Serialize)
            .Should().Equal([SipExchangeJson.Serialize(summons)], "a subscriber that handles an entry again sends the very same message");

        var first = await region.Exchange.ReceiveAsync(summons, Ct);
        first.Outcome.Should().Be(SipExchangeOutcome.Applied);
        var again = await region.Exchange.ReceiveAsync(SipExchangeJson.Deserialize(SipExchangeJson.Serialize(summons)), Ct);
        again.Outcome.Should().Be(SipExchangeOutcome.AlreadyApplied);
        again.CaseId.Should().Be(first.CaseId);
        again.Case.Version.Should().Be(first.Case.Version);

        // The same summons under another message id (a sender that lost its ids) finds the same case and changes nothing.
        var resent = await region.Exchange.ReceiveAsync(summons with { MessageId = Guid.NewGuid() }, Ct);
        resent.Outcome.Should().Be(SipExchangeOutcome.AlreadyApplied);
        resent.Case.Version.Should().Be(first.Case.Version);
    }

    [Fact]
    public async Task A_message_about_a_case_the_receiver_does_not_know_is_refused()
    {
        var (_, region, kommunCase, summons) = await SummonedAsync();
        var closing = summons with
        {
            MessageId = Guid.NewGuid(), Kind = SipExchangeMessageKind.Closing, Summons = null,
            Closing = new SipExchangeClosing { Reason = ClosureReason.CoordinationNoLongerNeeded },
        };

        var noCase = await RefusedAsync(region, closing, SipExchangeRefusal.UnknownCase);
        noCase.Message.Should().Contain("only a summons opens one");
        var unknown = await RefusedAsync(region, closing with { ToCaseId = SipCaseId.New().ToString() }, SipExchangeRefusal.UnknownCase);
        unknown.Message.Should().Contain("does not have");
        await RefusedAsync(region, closing with { ToCaseId = "not-a-case-id" }, SipExchangeRefusal.UnknownCase);
        kommunCase.Should().NotBeNull();
    }

    [Fact]
    public async Task A_unit_that_takes_no_part_in_the_case_is_not_let_in_by_knowing_its_id()
    {
        var (_, region, _, summons) = await SummonedAsync();
        var opened = await region.Exchange.ReceiveAsync(summons, Ct);
        var stranger = new ExternalCaseReference { System = "Okänt", CaseId = "X-1", Organisation = SipTestData.SchoolUnit };
        var closing = summons with
        {
            MessageId = Guid.NewGuid(), Kind = SipExchangeMessageKind.Closing, Summons = null, From = stranger, ToCaseId = opened.CaseId.ToString(),
            Closing = new SipExchangeClosing { Reason = ClosureReason.CoordinationNoLongerNeeded },
        };

        (await RefusedAsync(region, closing, SipExchangeRefusal.UnknownCase)).Message.Should().Contain("nothing was applied");
        (await region.Workflow.GetCaseAsync(opened.CaseId, Ct))!.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task A_message_to_a_unit_the_receiver_does_not_serve_is_refused()
    {
        var (_, region, _, summons) = await SummonedAsync();
        await RefusedAsync(region, summons with { To = SipTestData.HomeCareUnit }, SipExchangeRefusal.NotAddressedHere);
    }

    [Fact]
    public async Task A_plan_revision_ahead_of_what_the_case_holds_is_refused_as_out_of_order_and_may_be_tried_again()
    {
        var (_, region, _, summons) = await SummonedAsync();
        var opened = await region.Exchange.ReceiveAsync(summons, Ct);
        var revision2 = summons with
        {
            MessageId = Guid.NewGuid(), Kind = SipExchangeMessageKind.PlanRevision, Summons = null, ToCaseId = opened.CaseId.ToString(),
            PlanRevision = new SipExchangePlanRevision { Plan = SipTestData.CompletePlanContent() with { Revision = 2 }, Participants = [] },
        };

        var refused = await RefusedAsync(region, revision2, SipExchangeRefusal.OutOfOrder);
        refused.IsTransient.Should().BeTrue("the transport delivers the earlier revision and then this one again");
    }

    [Fact]
    public async Task A_step_the_receiving_case_refuses_is_named_and_the_message_completes_once_the_cause_is_gone()
    {
        var (kommun, region, _, summons) = await SummonedAsync();

        // Sent without any consent: the receiving case may open (the summons came), but may not prepare without consent.
        var refused = (await FluentActions.Awaiting(() => region.Exchange.ReceiveAsync(summons with { Summons = summons.Summons! with { Consents = [] } }, Ct))
            .Should().ThrowAsync<SipExchangeRefusedException>()).Which;
        refused.Reason.Should().Be(SipExchangeRefusal.RefusedByCase);
        refused.Message.Should().Contain(nameof(StartPreparation));
        refused.InnerException.Should().BeOfType<SipRequirementsNotMetException>();
        refused.Message.Should().NotContain(summons.Summons!.Individual.Reference.Value, "a refusal never echoes the individual");

        // The whole summons, delivered again, completes the same case.
        var completed = await region.Exchange.ReceiveAsync(summons, Ct);
        completed.Outcome.Should().Be(SipExchangeOutcome.Applied);
        completed.Case.State.Should().Be(SipState.Summoned);
        (await region.Store.ListCaseIdsAsync(null, 10, Ct)).Should().ContainSingle();
        kommun.Should().NotBeNull();
    }

    [Fact]
    public async Task A_message_whose_payload_does_not_match_its_kind_is_refused_as_malformed()
    {
        var (_, region, _, summons) = await SummonedAsync();
        var mixed = summons with { Closing = new SipExchangeClosing { Reason = ClosureReason.Deceased } };
        (await RefusedAsync(region, mixed, SipExchangeRefusal.Malformed)).Message.Should().Contain("Closing");
        FluentActions.Invoking(() => SipExchangeJson.Serialize(mixed)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("message.Summons");
    }

    [Theory]
    [InlineData("not json at all", SipExchangeRefusal.Malformed)]
    [InlineData("""{"message":{}}""", SipExchangeRefusal.Malformed)]
    [InlineData("""{"schema":"sip-exchange/2","message":{}}""", SipExchangeRefusal.UnsupportedSchema)]
    [InlineData("""{"schema":"sip-exchange/1"}""", SipExchangeRefusal.Malformed)]
    [InlineData("""{"schema":"sip-exchange/1","message":{"messageId":"00000000-0000-0000-0000-000000000000"}}""", SipExchangeRefusal.Malformed)]
    public void Text_that_is_not_a_message_of_a_known_schema_is_refused_saying_why(string json, SipExchangeRefusal reason)
        => FluentActions.Invoking(() => SipExchangeJson.Deserialize(json)).Should().Throw<SipExchangeRefusedException>().Which.Reason.Should().Be(reason);

    [Fact]
    public async Task A_member_this_version_does_not_know_is_refused_rather_than_dropped_and_values_are_checked_as_host_input()
    {
        var (_, _, _, summons) = await SummonedAsync();
        var json = SipExchangeJson.Serialize(summons);

        var unknownMember = json.Replace("\"kind\":", "\"withdrawal\":{\"all\":true},\"kind\":", StringComparison.Ordinal);
        FluentActions.Invoking(() => SipExchangeJson.Deserialize(unknownMember)).Should().Throw<SipExchangeRefusedException>()
            .Which.Reason.Should().Be(SipExchangeRefusal.Malformed);

        // A value the library would refuse from a host is refused from the other system, without echoing it.
        var reference = summons.Summons!.Individual.Reference.Value;
        var hostile = json.Replace($"\"{summons.From.System}\"", "\"Tre\\u0000serva\"", StringComparison.Ordinal);
        var refused = FluentActions.Invoking(() => SipExchangeJson.Deserialize(hostile)).Should().Throw<SipExchangeRefusedException>().Which;
        refused.Reason.Should().Be(SipExchangeRefusal.Malformed);
        refused.Message.Should().Contain("System").And.NotContain(reference);

        SipExchangeJson.Deserialize(json).Should().BeEquivalentTo(summons, o => o.RespectingRuntimeTypes());
    }
}

public sealed class ExchangeRegistrationTests
{
    private static readonly SipExchangeOptions Options = new() { System = "Treserva", Principal = PrincipalKind.Municipality, Units = [SipTestData.SocialServicesUnit] };

    [Fact]
    public void AddExchange_registers_one_exchange_over_the_engine_and_refuses_a_second()
    {
        var services = new ServiceCollection();
        var builder = services.AddSipWorkflow().UseInMemoryStore().AddExchange(Options);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<SipExchange>()
            .Should().BeSameAs(provider.GetRequiredService<SipExchange>());
        FluentActions.Invoking(() => builder.AddExchange(Options)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("builder");
    }

    [Fact]
    public void Options_without_a_unit_are_refused_naming_them()
        => FluentActions.Invoking(() => Options with { Units = [] }).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Units");
}
