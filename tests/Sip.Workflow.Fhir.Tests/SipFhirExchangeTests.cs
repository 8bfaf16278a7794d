using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Sip.Workflow.Exchange;
using Sip.Workflow.TestUtilities;
using Task = System.Threading.Tasks.Task;

namespace Sip.Workflow.Fhir.Tests;

/// <summary>Every kind of exchange message in its FHIR form: valid, strict round trip, and header and payload bound together.</summary>
public sealed class SipFhirExchangeTests
{
    private static readonly SipFhirExchange Fhir = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A kommun's SIP linked to the region's case, run from summons to closing; every message its feed gives rise to.
    private static async Task<List<SipExchangeMessage>> MessagesAsync(Individual? individual = null)
    {
        var s = new SipScenario();
        var exchange = new SipExchange(s.Workflow, new SipExchangeOptions { System = "Treserva", Principal = PrincipalKind.Municipality, Units = [SipTestData.SocialServicesUnit] });
        var c = await s.ReadyToSummonAsync(individual);
        await s.Workflow.LinkExternalCaseAsync(new LinkExternalCase
        {
            CaseId = c.Id, Actor = s.Actor, Reference = new ExternalCaseReference { System = "Cosmic", CaseId = "R-1", Organisation = SipTestData.PrimaryCareUnit },
        }, Ct);
        c = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct)).Case;
        // The kommun's own unit answers (an answer goes to the others, never back to the unit that gave it).
        var own = c.Participants.Single(p => p.Organisation.IsSameOrganisation(SipTestData.SocialServicesUnit));
        await s.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply
        {
            CaseId = c.Id, Actor = s.Actor,
            Reply = new SummonsReply { MeetingId = c.PlanMeeting!.Id, ParticipantId = own.Id, Answer = SummonsAnswer.Declined, Reason = "Handläggaren är sjuk; ny tid föreslås." },
        }, Ct);
        s.Time.SetUtcNow(c.PlanMeeting.StartsAt);
        await s.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3)), Ct);
        await s.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = c.Id, Actor = s.Actor, WithdrawnBy = ConsentGiver.Individual, Party = SipTestData.SocialInsuranceUnit }, Ct);
        await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.NoNewNeedsExpected, Note = "Målen nådda." }, Ct);

        var messages = new List<SipExchangeMessage>();
        foreach (var entry in await s.Workflow.ReadEventsAsync(0, 100, Ct))
        {
            messages.AddRange(await exchange.MessagesForAsync(entry, Ct));
        }

        messages.Select(m => m.Kind).Should().Equal(
            SipExchangeMessageKind.Summons, SipExchangeMessageKind.SummonsAnswer, SipExchangeMessageKind.PlanRevision, SipExchangeMessageKind.ConsentWithdrawal, SipExchangeMessageKind.Closing);
        return messages;
    }

    [Fact]
    public async Task Every_kind_of_message_parses_strictly_back_from_json_and_xml_to_the_same_message_and_passes_element_validation()
    {
        var engine = FhirSerializationEngineFactory.Strict(ModelInfo.ModelInspector);
        foreach (var message in await MessagesAsync())
        {
            var bundle = Fhir.ToBundle(message);
            bundle.Validate(ModelInfo.ModelInspector, NarrativeValidationKind.FhirXhtml, null, true).Should().BeEmpty();
            bundle.Entry[0].Resource.Should().BeOfType<MessageHeader>().Which.Event.Should().BeOfType<Coding>().Which.Code.Should().Be(SipFhirExchange.EventCode(message.Kind));

            foreach (var read in new[] { (Bundle)engine.DeserializeFromJson(engine.SerializeToJson(bundle))!, (Bundle)engine.DeserializeFromXml(engine.SerializeToXml(bundle))! })
            {
                read.IsExactly(bundle).Should().BeTrue();
                SipExchangeJson.Serialize(Fhir.FromBundle(read)).Should().Be(SipExchangeJson.Serialize(message));
            }

            Fhir.ToBundle(message).IsExactly(bundle).Should().BeTrue("the same message gives the same bundle, ids included");
        }
    }

    [Fact]
    public async Task The_readable_resources_say_what_the_payload_says()
    {
        var messages = await MessagesAsync();
        var summons = Fhir.ToBundle(messages[0]).Entry.Select(e => e.Resource).OfType<Appointment>().Single();
        summons.Start.Should().Be(messages[0].Summons!.Meeting.StartsAt);
        summons.Participant.Should().HaveCount(messages[0].Summons!.Participants.Count);

        var answer = Fhir.ToBundle(messages[1]).Entry.Select(e => e.Resource).OfType<AppointmentResponse>().Single();
        answer.ParticipantStatus.Should().Be(ParticipationStatus.Declined);

        var plan = Fhir.ToBundle(messages[2]).Entry.Select(e => e.Resource).OfType<CarePlan>().Single();
        plan.Activity.Should().HaveCount(messages[2].PlanRevision!.Plan.Interventions.Count);
        plan.Identifier.Should().Contain(i => i.System != null && i.System.EndsWith(":plan-revision", StringComparison.Ordinal) && i.Value == "1");

        Fhir.ToBundle(messages[3]).Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Consent>().Single().Status.Should().Be(Hl7.Fhir.Model.Consent.ConsentState.Inactive);
        Fhir.ToBundle(messages[4]).Entry.Select(e => e.Resource).OfType<CarePlan>().Single().Status.Should().Be(RequestStatus.Completed);
    }

    [Fact]
    public async Task A_protected_identity_labels_every_resource_restricted_and_leaves_the_meeting_place_out()
    {
        var messages = await MessagesAsync(SipTestData.Adult() with { HasProtectedIdentity = true });
        foreach (var message in messages)
        {
            message.ProtectedIdentity.Should().BeTrue();
            Fhir.ToBundle(message).Entry.Should().OnlyContain(e => e.Resource!.Meta!.Security.Any(x => x.Code == "R"), $"a {message.Kind} is restricted too");
        }

        Fhir.ToBundle(messages[0]).Entry.Select(e => e.Resource).OfType<Appointment>().Single().Comment.Should().BeNull();
    }

    [Fact]
    public async Task A_bundle_whose_header_and_payload_disagree_or_that_is_no_message_is_refused()
    {
        var message = (await MessagesAsync())[4];

        var swappedEvent = Fhir.ToBundle(message);
        ((MessageHeader)swappedEvent.Entry[0].Resource!).Event = new Coding($"{SipFhirExportOptions.DefaultLocalCodeSystemBase}:exchange-event", "sip-summons");
        Refused(swappedEvent).Reason.Should().Be(SipExchangeRefusal.Malformed);

        var otherId = Fhir.ToBundle(message);
        otherId.Id = Guid.NewGuid().ToString("D");
        Refused(otherId).MessageId.Should().Be(message.MessageId);

        var otherSender = Fhir.ToBundle(message);
        ((MessageHeader)otherSender.Entry[0].Resource!).Sender = new ResourceReference { Display = "Någon annan" };
        Refused(otherSender).Message.Should().Contain("disagree");

        var otherReceiver = Fhir.ToBundle(message);
        ((MessageHeader)otherReceiver.Entry[0].Resource!).Destination[0].Receiver = new ResourceReference { Display = "Någon annan" };
        Refused(otherReceiver).Message.Should().Contain("disagree");

        var collection = Fhir.ToBundle(message);
        collection.Type = Bundle.BundleType.Collection;
        Refused(collection).Message.Should().Contain("not a FHIR message");

        var noPayload = Fhir.ToBundle(message);
        noPayload.Entry.RemoveAll(e => e.Resource is Binary);
        Refused(noPayload).Message.Should().Contain("exactly one");

        static SipExchangeRefusedException Refused(Bundle bundle)
            => FluentActions.Invoking(() => Fhir.FromBundle(bundle)).Should().Throw<SipExchangeRefusedException>().Which;
    }
}
