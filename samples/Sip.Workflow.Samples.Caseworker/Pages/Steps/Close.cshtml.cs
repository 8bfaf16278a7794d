using Microsoft.AspNetCore.Mvc.Rendering;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

internal sealed class CloseInput
{
    public ClosureReason Reason { get; set; } = ClosureReason.CoordinationNoLongerNeeded;

    public string? Note { get; set; }
}

/// <summary>Closes the SIP (<i>avsluta</i>) for one of the reasons that have no command of their own.</summary>
internal sealed class CloseModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<CloseInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.CloseCase;

    public IEnumerable<SelectListItem> Reasons
        => new[] { ClosureReason.CoordinationNoLongerNeeded, ClosureReason.NoNewNeedsExpected, ClosureReason.IndividualRequestedEnd, ClosureReason.MovedAway, ClosureReason.Deceased }
            .Select(r => new SelectListItem(T.Closure(r), r.ToString()));

    protected override SipCaseCommand Build() => new CloseCase { CaseId = Case.Id, Actor = Actor, Reason = Input.Reason, Note = Text(Input.Note) };
}
