using Microsoft.AspNetCore.Mvc.Filters;

namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>
/// The error a page raised, wrapped so that it reaches the error page: the SIP exception handler registered for the API
/// (<c>AddSipWorkflowEndpoints</c>) answers a bare library exception with a JSON problem, which a caseworker's browser must
/// never show. Forms catch what they expect themselves; this is for the rest (a store that fails while a page reads).
/// </summary>
internal sealed class PageFailure(Exception inner) : Exception("A page failed; the inner exception says why.", inner);

internal sealed class PageFailureFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed is { Exception: SipWorkflowException or ArgumentException, ExceptionHandled: false })
        {
            executed.ExceptionHandled = true;
            throw new PageFailure(executed.Exception);
        }
    }
}
