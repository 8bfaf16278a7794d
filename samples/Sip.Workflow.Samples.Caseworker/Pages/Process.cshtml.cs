using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sip.Workflow.Samples.Caseworker.ProcessDiagram;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages;

/// <summary>The process under a policy the engine knows: the picture, and the same in words for those who do not see it.</summary>
internal sealed class ProcessModel(ISipWorkflow workflow) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Policy { get; set; }

    public IReadOnlyList<string> Policies => [.. workflow.Policies.Select(p => p.Name)];

    public ProcessGraph Graph { get; private set; } = null!;

    public string ImageUrl { get; private set; } = string.Empty;

    public IActionResult OnGet()
    {
        Policy ??= Policies[0];
        if (!Policies.Contains(Policy))
        {
            return NotFound();
        }

        var t = Ui.From(HttpContext);
        Graph = ProcessGraph.Of(workflow, t.Language, Policy);
        ImageUrl = $"/processen.svg?policy={Uri.EscapeDataString(Policy)}&lang={t.Lang}";
        return Page();
    }
}
