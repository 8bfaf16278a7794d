using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sip.Workflow.Samples.Caseworker.Demo;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages;

/// <summary>One line of due work: the case's most urgent deadline, with the rule and the law behind it, and the case's later ones.</summary>
internal sealed record DueRow(DueWorkItem Item, CaseView? View, string Text, IReadOnlyList<SipDeadline> OtherDeadlines);

/// <summary>Bevakning: open cases with a deadline within the chosen number of days (and every overdue one), most urgent first.</summary>
internal sealed class IndexModel(ISipWorkflow workflow, TimeProvider time) : PageModel
{
    public static IReadOnlyList<int> Horizons { get; } = [7, 30, 90, 365];

    [BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 30;

    /// <summary>The continuation token of the page shown, from the previous page's link.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Next { get; set; }

    public IReadOnlyList<DueRow> Rows { get; private set; } = [];

    public string? NextToken { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var t = Ui.From(HttpContext);
        Days = Horizons.Contains(Days) ? Days : 30;
        var page = await workflow.ReadDueWorkAsync(DemoUsers.Current(HttpContext).Actor, time.GetUtcNow().AddDays(Days), pageSize: 50, Next, cancellationToken);
        var rows = new List<DueRow>(page.Items.Count);
        foreach (var item in page.Items)
        {
            // The due-work index carries ids and deadlines only; the person's name comes from the host's own record.
            var view = await CaseView.LoadAsync(workflow, DemoUsers.Current(HttpContext).Actor, item.CaseId.Value, cancellationToken);
            rows.Add(new DueRow(item, view, item.Deadline.Requirement.Text(t.Language), [.. item.OpenDeadlines.Where(d => d != item.Deadline)]));
        }

        Rows = rows;
        NextToken = page.ContinuationToken;
    }
}
