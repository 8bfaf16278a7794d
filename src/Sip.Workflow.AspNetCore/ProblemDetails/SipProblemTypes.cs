namespace Sip.Workflow.AspNetCore;

/// <summary>
/// The <c>type</c> of every problem (RFC 9457) the SIP endpoints and exception handler write: one stable URI per kind of
/// refusal, so a client branches on <c>type</c> and never on the human-readable <c>title</c> or <c>detail</c>.
/// </summary>
/// <remarks>
/// <para>The scheme is <c>urn:sip-workflow:problem:</c> followed by a lower-case, hyphenated name. The URIs identify; they
/// do not resolve to a page (RFC 9457, 3.1.1 allows that), and they name no host, so they stay the same in every
/// deployment. A name never changes meaning between versions; a new kind of problem gets a new name.</para>
/// <para>A host that documents its problems on its own pages can rewrite <c>type</c> in
/// <c>ProblemDetailsOptions.CustomizeProblemDetails</c>.</para>
/// </remarks>
public static class SipProblemTypes
{
    /// <summary>The prefix every type shares.</summary>
    public const string Prefix = "urn:sip-workflow:problem:";

    /// <summary>400: bad input; <c>errors</c> names each property (an <see cref="ArgumentException"/> of the library).</summary>
    public const string InvalidInput = Prefix + "invalid-input";

    /// <summary>404: no case with that id (<see cref="SipCaseNotFoundException"/>).</summary>
    public const string CaseNotFound = Prefix + "case-not-found";

    /// <summary>409: another writer changed the case while this command ran (<see cref="SipConcurrencyException"/>).</summary>
    public const string ConcurrentChange = Prefix + "concurrent-change";

    /// <summary>412: the case changed since the version the request's <c>If-Match</c> named (<see cref="SipConcurrencyException"/>).</summary>
    public const string StaleVersion = Prefix + "stale-version";

    /// <summary>409: the step does not exist in the case's state (<see cref="SipInvalidStateException"/>).</summary>
    public const string InvalidState = Prefix + "invalid-state";

    /// <summary>409: the idempotency key was used for another command (<see cref="SipIdempotencyConflictException"/>).</summary>
    public const string IdempotencyConflict = Prefix + "idempotency-conflict";

    /// <summary>422: requirements in force are not met; <c>unmetRequirements</c> lists each (<see cref="SipRequirementsNotMetException"/>).</summary>
    public const string RequirementsNotMet = Prefix + "requirements-not-met";

    /// <summary>422: the case would outgrow its size or event limit (<see cref="SipCaseLimitExceededException"/>).</summary>
    public const string CaseLimitExceeded = Prefix + "case-limit-exceeded";

    /// <summary>409: a purge (gallring) was refused (<see cref="SipPurgeRefusedException"/>).</summary>
    public const string PurgeRefused = Prefix + "purge-refused";

    /// <summary>
    /// A message from the other principal's system was refused (<see cref="Sip.Workflow.Exchange.SipExchangeRefusedException"/>):
    /// 400, 404, 409, 415, 421, 422 or 503 by its <c>reason</c>.
    /// </summary>
    public const string ExchangeRefused = Prefix + "exchange-refused";

    /// <summary>500: the case runs under a policy this server is not configured with (<see cref="SipUnknownPolicyException"/>).</summary>
    public const string UnknownPolicy = Prefix + "unknown-policy";

    /// <summary>500: the store failed for a lasting reason (<see cref="SipStorageException"/>).</summary>
    public const string StorageFailure = Prefix + "storage-failure";

    /// <summary>503: the store failed for a passing reason; retry after <c>Retry-After</c> (<see cref="SipTransientStoreException"/>).</summary>
    public const string StoreUnavailable = Prefix + "store-unavailable";

    /// <summary>500: a failure of the library this version of the package does not know by name (a newer core).</summary>
    public const string WorkflowFailure = Prefix + "workflow-failure";

    /// <summary>401 or 403: the request has no user the host lets act on SIP cases (<see cref="ISipActorResolver"/> gave none).</summary>
    public const string NoActor = Prefix + "no-actor";

    /// <summary>415: a command's body is not JSON.</summary>
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";

    /// <summary>The access rules refused the user (403): the rule is named, nothing was changed, a refused read is logged.</summary>
    public const string AccessRefused = Prefix + "access-refused";
}
