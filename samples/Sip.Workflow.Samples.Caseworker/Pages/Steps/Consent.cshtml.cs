using Microsoft.AspNetCore.Mvc.Rendering;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

internal sealed class ConsentInput
{
    public ConsentScope Scope { get; set; } = ConsentScope.All;

    public ConsentGiver GivenBy { get; set; } = ConsentGiver.Individual;

    public string? GiverReference { get; set; }

    public ConsentForm Form { get; set; } = ConsentForm.Oral;

    public string? GivenAt { get; set; }

    public string? DocumentReference { get; set; }

    public string? SoleGuardianReason { get; set; }

    public string? ChildsViews { get; set; }
}

/// <summary>Records a consent (<i>samtycke</i>): to information sharing, to establishing the plan, or both.</summary>
internal sealed class ConsentModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<ConsentInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.RecordConsent;

    public IEnumerable<SelectListItem> Scopes
        => new[] { ConsentScope.All, ConsentScope.InformationSharing, ConsentScope.PlanEstablishment }.Select(s => new SelectListItem(T.Scope(s), s.ToString()));

    public IEnumerable<SelectListItem> Givers => Enum.GetValues<ConsentGiver>().Select(g => new SelectListItem(T.Giver(g), g.ToString()));

    public IEnumerable<SelectListItem> Forms => Enum.GetValues<ConsentForm>().Select(f => new SelectListItem(T.ConsentForm(f), f.ToString()));

    protected override void Defaults()
    {
        Input.GivenAt = SwedishTime.InputValue(Now);
        if (Case.Individual.LegalGuardians.Count > 0)
        {
            Input.GivenBy = ConsentGiver.LegalGuardian;
        }
    }

    protected override SipCaseCommand? Build()
    {
        var givenAt = Time(Input.GivenAt, nameof(Input.GivenAt));
        if (Input.GivenBy is ConsentGiver.LegalGuardian or ConsentGiver.Proxy or ConsentGiver.CourtAppointedRepresentative && Text(Input.GiverReference) is null)
        {
            Error(nameof(Input.GiverReference), "Ange vem som gav samtycket.", "Say who gave the consent.");
        }

        if (givenAt is not { } at || !ModelState.IsValid)
        {
            return null;
        }

        return new RecordConsent
        {
            CaseId = Case.Id,
            Actor = Actor,
            Consent = new Consent
            {
                Id = FormIds.Derive<ConsentId>(FormId, "consent"),
                Scope = Input.Scope,
                GivenBy = Input.GivenBy,
                GiverReference = Text(Input.GiverReference),
                Form = Input.Form,
                GivenAt = at,
                DocumentReference = Text(Input.DocumentReference),
                SoleGuardianReason = Text(Input.SoleGuardianReason),
                ChildsViews = Text(Input.ChildsViews),
            },
        };
    }
}
