using Microsoft.AspNetCore.Mvc.Rendering;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

internal sealed class DocumentClosingInput
{
    /// <summary>The called unit documenting, by participant id: its principal is the one documenting.</summary>
    public Guid? Organisation { get; set; }

    public string? Note { get; set; }
}

/// <summary>One principal documents the closing in its own records (<i>varje huvudman dokumenterar avslutet</i>).</summary>
internal sealed class DocumentClosingModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<DocumentClosingInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.DocumentClosing;

    public IEnumerable<SelectListItem> Units
        => [new(T.S("Välj enhet", "Choose a unit"), string.Empty),
            .. Case.CalledPrincipals.Where(p => p.Principal is { } principal && Case.ClosingOwedBy.Contains(principal))
                .Select(p => new SelectListItem($"{T.Principal(p.Principal!.Value)}: {p.Organisation.Name}", p.Id.Value.ToString()))];

    protected override string? FieldFor(string paramName) => paramName.EndsWith("Principal", StringComparison.Ordinal) ? nameof(DocumentClosingInput.Organisation) : base.FieldFor(paramName);

    protected override SipCaseCommand? Build()
    {
        if (Input.Organisation is not { } id || Case.FindParticipant(new ParticipantId(id)) is not { Principal: { } principal } unit)
        {
            Error(nameof(Input.Organisation), "Välj enheten som dokumenterar avslutet.", "Choose the unit documenting the closing.");
            return null;
        }

        return new DocumentClosing
        {
            CaseId = Case.Id,
            Actor = Actor,
            Closing = new PrincipalClosing { Principal = principal, Organisation = unit.Organisation, Note = Text(Input.Note) },
        };
    }
}
