using Microsoft.AspNetCore.Mvc.Rendering;
using Sip.Workflow.Samples.Caseworker.Demo;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

internal sealed class ParticipantInput
{
    public ParticipantKind Kind { get; set; } = ParticipantKind.SocialServices;

    public string? Organisation { get; set; }

    public string? Identifier { get; set; }

    public string? ContactName { get; set; }

    public string? ContactTitle { get; set; }

    public string? ContactDetails { get; set; }

    public bool HasMandateToDecide { get; set; } = true;

    public ParticipationMode Mode { get; set; } = ParticipationMode.InPerson;

    public bool IndividualObjects { get; set; }

    public bool JudgedSuitable { get; set; }
}

/// <summary>
/// Adds a party (<i>deltagare</i>): a called principal's unit or an invited actor. The policy decides which is called and
/// which invited; next of kin need the finding that the individual does not object and that it is suitable.
/// </summary>
internal sealed class ParticipantModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<ParticipantInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.AddParticipant;

    public IEnumerable<SelectListItem> Kinds
        => Enum.GetValues<ParticipantKind>().Select(k => new SelectListItem(
            View.Policy is { } policy ? $"{T.Kind(k)} – {T.Role(policy.RoleOf(k))}" : T.Kind(k), k.ToString()));

    public IEnumerable<SelectListItem> Modes => Enum.GetValues<ParticipationMode>().Select(m => new SelectListItem(T.Mode(m), m.ToString()));

    protected override string? FieldFor(string paramName) => paramName.Split('.')[^1] switch
    {
        "Name" when paramName.Contains("Contact", StringComparison.Ordinal) => nameof(ParticipantInput.ContactName),
        "Name" => nameof(ParticipantInput.Organisation),
        "Title" => nameof(ParticipantInput.ContactTitle),
        "KinAssessment" => nameof(ParticipantInput.JudgedSuitable),
        _ => base.FieldFor(paramName),
    };

    protected override SipCaseCommand? Build()
    {
        var organisation = Required(Input.Organisation, nameof(Input.Organisation), "Ange verksamhet eller enhet.", "Give the organisation or unit.");
        var kin = Input.Kind == ParticipantKind.NextOfKin;
        if (!kin && (Input.IndividualObjects || Input.JudgedSuitable))
        {
            Error(nameof(Input.JudgedSuitable), "Bedömningen gäller bara närstående.", "The assessment is for next of kin only.");
        }

        if (organisation is null || !ModelState.IsValid)
        {
            return null;
        }

        var contact = Text(Input.ContactName) is { } name
            ? new ContactPerson { Name = name, Title = Text(Input.ContactTitle), ContactDetails = Text(Input.ContactDetails) }
            : null;
        return new AddParticipant
        {
            CaseId = Case.Id,
            Actor = Actor,
            Participant = new Participant
            {
                Id = FormIds.Derive<ParticipantId>(FormId, "participant"),
                Kind = Input.Kind,
                Organisation = new OrganisationReference { Name = organisation, Identifier = Text(Input.Identifier) ?? DemoUnits.IdentifierOf(organisation) },
                Contact = contact,
                HasMandateToDecide = Input.HasMandateToDecide,
                Mode = Input.Mode,
                KinAssessment = kin ? new KinAssessment { IndividualObjects = Input.IndividualObjects, JudgedSuitable = Input.JudgedSuitable, AssessedAt = Now } : null,
            },
        };
    }
}
