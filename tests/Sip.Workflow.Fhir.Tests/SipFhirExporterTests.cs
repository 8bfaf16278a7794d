using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Sip.Workflow.TestUtilities;
using FhirConsent = Hl7.Fhir.Model.Consent;
using FhirGoal = Hl7.Fhir.Model.Goal;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace Sip.Workflow.Fhir.Tests;

public sealed class SipFhirExporterTests
{
    private static readonly FhirPatientIdentifier Patient = new("urn:oid:1.2.752.129.2.1.3.1", "host-patient-17");
    private static readonly SipFhirExporter Exporter = new();

    private static async Task<(SipScenario S, SipCase Case, IReadOnlyList<SipEvent> History)> EstablishedAsync(Individual? individual = null)
    {
        var s = new SipScenario(SipPolicy.RegionHalland);
        var c = await s.PlanEstablishedAsync(individual);
        return (s, c, await s.Workflow.GetHistoryAsync(c.Id, TestContext.Current.CancellationToken));
    }

    private static IEnumerable<T> All<T>(Bundle b) where T : Resource => b.Entry.Select(e => e.Resource).OfType<T>();

    [Fact]
    public async Task Every_resource_type_is_there_and_references_resolve_inside_the_bundle()
    {
        var (_, c, history) = await EstablishedAsync();

        var bundle = Exporter.Export(c, 1, Patient, history);

        var carePlan = All<CarePlan>(bundle).Single();
        carePlan.Intent.Should().Be(CarePlan.CarePlanIntent.Plan);
        carePlan.Status.Should().Be(RequestStatus.Active);
        carePlan.Category.Single().Coding.Single().Should().Match<Coding>(x => x.System == "urn:sip-workflow:fhir:careplan-category" && x.Code == "SIP");
        carePlan.Subject.Identifier.Should().Match<Identifier>(i => i.System == Patient.System && i.Value == Patient.Value);
        carePlan.Activity.Should().HaveCount(c.Plan!.Interventions.Count);
        All<FhirGoal>(bundle).Should().HaveCount(c.Plan.Goals.Count);
        All<FhirConsent>(bundle).Should().HaveCount(c.Consents.Sum(x => x.Scope == ConsentScope.All ? 2 : 1));
        All<Appointment>(bundle).Should().HaveCount(c.Meetings.Count);
        All<FhirTask>(bundle).Should().HaveCount(c.SummonsSent.Count + c.FollowUps.Count + 1, "each summons, each follow-up and the booked one");
        All<Provenance>(bundle).Should().HaveCount(history.Count).And.OnlyContain(p => p.Extension.Single().Value is FhirString);
        All<Provenance>(bundle).Select(p => ((FhirString)p.Extension.Single().Value!).Value).Should().Equal(history.Select(e => e.Hash));
        var document = All<DocumentReference>(bundle).Single();
        document.Content.Single().Attachment.ContentType!.Should().StartWith("text/html");

        var urls = bundle.Entry.Select(e => e.FullUrl).ToHashSet();
        urls.Should().HaveCount(bundle.Entry.Count, "every entry has its own id");
        carePlan.Goal.Concat(carePlan.CareTeam).Concat(carePlan.SupportingInfo).Select(r => r.Reference).Should().OnlyContain(r => r != null && urls.Contains(r));
        All<Provenance>(bundle).SelectMany(p => p.Target).Select(r => r.Reference).Should().OnlyContain(r => r == bundle.Entry[0].FullUrl);
        All<FhirTask>(bundle).Where(t => t.Focus is not null).Select(t => t.Focus!.Reference).Should().OnlyContain(r => urls.Contains(r));

        var team = All<CareTeam>(bundle).Single();
        team.Participant.Should().Contain(p => p.Role[0].Coding[0].Code == "lead-principal" && p.Member!.Display == c.LeadPrincipal!.Organisation.Name);
        team.Participant.Should().Contain(p => p.Role[0].Coding[0].Code == "coordinator" && p.Member!.Display == c.LeadPrincipal!.Coordinator!.Name);

        var meeting = All<Appointment>(bundle).Single();
        meeting.Participant.Where(p => p.Actor!.Identifier?.System != Patient.System).Should().OnlyContain(p =>
            p.Required == (c.Participants.First(x => x.Organisation.Name == p.Actor!.Display).Role == ParticipationRole.Called
                ? Appointment.ParticipantRequired.Required : Appointment.ParticipantRequired.Optional));

        Exporter.Export(c, 1, Patient, history).Entry.Select(e => e.FullUrl).Should().Equal(bundle.Entry.Select(e => e.FullUrl), "ids are stable");
    }

