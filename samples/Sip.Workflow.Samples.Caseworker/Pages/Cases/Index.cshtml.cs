using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sip.Workflow.Samples.Caseworker.Demo;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Cases;

/// <summary>Ärenden: find cases by state and lead principal (the library's indexed query), newest page first.</summary>
internal sealed class IndexModel(ISipWorkflow workflow) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SipState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public PrincipalKind? Lead { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? LeadUnit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Next { get; set; }

    public IReadOnlyList<CaseView> Cases { get; private set; } = [];

    public string? NextToken { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await workflow.ReadCasesAsync(new SipCaseQuery
        {
            State = State is { } s && Enum.IsDefined(s) ? s : null,
            LeadPrincipal = Lead is { } l && Enum.IsDefined(l) ? l : null,
            LeadOrganisation = string.IsNullOrWhiteSpace(LeadUnit) ? null : LeadUnit.Trim(),
            PageSize = 50,
            ContinuationToken = Next,
        }, DemoUsers.Current(HttpContext).Actor, cancellationToken);
        Cases = [.. page.Cases.Select(c => CaseView.Of(workflow, c))];
        NextToken = page.ContinuationToken;
    }

    public string NextUrl(string token)
        => QueryString.Create(new Dictionary<string, string?>
        {
            ["state"] = State?.ToString(), ["lead"] = Lead?.ToString(), ["leadUnit"] = LeadUnit, ["next"] = token,
        }.Where(p => p.Value is not null)).ToUriComponent();
}
