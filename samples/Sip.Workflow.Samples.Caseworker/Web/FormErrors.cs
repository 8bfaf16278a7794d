using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>What the top of a form shows after a refusal: the library's refusal in words, and a summary of the fields to fix with links to them.</summary>
internal sealed record FormErrors(Notice? Refusal, ModelStateDictionary ModelState)
{
    public IEnumerable<(string Id, string Message)> FieldErrors
        => ModelState.Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(error => (Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(e.Key, "_"), error.ErrorMessage)));
}

/// <summary>The head of a step's page: the case it is about, the step's own checklist entry, and what happened to the form.</summary>
internal sealed record StepHeader(CaseView View, SipTrigger Trigger, PermittedAction? ThisStep, StaleForm? Stale, FormErrors Errors);
