using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Sip.Workflow.AspNetCore;

/// <summary>
/// Turns an exception of the library into a problem (RFC 9457): one status, <c>type</c> and set of extensions per
/// exception type. Every type deriving from <see cref="SipWorkflowException"/> has its case here; the tests find them
/// by reflection, so a new exception cannot be forgotten.
/// </summary>
internal static class SipProblemMapping
{
    private static readonly Assembly[] LibraryAssemblies = [typeof(ISipWorkflow).Assembly, typeof(SipProblemMapping).Assembly];

    /// <summary>The problem for <paramref name="exception"/>, or <see langword="null"/> when it is not the library's to answer.</summary>
    /// <param name="context">The request: its <c>If-Match</c> decides 409 or 412, its language the texts of a 422.</param>
    /// <param name="exception">What was thrown.</param>
    /// <param name="language">The language for texts the request did not choose one for.</param>
    public static ProblemDetails? Create(HttpContext context, Exception exception, SipLanguage language) => exception switch
    {
        SipWorkflowException sip => ForWorkflow(context, sip, language),
        ArgumentException argument when IsRaisedByLibrary(argument) => InvalidInput(argument),
        _ => null,
    };

    private static ProblemDetails ForWorkflow(HttpContext context, SipWorkflowException exception, SipLanguage language) => exception switch
    {
        // 403: the user is known, the rules say no. The rule is named so that the user can ask for access; the individual never.
        SipAccessRefusedException e => Problem(
            StatusCodes.Status403Forbidden, SipProblemTypes.AccessRefused, "The access rules refused this user", e.Message,
            ("caseId", e.CaseId), ("action", e.Action.ToString()), ("rule", e.Rule)),
        SipCaseNotFoundException e => Problem(StatusCodes.Status404NotFound, SipProblemTypes.CaseNotFound, "No such SIP case", e.Message, ("caseId", e.CaseId)),

        // With If-Match the client named the version it saw: the case moving on since is the precondition failing (412).
        // Without it the command lost a race with another writer between reading and saving (409).
        SipConcurrencyException e when NamedVersion(context) == e.ExpectedVersion => Problem(
            StatusCodes.Status412PreconditionFailed, SipProblemTypes.StaleVersion, "The case has changed since it was read",
            "The case is no longer at the version If-Match names; nothing was saved. Read the case again (GET returns its ETag) and decide whether the command still applies.",
            ("caseId", e.CaseId), ("expectedVersion", e.ExpectedVersion), ("actualVersion", e.ActualVersion)),
        SipConcurrencyException e => Problem(
            StatusCodes.Status409Conflict, SipProblemTypes.ConcurrentChange, "Someone else changed the case at the same time", e.Message,
            ("caseId", e.CaseId), ("expectedVersion", e.ExpectedVersion), ("actualVersion", e.ActualVersion)),

        SipInvalidStateException e => Problem(
            StatusCodes.Status409Conflict, SipProblemTypes.InvalidState, "The step does not exist in the case's state", e.Message,
            ("caseId", e.CaseId), ("state", e.State.ToString()), ("step", e.Trigger.ToString()),
            ("permittedSteps", e.PermittedTriggers.Select(t => t.ToString()).ToArray())),
        SipIdempotencyConflictException e => Problem(
            StatusCodes.Status409Conflict, SipProblemTypes.IdempotencyConflict, "The idempotency key was used for another command", e.Message,
            ("contentDiffers", e.ContentDiffers)),
        SipRequirementsNotMetException e => RequirementsNotMet(e, SipHttpHeaders.Language(context.Request) ?? language),

        // 422, not 413: the request may be small; it is the case it would change that is full (or has too many events), so
        // a client must not read it as "send less" — the fix is closing the SIP and opening a new one.
        SipCaseLimitExceededException e => Problem(
            StatusCodes.Status422UnprocessableEntity, SipProblemTypes.CaseLimitExceeded, "The case would outgrow its limit", e.Message,
            ("caseId", e.CaseId), ("limit", e.Limit.ToString()), ("maximum", e.Maximum), ("actual", e.Actual)),

        // 409: the request is well formed; the case's present state (open, within retention, its record in use, its
        // history broken) is what refuses it, as with a step that does not exist in the state.
        SipPurgeRefusedException e => Problem(
            StatusCodes.Status409Conflict, SipProblemTypes.PurgeRefused, "The case may not be purged", e.Message,
            ("caseId", e.CaseId), ("reason", e.Reason.ToString())),

        // A message from the other principal's system: its reason decides. Not found and misaddressed are the sender's
        // addressing; out of order and a case changed meanwhile are worth sending again (409, 503); the rest is the message.
        Sip.Workflow.Exchange.SipExchangeRefusedException e => Problem(
            e.Reason switch
            {
                Sip.Workflow.Exchange.SipExchangeRefusal.UnknownCase => StatusCodes.Status404NotFound,
                Sip.Workflow.Exchange.SipExchangeRefusal.NotAddressedHere => StatusCodes.Status421MisdirectedRequest,
                Sip.Workflow.Exchange.SipExchangeRefusal.OutOfOrder => StatusCodes.Status409Conflict,
                Sip.Workflow.Exchange.SipExchangeRefusal.CaseChanged => StatusCodes.Status503ServiceUnavailable,
                Sip.Workflow.Exchange.SipExchangeRefusal.UnsupportedSchema => StatusCodes.Status415UnsupportedMediaType,
                Sip.Workflow.Exchange.SipExchangeRefusal.RefusedByCase => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status400BadRequest,
            },
            SipProblemTypes.ExchangeRefused, "The exchange message was refused", e.Message,
            ("reason", e.Reason.ToString()), ("transient", e.IsTransient), ("messageId", e.MessageId)),

        // 500: the server is missing configuration (KnownPolicies); no request the client can change would succeed, and a
        // 409 would invite it to try. The exception, with the policies, goes to the log.
        SipUnknownPolicyException e => Problem(
            StatusCodes.Status500InternalServerError, SipProblemTypes.UnknownPolicy, "The case runs under a policy this server does not know",
            "This server is not configured with the policy the case was opened under; its operator must add it. Nothing was changed.",
            ("caseId", e.CaseId)),
        SipTransientStoreException e => Problem(
            StatusCodes.Status503ServiceUnavailable, SipProblemTypes.StoreUnavailable, "The SIP store is unavailable for a moment",
            e.MayHaveBeenApplied
                ? "The store failed while saving, so the command may or may not have been applied. Retry with the same Idempotency-Key: an applied command is replayed, not applied twice."
                : "The store failed for a passing reason and nothing was saved. Retry after the time Retry-After gives, with the same Idempotency-Key.",
            ("mayHaveBeenApplied", e.MayHaveBeenApplied)),
        SipStorageException => Problem(
            StatusCodes.Status500InternalServerError, SipProblemTypes.StorageFailure, "The SIP store failed",
            "The store could not do its work; the error is logged on the server. Nothing was changed."),
        _ => Problem(
            StatusCodes.Status500InternalServerError, SipProblemTypes.WorkflowFailure, "The SIP workflow failed",
            "The error is logged on the server. Nothing was changed."),
    };

