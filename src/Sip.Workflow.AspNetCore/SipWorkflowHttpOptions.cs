namespace Sip.Workflow.AspNetCore;

/// <summary>How the SIP problems and endpoints behave over HTTP.</summary>
/// <threadsafety>Set at start-up; read-only afterwards by convention, like every options class.</threadsafety>
public sealed class SipWorkflowHttpOptions
{
    /// <summary>The <c>Retry-After</c> a 503 (the store failed for a passing reason) asks clients to wait.</summary>
    /// <value>The default value is 1 second; whole seconds from 1 second to 1 hour.</value>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    internal IEnumerable<string> Validate()
    {
        if (RetryAfter < TimeSpan.FromSeconds(1) || RetryAfter > TimeSpan.FromHours(1) || RetryAfter.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            yield return $"'{nameof(RetryAfter)}' is {RetryAfter}; it must be whole seconds from 1 second to 1 hour (Retry-After is sent in seconds).";
        }
    }
}
