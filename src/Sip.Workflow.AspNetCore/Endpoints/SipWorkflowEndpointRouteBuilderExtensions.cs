using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Sip.Workflow.AspNetCore;

/// <summary>Maps the SIP workflow's HTTP API into a host's routes.</summary>
public static class SipWorkflowEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps one endpoint for every command and every query of <see cref="ISipWorkflow"/> under <paramref name="prefix"/>:
    /// <c>POST /cases</c> opens a case, <c>POST /cases/{caseId}/commands/{step}</c> runs any other step (one endpoint per
    /// command type, named in kebab case: <c>record-consent</c>, <c>establish-plan</c>, …), and the queries are
    /// <c>GET /cases/{caseId}</c> (with its version as the <c>ETag</c>), <c>…/history</c>, <c>GET …/verification</c>,
    /// <c>POST …/verification</c> (against a checkpoint), <c>…/checkpoint</c>, <c>…/permitted-actions</c>,
    /// <c>POST /cases/query</c>, <c>GET /due-work</c>, <c>GET /process/diagram</c> and <c>GET /policies</c>. The package
    /// README lists them with their headers. The store's administration (verifying the whole store, gallring) is mapped
    /// apart, by <see cref="MapSipWorkflowAdministration"/>.
    /// </summary>
    /// <remarks>
    /// <para>Commands take <c>If-Match</c> (the case's ETag: a stale one is refused with 412 and nothing saved) and
    /// <c>Idempotency-Key</c> (a retry returns the first result with <c>Idempotent-Replayed: true</c>); the actor comes from
    /// the host's <see cref="ISipActorResolver"/>, never from the body. Refusals are problems (RFC 9457) written by the
    /// handler <see cref="SipWorkflowAspNetCoreServiceCollectionExtensions.AddSipWorkflowProblemDetails"/> registers, so
    /// the host calls <c>app.UseExceptionHandler()</c>.</para>
    /// <para>Add authorization, rate limiting or CORS to the group this returns, e.g.
    /// <c>app.MapSipWorkflow("/sip").RequireAuthorization("caseworker")</c>. Endpoint names start with <c>Sip</c>
    /// (<c>SipRecordConsent</c>, <c>SipGetCase</c>), so the group is mapped once per application.</para>
    /// </remarks>
    /// <param name="endpoints">The host's routes (usually the <c>WebApplication</c>).</param>
    /// <param name="prefix">The route prefix, e.g. <c>/sip</c>; none unless given.</param>
    /// <returns>The group of endpoints, for the host's conventions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">
    /// <see cref="ISipWorkflow"/> is not registered (<c>AddSipWorkflow</c>), or no <see cref="ISipActorResolver"/> is
    /// (<see cref="SipWorkflowAspNetCoreServiceCollectionExtensions.AddSipWorkflowEndpoints(IServiceCollection, Func{HttpContext, SipActor?})"/>).
    /// </exception>
    public static RouteGroupBuilder MapSipWorkflow(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "")
    {
        var group = Group(endpoints, prefix, nameof(MapSipWorkflow), "SIP");
        SipCommandEndpoints.Map(group);
        SipQueryEndpoints.Map(group);
        return group;
    }

    /// <summary>
    /// Maps the store's administration under <paramref name="prefix"/>: <c>POST /store/verification</c> (every case and
    /// tombstone, against the last store checkpoint given as the body; <see cref="ISipWorkflow.VerifyStoreAsync"/>),
    /// <c>GET /gallring/due</c> (closed cases whose retention has passed; <see cref="ISipWorkflow.GetDueForGallringAsync"/>),
    /// <c>GET /events</c> (the event feed of all cases; <see cref="ISipWorkflow.ReadEventsAsync"/>),
    /// <c>GET /indicators</c> (aggregate indicators, JSON or CSV; <see cref="SipIndicators.GetIndicatorsAsync"/>, mapped when
    /// the host called <c>AddSipIndicators</c>)
    /// and <c>POST /cases/{caseId}/purge</c> (<see cref="ISipWorkflow.PurgeCaseAsync"/>, the authenticated user recorded on
    /// the tombstone).
    /// </summary>
    /// <remarks>
    /// <para>Purging removes a case for good, and verifying the store and the feed read every case, so these are not part of
    /// <see cref="MapSipWorkflow"/>: map them under their own prefix and protect the group for the archivists and
    /// administrators who do gallring, e.g. <c>app.MapSipWorkflowAdministration("/sip-admin").RequireAuthorization("archivist")</c>.
    /// Refusals are problems like those of <see cref="MapSipWorkflow"/>.</para>
    /// <para>Kestrel limits a request body to about 30 MB unless the host raises it; a store checkpoint takes some 100 bytes
    /// per case, so for a store of hundreds of thousands of cases run <see cref="ISipWorkflow.VerifyStoreAsync"/> as a
    /// background job instead.</para>
    /// </remarks>
    /// <param name="endpoints">The host's routes (usually the <c>WebApplication</c>).</param>
    /// <param name="prefix">The route prefix, e.g. <c>/sip-admin</c>; none unless given.</param>
    /// <returns>The group of endpoints, for the host's conventions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">
    /// <see cref="ISipWorkflow"/> is not registered (<c>AddSipWorkflow</c>), or no <see cref="ISipActorResolver"/> is
    /// (<see cref="SipWorkflowAspNetCoreServiceCollectionExtensions.AddSipWorkflowEndpoints(IServiceCollection, Func{HttpContext, SipActor?})"/>).
    /// </exception>
    public static RouteGroupBuilder MapSipWorkflowAdministration(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "")
    {
        var group = Group(endpoints, prefix, nameof(MapSipWorkflowAdministration), "SIP administration");
        SipAdministrationEndpoints.Map(group);
        return group;
    }

    private static RouteGroupBuilder Group(IEndpointRouteBuilder endpoints, string prefix, string method, string tag)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        EnsureRegistered(endpoints.ServiceProvider, method);

        var group = endpoints.MapGroup(prefix).WithTags(tag);
        group.AddEndpointFilter(NameMalformedRouteValues);
        return group;
    }

    private static void EnsureRegistered(IServiceProvider services, string method)
    {
        var registered = services.GetService<IServiceProviderIsService>();
        var missing = new List<string>();
        if (registered?.IsService(typeof(ISipWorkflow)) == false)
        {
            missing.Add("ISipWorkflow is not registered: call builder.Services.AddSipWorkflow(...) and choose a store (.UseSqliteStore(...), .UseInMemoryStore()).");
        }

        if (registered?.IsService(typeof(ISipActorResolver)) == false
            || !services.GetServices<IExceptionHandler>().OfType<SipWorkflowExceptionHandler>().Any())
        {
            missing.Add("The SIP endpoints are not registered: call builder.Services.AddSipWorkflowEndpoints(context => new SipActor { ... }) " +
                "(or AddSipWorkflowEndpoints<TResolver>()) to say who acts, from the authenticated user.");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(method + " cannot map the SIP endpoints: " + string.Join(" ", missing));
        }
    }

    // A route value that does not bind (a case id that is not a Guid) leaves ASP.NET Core's 400 without a body; the filter
    // still runs then, so it names the value with a problem like every other bad input. The case id is the only value
    // bound by the framework: query values and bodies are read by the endpoints themselves.
    private static ValueTask<object?> NameMalformedRouteValues(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        => context.HttpContext.Response.StatusCode == StatusCodes.Status400BadRequest
            ? throw new ArgumentException(
                "'caseId' in the route is not a SIP case id: give the id of a case, a non-empty Guid such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.",
                "caseId")
            : next(context);
}
