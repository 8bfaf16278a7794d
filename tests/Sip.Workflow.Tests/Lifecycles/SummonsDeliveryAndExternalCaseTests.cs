using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Lifecycles;

/// <summary>
/// A summons as a message per recipient — pending, delivered, read, answered — and the same SIP's case in the other
/// principal's system linked to this one.
/// </summary>
public sealed class SummonsDeliveryAndExternalCaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ExternalCaseReference MunicipalCase = new()
    {
        System = "Treserva", CaseId = "SOC-2026-117", Organisation = SipTestData.SocialServicesUnit,
    };

    private static RecordSummonsDelivery Delivery(SipScenario s, SipCase c, ParticipantId to, SummonsDeliveryState state, DateTimeOffset? at = null) => new()
    {
        CaseId = c.Id, Actor = s.Actor,
        Delivery = new SummonsDelivery { MeetingId = c.Meetings[^1].Id, ParticipantId = to, State = state, At = at },
    };

    [Fact]
    public async Task Each_recipient_moves_from_pending_to_delivered_read_and_answered()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var meeting = c.Meetings[^1].Id;
        var party = c.RepliesOutstanding[0].Id;
        c.SummonsStateOf(meeting, party).Should().Be(SummonsDeliveryState.Pending);

        var delivered = await s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, c, party, SummonsDeliveryState.Delivered), Ct);
        delivered.Case.SummonsStateOf(meeting, party).Should().Be(SummonsDeliveryState.Delivered);
        delivered.Event.EventType.Should().Be(SipEventTypes.SummonsDeliveryRecorded);
        delivered.Event.Details.Should().Contain("state", "Delivered").And.Contain("participantId", party.ToString());
        delivered.Case.State.Should().Be(SipState.Summoned, "a delivery does not move the case");

        c = (await s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, delivered.Case, party, SummonsDeliveryState.Read), Ct)).Case;
        c.SummonsStateOf(meeting, party).Should().Be(SummonsDeliveryState.Read);

        c = (await s.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply
        {
            CaseId = c.Id, Actor = s.Actor,
            Reply = new SummonsReply { MeetingId = meeting, ParticipantId = party, Answer = SummonsAnswer.Declined, Reason = "Sjukdom." },
        }, Ct)).Case;
        c.SummonsStateOf(meeting, party).Should().Be(SummonsDeliveryState.Answered);
        c.SummonsStateOf(meeting, ParticipantId.New()).Should().BeNull("it was not sent to a party that does not exist");
    }

    [Fact]
    public async Task A_delivery_state_only_moves_forward_and_a_summons_sent_again_starts_over()
    {
        var s = new SipScenario();
        var ready = await s.ReadyToSummonAsync();
        var c = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = ready.Id, Actor = s.Actor }, Ct)).Case;
        var party = c.RepliesOutstanding[0].Id;
        c = (await s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, c, party, SummonsDeliveryState.Read), Ct)).Case;

        var back = await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, c, party, SummonsDeliveryState.Delivered), Ct));
        back.ParamName.Should().Be("Delivery.State");
        back.Message.Should().Contain("only moves forward");

        s.Time.Advance(TimeSpan.FromHours(1));
        c = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct)).Case;
        c.SummonsStateOf(c.Meetings[^1].Id, party).Should().Be(SummonsDeliveryState.Pending, "what was reported for the earlier summons does not count for the new one");
    }

    [Fact]
    public async Task An_answer_stands_when_the_summons_is_sent_again_as_the_due_work_counts_it()
    {
        var s = new SipScenario();
        var ready = await s.ReadyToSummonAsync();
        var c = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = ready.Id, Actor = s.Actor }, Ct)).Case;
        var party = c.RepliesOutstanding[0].Id;
        var meeting = c.Meetings[^1].Id;
        c = (await s.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply
        {
            CaseId = c.Id, Actor = s.Actor,
            Reply = new SummonsReply { MeetingId = meeting, ParticipantId = party, Answer = SummonsAnswer.Declined, Reason = "Sjukdom." },
        }, Ct)).Case;

        s.Time.Advance(TimeSpan.FromHours(1));
        c = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct)).Case;

        c.SummonsStateOf(meeting, party).Should().Be(SummonsDeliveryState.Answered);
        c.RepliesOutstanding.Select(p => p.Id).Should().NotContain(party, "both views count the answer the same way");
    }

    [Fact]
    public async Task A_unit_that_forwarded_the_summons_is_answered_and_takes_no_delivery_while_the_unit_it_went_to_does()
    {
        var s = new SipScenario();
        var ready = await s.ReadyToSummonAsync();
        var c = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = ready.Id, Actor = s.Actor }, Ct)).Case;
        var from = c.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);
        var to = new Participant { Kind = ParticipantKind.MunicipalHealthCare, Organisation = SipTestData.HomeCareUnit, HasMandateToDecide = true };
        c = (await s.Workflow.ForwardSummonsAsync(new ForwardSummons { CaseId = c.Id, Actor = s.Actor, From = from.Id, To = to }, Ct)).Case;
        var meeting = c.Meetings[^1].Id;

        var refused = await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, c, from.Id, SummonsDeliveryState.Delivered), Ct));
        var delivered = await s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, c, to.Id, SummonsDeliveryState.Delivered), Ct);

        refused.ParamName.Should().Be("Delivery.ParticipantId");
        refused.Message.Should().Contain("no longer takes part");
        c.SummonsStateOf(meeting, from.Id).Should().Be(SummonsDeliveryState.Answered, "its forward is its answer");
        delivered.Case.SummonsStateOf(meeting, to.Id).Should().Be(SummonsDeliveryState.Delivered);
    }

    [Fact]
    public async Task A_delivery_that_does_not_fit_the_summons_is_refused_naming_what_and_changes_nothing()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var party = c.RepliesOutstanding[0].Id;
        var sentAt = c.SummonsSent[^1].SentAt;

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, c, ParticipantId.New(), SummonsDeliveryState.Delivered), Ct)))
            .ParamName.Should().Be("Delivery.ParticipantId");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, c, party, SummonsDeliveryState.Answered), Ct)))
            .ParamName.Should().Be("Delivery.State");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, c, party, SummonsDeliveryState.Delivered, sentAt.AddMinutes(-1)), Ct)))
            .ParamName.Should().Be("Delivery.At");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, c, party, SummonsDeliveryState.Delivered, s.Time.GetUtcNow().AddDays(1)), Ct)))
            .ParamName.Should().Be("Delivery.At");
        var unsent = c with { Meetings = [c.Meetings[^1] with { Id = MeetingId.New() }] };
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordSummonsDeliveryAsync(Delivery(s, unsent, party, SummonsDeliveryState.Delivered), Ct)))
            .ParamName.Should().Be("Delivery.MeetingId");
    }

    [Fact]
    public async Task A_case_opened_from_a_received_summons_carries_the_senders_case_and_more_are_linked_once_each()
    {
        var s = new SipScenario();
        var opened = (await s.Workflow.OpenCaseAsync(new OpenCase
        {
            Actor = s.Actor, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Municipality,
            ExternalReference = MunicipalCase,
        }, Ct)).Case;
        opened.ExternalReferences.Should().Equal(MunicipalCase);

        var regional = new ExternalCaseReference { System = "Cosmic", CaseId = "R-2026-9", Organisation = SipTestData.PrimaryCareUnit };
        var linked = await s.Workflow.LinkExternalCaseAsync(new LinkExternalCase { CaseId = opened.Id, Actor = s.Actor, Reference = regional }, Ct);
        linked.Case.ExternalReferences.Should().Equal(MunicipalCase, regional);
        linked.Event.EventType.Should().Be(SipEventTypes.ExternalCaseLinked);
        linked.Event.Details.Values.Should().NotContain(v => v.Contains("R-2026-9", StringComparison.Ordinal), "the history holds no other system's keys");

        var again = await s.ExpectRefusedAsync<ArgumentException>(opened.Id, () => s.Workflow.LinkExternalCaseAsync(new LinkExternalCase
        {
            CaseId = opened.Id, Actor = s.Actor, Reference = MunicipalCase with { System = "TRESERVA", Organisation = SipTestData.PrimaryCareUnit },
        }, Ct));
        again.ParamName.Should().Be("Reference");
        again.Message.Should().Contain("already linked");
    }

    [Fact]
    public void An_external_case_id_that_is_a_personal_identity_number_is_refused_without_echoing_it()
    {
        var act = () => MunicipalCase with { CaseId = "19121212-1212" };

        act.Should().Throw<ArgumentException>().WithParameterName("CaseId").Which.Message.Should().Contain("personal identity").And.NotContain("1212");
    }
}
