namespace Sip.Workflow.Samples.Quickstart;

/// <summary>
/// The engine reads time only through <see cref="TimeProvider"/>. The demo uses its own clock so it can let a week
/// pass before the meeting and three months before the follow-up; a host passes <see cref="TimeProvider.System"/>.
/// </summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
