using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sip.Workflow.Samples.Caseworker.Demo;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Cases;

/// <summary>The case page: where the case stands, what may happen next and what is still missing, and its deadlines.</summary>
internal sealed class CaseModel(ISipWorkflow workflow, TimeProvider time) : PageModel
{
    public CaseView View { get; private set; } = null!;

    public SipCase Case => View.Case;

    public IReadOnlyList<PermittedAction> Checklist { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The step just saved (from the form's redirect), for the confirmation.</summary>
    [BindProperty(SupportsGet = true, Name = "sparat")]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CaseView.LoadAsync(workflow, DemoUsers.Current(HttpContext).Actor, id, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        View = view;
        Now = time.GetUtcNow();
        Checklist = StepForms.InWorkingOrder(await workflow.ReadPermittedActionsAsync(Case.Id, DemoUsers.Current(HttpContext).Actor, Ui.From(HttpContext).Language, cancellationToken));
        return Page();
    }
}
