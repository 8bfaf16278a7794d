using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages;

/// <summary>
/// What a caseworker sees when something failed that no page handled, or an address leads nowhere: a message in words and
/// a way back, never a stack trace. The exception itself is logged.
/// </summary>
[IgnoreAntiforgeryToken]
internal sealed partial class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string Title { get; private set; } = string.Empty;

    public string Text { get; private set; } = string.Empty;

    public void OnGet(int? status) => Describe(status);

    // A failed POST is re-executed here as a POST.
    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        var t = Ui.From(HttpContext);
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (failure is not null)
        {
            LogFailure(logger, failure, HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path);
            var notice = LibraryErrors.Describe(failure is PageFailure { InnerException: { } inner } ? inner : failure, t);
            (Title, Text) = (notice.Title, notice.Text);
            return;
        }

        (Title, Text) = status == StatusCodes.Status404NotFound
            ? (t.S("Sidan finns inte", "Page not found"), t.S("Adressen leder inte till någon sida eller något ärende.", "The address leads to no page or case."))
            : (t.S("Något gick fel", "Something went wrong"), t.S("Försök igen. Kontakta systemförvaltningen om det händer igen.", "Try again. Contact the system administrators if it happens again."));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A page failed: {Path}")]
    private static partial void LogFailure(ILogger logger, Exception exception, string? path);
}