    private static ProblemDetails RequirementsNotMet(SipRequirementsNotMetException e, SipLanguage language)
    {
        // The texts are rendered again from the catalogue in the language this request asks for: the exception carries
        // the engine's language, which need not be the caseworker's.
        var unmet = e.UnmetRequirements.Select(u =>
        {
            var requirement = SipRequirements.Find(u.Code) ?? u.Requirement;
            return new SipUnmetRequirementProblem(requirement.Code, requirement.Text(language), requirement.CitationOn(u.AsOf), requirement.Source.ToString());
        }).ToArray();
        var swedish = language == SipLanguage.Swedish;
        var problem = Problem(
            StatusCodes.Status422UnprocessableEntity,
            SipProblemTypes.RequirementsNotMet,
            swedish ? "Krav är inte uppfyllda" : "Requirements are not met",
            swedish
                ? string.Create(CultureInfo.InvariantCulture, $"Steget {e.Trigger} kan inte tas i ärende {e.CaseId} ({e.State}): {unmet.Length} krav är inte uppfyllda. Inget har ändrats.")
                : string.Create(CultureInfo.InvariantCulture, $"The step {e.Trigger} cannot be taken on case {e.CaseId} ({e.State}): {unmet.Length} requirement(s) are not met. Nothing was changed."),
            ("caseId", e.CaseId), ("state", e.State.ToString()), ("step", e.Trigger.ToString()), ("unmetRequirements", unmet));
        problem.Extensions["language"] = SipHttpHeaders.Tag(language);
        return problem;
    }

