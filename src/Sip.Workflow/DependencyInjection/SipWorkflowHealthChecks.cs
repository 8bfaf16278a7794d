using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>Adds the SIP store to a host's health checks, as Npgsql's and EF Core's checks add their databases.</summary>
public static class SipWorkflowHealthCheckBuilderExtensions
{
    /// <summary>The name the check is registered under unless another is given.</summary>
    public const string DefaultName = "sip-workflow";

    /// <summary>
    /// Checks the store the engine uses: it opens, its schema version is the one this release writes, and the write lock is
    /// obtainable (the database is not read-only or locked) — by the store's probe (<see cref="ISipStoreHealthProbe"/>),
    /// looking through a host's decorator to the provider's store, or by a read for a store without a probe. Nothing is
    /// written.
    /// </summary>
    /// <param name="builder">The host's health checks.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">What a failed check reports; <see cref="HealthStatus.Unhealthy"/> unless given.</param>
    /// <param name="tags">Tags to filter checks by (e.g. "ready" for a readiness endpoint).</param>
    /// <param name="timeout">How long the check may take before it counts as failed; none unless given.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// A failed check's description is the store's exception message, which names the database problem (a foreign file, a
    /// newer schema, a read-only database, a lock held too long) and never personal data.
    /// </remarks>
    public static IHealthChecksBuilder AddSipWorkflow(
        this IHealthChecksBuilder builder,
        string name = DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        return builder.Add(new HealthCheckRegistration(name, sp => new SipStoreHealthCheck(sp), failureStatus, tags, timeout));
    }

    private sealed class SipStoreHealthCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var health = SipStoreRegistration.Find<ISipStoreHealthProbe>(services) is { } probe
                    ? await probe.ProbeAsync(cancellationToken).ConfigureAwait(false)
                    : await SipStoreProbes.ProbeAsync(services.GetRequiredService<ISipCaseStore>(), cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy(
                    health.SchemaVersion > 0 ? $"The {health.Store} is open at schema version {health.SchemaVersion} and can be written." : $"The {health.Store} answers.",
                    new Dictionary<string, object> { ["store"] = health.Store, ["schemaVersion"] = health.SchemaVersion });
            }
            catch (SipWorkflowException e)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, e.Message, e);
            }
        }
    }
}
