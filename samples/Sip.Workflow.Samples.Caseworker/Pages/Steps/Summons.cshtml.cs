namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

/// <summary>
/// Sends the summons to the called principals and the invitations to the others, for the meeting to summon. The page
/// shows what the summons says; a protected identity is flagged and no address is given.
/// </summary>
internal sealed class SummonsModel(ISipWorkflow workflow, TimeProvider time) : Web.StepPageModel<NoInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.SendSummons;

    protected override SipCaseCommand Build() => new SendSummons { CaseId = Case.Id, Actor = Actor };
}
