using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sip.Workflow.Samples.HostedReminders;

/// <summary>
/// Polls due work (bevakning) and logs a reminder per case: what is due, under which rule, for whom. A journal system
/// would put these on the lead principal's work list instead.
/// </summary>
internal sealed partial class DueWorkReminderService(
    ISipWorkflow workflow,
    TimeProvider time,
    IOptions<ReminderOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DueWorkReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.IntervalSeconds), time);
        var polls = 0;
        do
        {
            var now = time.GetUtcNow();
            string? token = null;
            var reminders = 0;
            do
            {
                var page = await workflow.GetDueWorkAsync(now.AddDays(settings.LookAheadDays), pageSize: 100, token, stoppingToken);
                foreach (var item in page.Items)
                {
                    reminders++;
                    LogReminder(item.IsOverdue ? "OVERDUE" : "due soon", item.CaseId, item.State, item.RequirementCode, item.DueAt, item.LegalReference,
                        item.LeadPrincipal?.Organisation.Name ?? "(no lead principal yet)");
                }

                token = page.ContinuationToken;
            }
            while (token is not null);

            polls++;
            LogPoll(polls, reminders);
            if (settings.MaxPolls > 0 && polls >= settings.MaxPolls)
            {
                lifetime.StopApplication();
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder ({Urgency}): case {CaseId} ({State}) — {RequirementCode} due {DueAt:yyyy-MM-dd HH:mm} [{LegalReference}] — for {LeadPrincipal}")]
    private partial void LogReminder(string urgency, SipCaseId caseId, SipState state, string requirementCode, DateTimeOffset dueAt, string legalReference, string leadPrincipal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {Poll}: {Reminders} reminder(s)")]
    private partial void LogPoll(int poll, int reminders);
}
