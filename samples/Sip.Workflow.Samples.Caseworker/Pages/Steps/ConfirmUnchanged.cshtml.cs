using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

internal sealed class ConfirmUnchangedInput
{
    public string? At { get; set; }

    public string? Place { get; set; }
}

/// <summary>Decides after a follow-up that the plan continues unchanged, with the next follow-up booked.</summary>
internal sealed class ConfirmUnchangedModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<ConfirmUnchangedInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.ConfirmPlanUnchanged;

    protected override void Defaults() => Input.Place = Case.Plan?.FollowUpBooking?.Place;

    protected override SipCaseCommand? Build()
    {
        var at = Time(Input.At, nameof(Input.At));
        var place = Required(Input.Place, nameof(Input.Place), "Ange var uppföljningen hålls.", "Say where the follow-up is held.");
        return at is { } when && place is not null
            ? new ConfirmPlanUnchanged { CaseId = Case.Id, Actor = Actor, NextFollowUp = new FollowUpBooking { At = when, Place = place } }
            : null;
    }
}
