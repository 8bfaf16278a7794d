using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

internal sealed class FollowUpInput
{
    public string? HeldAt { get; set; }

    public string? Progress { get; set; }

    public bool InterventionsCarriedOut { get; set; }

    public bool InterventionsEffective { get; set; }

    public string? NewInformation { get; set; }

    public bool AnotherInterventionNeeded { get; set; }

    public bool AnotherActorNeeded { get; set; }
}

/// <summary>Records a follow-up (<i>uppföljning</i>) of the plan in force; what is decided after it is a step of its own.</summary>
internal sealed class FollowUpModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<FollowUpInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.RecordFollowUp;

    protected override void Defaults() => Input.HeldAt = SwedishTime.InputValue(Now);

    protected override SipCaseCommand? Build()
    {
        var heldAt = Time(Input.HeldAt, nameof(Input.HeldAt));
        var progress = Required(Input.Progress, nameof(Input.Progress), "Beskriv hur det går jämfört med målen.", "Describe how it is going against the goals.");
        if (heldAt is not { } at || progress is null)
        {
            return null;
        }

        return new RecordFollowUp
        {
            CaseId = Case.Id,
            Actor = Actor,
            FollowUp = new FollowUpRecord
            {
                Id = FormIds.Derive<FollowUpId>(FormId, "follow-up"),
                HeldAt = at,
                Progress = progress,
                InterventionsCarriedOut = Input.InterventionsCarriedOut,
                InterventionsEffective = Input.InterventionsEffective,
                NewInformation = Text(Input.NewInformation),
                AnotherInterventionNeeded = Input.AnotherInterventionNeeded,
                AnotherActorNeeded = Input.AnotherActorNeeded,
            },
        };
    }
}
