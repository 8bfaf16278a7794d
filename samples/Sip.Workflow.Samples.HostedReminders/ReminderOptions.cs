namespace Sip.Workflow.Samples.HostedReminders;

/// <summary>How the reminder service polls; bound from the "Reminders" configuration section.</summary>
internal sealed class ReminderOptions
{
    /// <summary>Seconds between polls. The default is 1 for the demo; a host would poll every few minutes.</summary>
    public int IntervalSeconds { get; set; } = 1;

    /// <summary>How far ahead to look, in days: due soon as well as overdue.</summary>
    public int LookAheadDays { get; set; } = 2;

    /// <summary>Polls before the demo stops the host; 0 polls until the host is stopped.</summary>
    public int MaxPolls { get; set; } = 3;
}