    public static TheoryData<SipState> States() => [.. Enum.GetValues<SipState>()];

    [Theory]
    [MemberData(nameof(States))]
    public async Task Every_state_maps_to_a_care_plan_status(SipState state)
    {
        var s = new SipScenario();
        var c = state == SipState.Closed
            ? (await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = (await s.PlanEstablishedAsync()).Id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.NoNewNeedsExpected }, TestContext.Current.CancellationToken)).Case
            : await s.InStateAsync(state);
        var expected = state switch
        {
            SipState.NeedIdentified or SipState.Preparing or SipState.Summoned => RequestStatus.Draft,
            SipState.PlanEstablished or SipState.FollowUp => RequestStatus.Active,
            _ => c.Closure!.Reason is ClosureReason.ConsentWithdrawn or ClosureReason.OfferDeclined or ClosureReason.NotStarted ? RequestStatus.Revoked : RequestStatus.Completed,
        };

        var bundle = Exporter.Export(c, c.Plan?.Revision ?? 0, Patient, await s.Workflow.GetHistoryAsync(c.Id, TestContext.Current.CancellationToken));

        All<CarePlan>(bundle).Single().Status.Should().Be(expected);
        SipFhirExporter.StatusOf(SipState.Closed, new Closure { Reason = ClosureReason.ConsentWithdrawn, ClosedAt = s.Time.GetUtcNow() }).Should().Be(RequestStatus.Revoked);
        SipFhirExporter.StatusOf(SipState.Closed, new Closure { Reason = ClosureReason.NoNewNeedsExpected, ClosedAt = s.Time.GetUtcNow() }).Should().Be(RequestStatus.Completed);
        ElementValidation(bundle).Should().BeEmpty();
    }

    [Fact]
    public async Task A_protected_identity_is_labelled_restricted_everywhere_and_carries_no_home_place()
    {
        var s = new SipScenario();
        var c = await s.ProtectedPlanEstablishedAsync("Hemlig gatan 7, hemma");

        var bundle = Exporter.Export(c, 1, Patient, await s.Workflow.GetHistoryAsync(c.Id, TestContext.Current.CancellationToken));

        bundle.Entry.Should().OnlyContain(e => e.Resource!.Meta!.Security.Any(x => x.System == "http://terminology.hl7.org/CodeSystem/v3-Confidentiality" && x.Code == "R"));
        var engine = FhirSerializationEngineFactory.Strict(ModelInfo.ModelInspector);
        var json = engine.SerializeToJson(bundle);
        json!.Should().NotContain("Hemlig gatan");
        var html = System.Text.Encoding.UTF8.GetString(All<DocumentReference>(bundle).Single().Content[0].Attachment.Data!);
        html.Should().NotContain("Hemlig gatan").And.Contain("Skyddade personuppgifter");
        engine.SerializeToXml(bundle).Should().NotContain("Hemlig gatan");
    }

    [Fact]
    public async Task The_json_and_xml_parse_strictly_back_to_the_same_bundle_and_element_validation_passes()
    {
        var (_, c, history) = await EstablishedAsync();
        var bundle = Exporter.Export(c, 1, Patient, history, SipLanguage.English);
        var engine = FhirSerializationEngineFactory.Strict(ModelInfo.ModelInspector);

        var json = engine.SerializeToJson(bundle);
        var xml = engine.SerializeToXml(bundle);
        var fromJson = (Bundle)engine.DeserializeFromJson(json)!;
        var fromXml = (Bundle)engine.DeserializeFromXml(xml)!;

        fromJson.IsExactly(bundle).Should().BeTrue();
        fromXml.IsExactly(bundle).Should().BeTrue();
        ElementValidation(bundle).Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_parameter()
    {
        var (_, c, history) = await EstablishedAsync();

        ((Action)(() => Exporter.Export(c, 2, Patient, history))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("revision");
        ((Action)(() => Exporter.Export(c, 1, Patient with { System = "not a uri" }, history))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("patient.System");
        ((Action)(() => Exporter.Export(c, 1, Patient with { Value = " " }, history))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("patient.Value");
        ((Action)(() => Exporter.Export(c, 1, Patient, [history[0] with { CaseId = SipCaseId.New() }]))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("history");
    }

    private static List<string> ElementValidation(Bundle bundle)
    {
        var outcome = bundle.Validate(ModelInfo.ModelInspector, NarrativeValidationKind.FhirXhtml, null, true);
        return [.. outcome.Select(o => o.ToString())];
    }
}
