using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Sip.Workflow.AspNetCore;

/// <summary>
/// Answers every exception of the library with a problem (RFC 9457) through the host's <see cref="IProblemDetailsService"/>,
/// so <c>AddProblemDetails(o =&gt; o.CustomizeProblemDetails = …)</c> applies to them as to every other problem. Runs in
/// <c>app.UseExceptionHandler()</c>; a host's own handlers registered before it see the exception first.
/// </summary>
internal sealed partial class SipWorkflowExceptionHandler(
    IProblemDetailsService problems,
    IOptions<SipWorkflowHttpOptions> options,
    IServiceProvider services,
    ILogger<SipWorkflowExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var engineLanguage = services.GetService<IOptions<SipWorkflowOptions>>()?.Value.Language ?? SipLanguage.Swedish;
        if (SipProblemMapping.Create(httpContext, exception, engineLanguage) is not { } problem)
        {
            return false;
        }

        var status = problem.Status!.Value;

        // ASP.NET Core logs no exception an IExceptionHandler handled: a refusal is the client's business (Debug), a
        // server-side failure is the operator's (Error, with the exception and its internals, which the body never shows).
        if (status >= StatusCodes.Status500InternalServerError)
        {
            LogServerFailure(logger, exception, problem.Type, status);
        }
        else
        {
            LogRefusal(logger, problem.Type, status);
        }

        httpContext.Response.StatusCode = status;
        if (exception is SipTransientStoreException)
        {
            httpContext.Response.Headers.RetryAfter = ((long)options.Value.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (problem.Extensions.TryGetValue("language", out var tag) && tag is string language)
        {
            httpContext.Response.Headers[HeaderNames.ContentLanguage] = language;
        }

        // A client that accepts no JSON gets the status and headers without a body it could not read.
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A SIP request failed on the server: {ProblemType} ({Status}).")]
    private static partial void LogServerFailure(ILogger logger, Exception exception, string? problemType, int status);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "A SIP request was refused: {ProblemType} ({Status}).")]
    private static partial void LogRefusal(ILogger logger, string? problemType, int status);
}
