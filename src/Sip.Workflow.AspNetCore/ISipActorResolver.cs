using Microsoft.AspNetCore.Http;

namespace Sip.Workflow.AspNetCore;

/// <summary>
/// Says who acts in a request: the <see cref="SipActor"/> (user id, organisation, role) every command records. The host
/// owns identity, so the host implements this from its authenticated user (claims, an HSA lookup, a staff register).
/// The endpoints never take the actor from the request body, so nobody can act in someone else's name by writing it there.
/// </summary>
/// <remarks>
/// Register one with <see cref="SipWorkflowAspNetCoreServiceCollectionExtensions.AddSipWorkflowEndpoints{TResolver}"/> (a
/// scoped service, so it may use the request's other services) or with a delegate through
/// <see cref="SipWorkflowAspNetCoreServiceCollectionExtensions.AddSipWorkflowEndpoints(Microsoft.Extensions.DependencyInjection.IServiceCollection, Func{HttpContext, SipActor?})"/>.
/// </remarks>
public interface ISipActorResolver
{
    /// <summary>The actor for this request, or <see langword="null"/> when its user may not act on SIP cases.</summary>
    /// <param name="context">The request, with its authenticated <see cref="HttpContext.User"/>.</param>
    /// <returns>
    /// The actor; <see langword="null"/> refuses the command with 401 when the request is not authenticated and 403 when
    /// it is (a problem of type <see cref="SipProblemTypes.NoActor"/>).
    /// </returns>
    ValueTask<SipActor?> ResolveAsync(HttpContext context);
}

/// <summary>An <see cref="ISipActorResolver"/> over a host's delegate.</summary>
internal sealed class DelegateSipActorResolver(Func<HttpContext, SipActor?> resolve) : ISipActorResolver
{
    public ValueTask<SipActor?> ResolveAsync(HttpContext context) => ValueTask.FromResult(resolve(context));
}
