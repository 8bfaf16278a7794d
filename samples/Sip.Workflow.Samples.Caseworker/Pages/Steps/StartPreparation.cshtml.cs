using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

/// <summary>Starts the preparation (<i>förbered</i>); the library refuses it without consent to information sharing.</summary>
internal sealed class StartPreparationModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<NoInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.StartPreparation;

    protected override SipCaseCommand Build() => new StartPreparation { CaseId = Case.Id, Actor = Actor };
}
