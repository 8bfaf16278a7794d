namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

/// <summary>The fields of a step that takes none: the case, the version and the actor say everything.</summary>
internal sealed class NoInput;
