using Microsoft.AspNetCore.Mvc;
using Sip.Workflow.Samples.Caseworker.Demo;

namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>A form that was composed from an older version of the case: what the caseworker saw, and what happened since.</summary>
internal sealed record StaleForm(long SeenVersion, long CurrentVersion, IReadOnlyList<SipEvent> Changes);

/// <summary>
/// The page of one step of the process on a case. The form carries the case version it was rendered from, and the
/// command is sent with it as <see cref="SipCaseCommand.ExpectedVersion"/>: nothing is decided on a case its author has
/// not seen. When someone else changed the case in between, the page says so, shows what happened since and keeps the
/// caseworker's input to send again.
/// </summary>
internal abstract class StepPageModel<TInput>(ISipWorkflow workflow, TimeProvider time) : FormPageModel<TInput>
    where TInput : class, new()
{
    /// <summary>The case version the form was rendered from.</summary>
    [BindProperty]
    public long Version { get; set; }

    public CaseView View { get; private set; } = null!;

    public SipCase Case => View.Case;

    /// <summary>Set when someone else changed the case after this form was rendered.</summary>
    public StaleForm? Stale { get; private set; }

    /// <summary>This step as the checklist sees it now: whether it may be taken and what is still missing.</summary>
    public PermittedAction? ThisStep { get; private set; }

    /// <summary>The step the form takes.</summary>
    public abstract SipTrigger Trigger { get; }

    /// <summary>The head of the page: the case, this step's checklist entry, and what became of the form.</summary>
    public StepHeader Header => new(View, Trigger, ThisStep, Stale, new FormErrors(Refusal, ModelState));

    protected ISipWorkflow Workflow => workflow;

    protected DateTimeOffset Now => time.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Version = Case.Version;
        FormId = Guid.NewGuid();
        Defaults();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        SipCaseCommand? command = null;
        try
        {
            // The domain's values check themselves as they are built (a blank name, a personal identity number in a free
            // text): such a refusal belongs next to its field like every other.
            command = Build();
        }
        catch (ArgumentException e)
        {
            Refuse(e);
        }

        if (command is null || !ModelState.IsValid || Refusal is not null)
        {
            return Page();
        }

        try
        {
            await workflow.ExecuteAsync(command with { ExpectedVersion = Version, CommandId = CommandId }, cancellationToken);
            return Redirect($"/arenden/{Case.Id}?sparat={Trigger}#sparat");
        }
        catch (SipConcurrencyException e)
        {
            // Shown from the history: what happened since the form was rendered. The form is offered again against the
            // case as it is now, with the caseworker's input kept.
            var history = await workflow.ReadHistoryAsync(Case.Id, DemoUsers.Current(HttpContext).Actor, cancellationToken);
            await LoadAsync(id, cancellationToken);
            Stale = new StaleForm(e.ExpectedVersion, Case.Version, [.. history.Where(x => x.Sequence > e.ExpectedVersion)]);
            ModelState.Remove(nameof(Version));
            Version = Case.Version;
        }
        catch (ArgumentException e)
        {
            Refuse(e);
        }
        catch (SipWorkflowException e)
        {
            Refuse(e);
        }

        return Page();
    }

    /// <summary>Fills the form's first values (GET).</summary>
    protected virtual void Defaults()
    {
    }

    /// <summary>
    /// Builds the command from <see cref="FormPageModel{TInput}.Input"/>, or adds field errors and returns
    /// <see langword="null"/>. The version and command id are added by the caller.
    /// </summary>
    protected abstract SipCaseCommand? Build();

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await CaseView.LoadAsync(workflow, DemoUsers.Current(HttpContext).Actor, id, cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        ThisStep = (await workflow.ReadPermittedActionsAsync(Case.Id, DemoUsers.Current(HttpContext).Actor, T.Language, cancellationToken)).FirstOrDefault(a => a.Trigger == Trigger);
        return true;
    }
}
