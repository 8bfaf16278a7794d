using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sip.Workflow.AspNetCore;

/// <summary>Registers the SIP workflow's ASP.NET Core services: problems for its exceptions, and what its endpoints need.</summary>
public static class SipWorkflowAspNetCoreServiceCollectionExtensions
{
    /// <summary>
    /// Answers every exception of the library with a problem (RFC 9457): bad input 400, an unknown case 404, a conflict
    /// 409, a stale <c>If-Match</c> 412, unmet requirements 422 in the request's language, a passing store failure 503 with
    /// <c>Retry-After</c> (<see cref="SipProblemTypes"/> lists every one). Registers an <see cref="IExceptionHandler"/> and
    /// <c>AddProblemDetails()</c>; the host calls <c>app.UseExceptionHandler()</c>. Safe to call more than once.
    /// </summary>
    /// <remarks>
    /// Only the library's own <see cref="ArgumentException"/>s become 400s (those raised in its code); a host's are left to
    /// the host. Problems go through <see cref="IProblemDetailsService"/>, so the host's <c>CustomizeProblemDetails</c> applies.
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets <see cref="SipWorkflowHttpOptions"/>; validated when the host starts.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddSipWorkflowProblemDetails(this IServiceCollection services, Action<SipWorkflowHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SipWorkflowHttpOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipWorkflowHttpOptions>, SipWorkflowHttpOptionsValidator>());
        services.AddProblemDetails();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, SipWorkflowExceptionHandler>());
        return services;
    }

    /// <summary>
    /// Registers what <see cref="SipWorkflowEndpointRouteBuilderExtensions.MapSipWorkflow"/> needs: the problems of
    /// <see cref="AddSipWorkflowProblemDetails"/>, and the host's way of saying who acts, as a delegate over the request
    /// (usually its <see cref="HttpContext.User"/>). The last call's delegate wins.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="resolveActor">The actor of a request from its authenticated user; <see langword="null"/> refuses it (401/403).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="resolveActor"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddSipWorkflowEndpoints(this IServiceCollection services, Func<HttpContext, SipActor?> resolveActor)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(resolveActor);
        AddEndpointServices(services);
        services.RemoveAll<ISipActorResolver>();
        services.AddSingleton<ISipActorResolver>(new DelegateSipActorResolver(resolveActor));
        return services;
    }

    /// <summary>
    /// Registers what <see cref="SipWorkflowEndpointRouteBuilderExtensions.MapSipWorkflow"/> needs: the problems of
    /// <see cref="AddSipWorkflowProblemDetails"/>, and <typeparamref name="TResolver"/> (scoped: one per request) to say who
    /// acts. The last call's resolver wins.
    /// </summary>
    /// <typeparam name="TResolver">The host's <see cref="ISipActorResolver"/>.</typeparam>
    /// <param name="services">The host's services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddSipWorkflowEndpoints<TResolver>(this IServiceCollection services)
        where TResolver : class, ISipActorResolver
    {
        ArgumentNullException.ThrowIfNull(services);
        AddEndpointServices(services);
        services.RemoveAll<ISipActorResolver>();
        services.AddScoped<ISipActorResolver, TResolver>();
        return services;
    }

    private static void AddEndpointServices(IServiceCollection services)
    {
        services.AddSipWorkflowProblemDetails();

        // Every OpenAPI document the host adds (AddOpenApi, before or after this) describes the SIP endpoints as they
        // behave: the headers they take, the members a body must leave out, the ids as strings.
        services.ConfigureAll<OpenApiOptions>(SipOpenApi.Configure);
    }
}

/// <summary>Checks <see cref="SipWorkflowHttpOptions"/> at start-up, every problem in one message.</summary>
internal sealed class SipWorkflowHttpOptionsValidator : IValidateOptions<SipWorkflowHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, SipWorkflowHttpOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("The SIP workflow's HTTP options are not valid: " + string.Join(" ", problems));
    }
}
