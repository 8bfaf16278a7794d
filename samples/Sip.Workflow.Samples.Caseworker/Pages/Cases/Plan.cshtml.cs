using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sip.Workflow.Samples.Caseworker.Demo;
using Sip.Workflow.Samples.Caseworker.PlanDocument;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Cases;

/// <summary>The plan in force as a printable document.</summary>
internal sealed class PlanModel(ISipWorkflow workflow) : PageModel
{
    public CaseView View { get; private set; } = null!;

    public PlanDocumentView? Document { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CaseView.LoadAsync(workflow, DemoUsers.Current(HttpContext).Actor, id, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        View = view;
        Document = PlanDocumentView.For(view);
        return Page();
    }
}
