using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sip.Workflow;

/// <summary>
/// The names a host wires into OpenTelemetry (or any listener): one <see cref="Meter"/> and one
/// <see cref="ActivitySource"/>, both called <c>Sip.Workflow</c>. No package of ours is needed.
/// </summary>
/// <remarks>
/// <para>Instruments: <c>sip.workflow.commands</c> (counter; tags <c>sip.command</c>, <c>sip.outcome</c>),
/// <c>sip.workflow.rejections</c> (counter, one per unmet requirement; tags <c>sip.command</c>, <c>sip.requirement</c>),
/// <c>sip.workflow.concurrency_conflicts</c> (counter; tag <c>sip.command</c>) and <c>sip.workflow.command.duration</c>
/// (histogram in seconds; tags <c>sip.command</c>, <c>sip.outcome</c>). <c>sip.command</c> is the command's type name
/// (<c>OpenCase</c>, <c>RecordConsent</c>, …).</para>
/// <para>Outcomes: <c>accepted</c>, <c>replayed</c>, <c>requirements_not_met</c>, <c>invalid_state</c>,
/// <c>invalid_input</c>, <c>concurrency_conflict</c>, <c>not_found</c>, <c>unknown_policy</c>, <c>cancelled</c>,
/// <c>failed</c>. Tags carry codes and case ids only, never the individual's reference or plan text.</para>
/// </remarks>
public static class SipWorkflowTelemetry
{
    /// <summary>The meter's and the activity source's name: <c>Sip.Workflow</c>.</summary>
    public const string Name = "Sip.Workflow";

    /// <summary>The activity source commands are traced with.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(SipWorkflowTelemetry).Assembly.GetName().Version?.ToString());
}