    private static ProblemDetails InvalidInput(ArgumentException e)
    {
        var field = FieldName(e.ParamName);
        var detail = SipRefusalText.Of(e);
        var problem = Problem(StatusCodes.Status400BadRequest, SipProblemTypes.InvalidInput, "The request is not valid", detail);
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return problem;
    }

    private static long? NamedVersion(HttpContext context)
    {
        try
        {
            return SipHttpHeaders.ExpectedVersion(context.Request);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the library (the engine or these endpoints) raised the exception, not the host: the first frame of its
    /// stack outside the framework (ThrowIfNull and JSON helpers sit between) belongs to a library assembly. A host's own
    /// <see cref="ArgumentException"/> is left to the host's handlers, so its message is never shown by this one.
    /// </summary>
    private static bool IsRaisedByLibrary(Exception exception)
    {
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: false).GetFrames())
        {
            if (frame.GetMethod()?.DeclaringType?.Assembly is not { } assembly || IsFramework(assembly))
            {
                continue;
            }

            return LibraryAssemblies.Contains(assembly);
        }

        return false;
    }

    private static bool IsFramework(Assembly assembly)
    {
        var name = assembly.GetName().Name ?? string.Empty;
        return name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
            || name is "System" or "netstandard" or "mscorlib";
    }

    /// <summary>
    /// The parameter as the client wrote it: the library names command properties (<c>Consent.GivenAt</c>), a body has
    /// them in camelCase (<c>consent.givenAt</c>); header and query names stay as they are.
    /// </summary>
    private static string? FieldName(string? paramName)
    {
        if (string.IsNullOrEmpty(paramName) || paramName.Contains('-', StringComparison.Ordinal))
        {
            return string.IsNullOrEmpty(paramName) ? null : paramName;
        }

        return string.Join('.', paramName.Split('.').Select(SipHttpJson.JsonName));
    }

    private static ProblemDetails Problem(int status, string type, string title, string detail, params ReadOnlySpan<(string Name, object? Value)> extensions)
    {
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        foreach (var (name, value) in extensions)
        {
            // As JSON already, written with the endpoints' options: the host's serializer (perhaps source-generated only)
            // then writes these values without knowing their types.
            problem.Extensions[name] = JsonSerializer.SerializeToElement(value, SipHttpJson.Options);
        }

        return problem;
    }
}

/// <summary>One unmet requirement in a 422 problem: its stable code, its text in the request's language and its citation.</summary>
/// <param name="Code">The requirement's code, e.g. <c>CONSENT-PLAN</c>.</param>
/// <param name="Text">The requirement in the language the request asked for.</param>
/// <param name="LegalReference">The law in force on the day the requirement was checked.</param>
/// <param name="Source">How binding the rule is (Law, NationalGuidance, …).</param>
internal sealed record SipUnmetRequirementProblem(string Code, string Text, string LegalReference, string Source);
