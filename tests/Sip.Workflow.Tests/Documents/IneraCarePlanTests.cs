using System.Text;
using System.Xml.Linq;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Documents;

/// <summary>GetCarePlans 2.0 (clinicalprocess:logistics:logistics 3.0): structure, namespaces, required fields and the size limit.</summary>
public sealed class IneraCarePlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly XNamespace Responder = "urn:riv:clinicalprocess:logistics:logistics:GetCarePlansResponder:2";
    private static readonly XNamespace Core = "urn:riv:clinicalprocess:logistics:logistics:3";

    private static readonly IneraCarePlanSource Source = new()
    {
        SourceSystemHsaId = "SE2321000131-S000000010252", CareUnitHsaId = "SE2321000131-E000000000001", CareGiverHsaId = "SE2321000131-E000000000000",
        OrgUnitHsaId = "SE2321000131-E000000000001", OrgUnitName = "Vårdcentralen Söder", ProfessionalHsaId = "SE2321000131-P000000000017", ProfessionalName = "Eva Berg",
    };

    private static XElement Write(SipCase c, int revision = 1) => SipIneraCarePlan.CarePlan(c, revision, "191212121212", "1.2.752.129.2.1.3.1", Source);

    [Fact]
    public async Task A_revision_is_written_with_the_contracts_elements_in_the_schemas_order_and_namespaces()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();

        var record = Write(c);

        record.Name.Should().Be(Responder + "carePlan");
        record.Elements().Select(e => e.Name).Should().Equal(Core + "carePlanHeader", Core + "carePlanBody");
        var header = record.Element(Core + "carePlanHeader")!;
        header.Elements().Select(e => e.Name.LocalName).Should().Equal(
            "documentId", "sourceSystemHSAId", "documentTitle", "documentTime", "patientId", "accountableHealthcareProfessional", "approvedForPatient");
        header.Element(Core + "patientId")!.Elements().Select(e => e.Name).Should().Equal(Core + "id", Core + "type");
        var professional = header.Element(Core + "accountableHealthcareProfessional")!;
        professional.Elements().Select(e => e.Name.LocalName).Should().Equal(
            "authorTime", "healthcareProfessionalHSAId", "healthcareProfessionalName", "healthcareProfessionalOrgUnit",
            "healthcareProfessionalCareUnitHSAId", "healthcareProfessionalCareGiverHSAId");
        professional.Element(Core + "healthcareProfessionalOrgUnit")!.Elements().Select(e => e.Name.LocalName).Should().Equal("orgUnitHSAId", "orgUnitName");
        record.Descendants().Should().OnlyContain(e => e.Name.Namespace == Core || e.Name == Responder + "carePlan");

        header.Element(Core + "documentId")!.Value.Should().Be($"{c.Id}-1");
        header.Element(Core + "sourceSystemHSAId")!.Value.Should().Be(Source.SourceSystemHsaId);
        header.Element(Core + "documentTime")!.Value.Should().MatchRegex("^(19|20)\\d{12}$")
            .And.Be(SipLegalReferences.SwedishTimeOf(c.Plan!.EstablishedAt).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
        professional.Element(Core + "authorTime")!.Value.Should().Be(header.Element(Core + "documentTime")!.Value);
        header.Element(Core + "approvedForPatient")!.Value.Should().Be("false", "nothing reaches 1177 without the decision");
        record.Descendants(Core + "nullified").Should().BeEmpty("the contract says nullified shall not be given");

        var body = record.Element(Core + "carePlanBody")!;
        body.Elements().Select(e => e.Name.LocalName).Should().Equal("content", "typeOfCarePlanEnum");
        body.Element(Core + "typeOfCarePlanEnum")!.Value.Should().Be("SIP");
        var content = body.Element(Core + "content")!;
        content.Elements().Select(e => e.Name.LocalName).Should().Equal("mediaType", "value");
        content.Element(Core + "mediaType")!.Value.Should().Be("text/html");
        Encoding.UTF8.GetString(Convert.FromBase64String(content.Element(Core + "value")!.Value)).Should().StartWith("<!DOCTYPE html>").And.Contain("Det här är viktigt för dig");
    }

    [Fact]
    public async Task Approval_for_the_individual_sets_approved_for_patient()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        c = (await s.Workflow.ApprovePlanForIndividualAsync(new ApprovePlanForIndividual { CaseId = c.Id, Actor = s.Actor, Revision = 1 }, Ct)).Case;

        Write(c).Descendants(Core + "approvedForPatient").Single().Value.Should().Be("true");
    }

    [Fact]
    public async Task A_document_over_the_contracts_100_KB_is_refused_with_what_to_do()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        var establish = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3));
        var many = Enumerable.Range(0, 40).Select(i => new Intervention
        {
            Id = InterventionId.New(), What = new string('x', 3_000) + i, Responsible = ResponsibleKind.Municipality, When = "dagligen", Where = "i hemmet",
        });
        c = (await s.Workflow.EstablishPlanAsync(establish with { Plan = establish.Plan with { Interventions = [.. establish.Plan.Interventions, .. many] } }, Ct)).Case;

        var act = () => Write(c);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "sipCase" && e.Message.Contains("100 KB") && e.Message.Contains("by reference"));
        SipIneraCarePlan.MaxContentBytes.Should().Be(100_000);
    }

    [Fact]
    public async Task A_protected_identity_leaves_no_home_place_in_the_record()
    {
        var s = new SipScenario();
        var c = await s.ProtectedPlanEstablishedAsync("Hemlig gatan 7, hemma");

        var record = Write(c);

        record.ToString().Should().NotContain("Hemlig gatan");
        Encoding.UTF8.GetString(Convert.FromBase64String(record.Descendants(Core + "value").Single().Value)).Should().NotContain("Hemlig gatan").And.Contain("Skyddade personuppgifter");
    }

    [Fact]
    public async Task Missing_required_fields_are_refused_naming_them_and_the_response_wraps_the_records()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();

        ((Action)(() => SipIneraCarePlan.CarePlan(c, 1, " ", "1.2.752.129.2.1.3.1", Source))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("patientId");
        ((Action)(() => SipIneraCarePlan.CarePlan(c, 1, "191212121212", "1.2.752.129.2.1.3.1", Source with { CareGiverHsaId = "" })))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("CareGiverHsaId", "the source refuses a blank id where it is set");
        ((Action)(() => SipIneraCarePlan.CarePlan(c, 2, "191212121212", "1.2.752.129.2.1.3.1", Source))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("revision");

        var response = SipIneraCarePlan.Response([Write(c)], "7c3e1f0a-0000-4000-8000-000000000001");
        response.Name.Should().Be(Responder + "GetCarePlansResponse");
        response.Elements().Select(e => e.Name).Should().Equal(Responder + "carePlan", Responder + "result");
        response.Element(Responder + "result")!.Elements().Select(e => e.Name).Should().Equal(Core + "resultCode", Core + "logId");
        response.Element(Responder + "result")!.Element(Core + "resultCode")!.Value.Should().Be("OK");
    }
}
