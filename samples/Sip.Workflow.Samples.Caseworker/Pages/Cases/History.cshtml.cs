using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sip.Workflow.Samples.Caseworker.Demo;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Cases;

/// <summary>The case's history, oldest first, and whether its hash chain verifies (nothing changed, removed or reordered).</summary>
internal sealed class HistoryModel(ISipWorkflow workflow) : PageModel
{
    public CaseView View { get; private set; } = null!;

    public IReadOnlyList<SipEvent> Events { get; private set; } = [];

    public SipAuditVerification Verification { get; private set; } = SipAuditVerification.Intact;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CaseView.LoadAsync(workflow, DemoUsers.Current(HttpContext).Actor, id, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        View = view;
        Events = await workflow.ReadHistoryAsync(view.Case.Id, DemoUsers.Current(HttpContext).Actor, cancellationToken);
        Verification = await workflow.VerifyHistoryAsync(view.Case.Id, cancellationToken);
        return Page();
    }
}
