using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Sip.Workflow;

/// <summary>Measures, traces and logs each command. Logs and tags carry ids, codes and states only.</summary>
internal sealed partial class SipWorkflowInstruments
{
    private static readonly Meter SharedMeter = new(SipWorkflowTelemetry.Name);

    private readonly Counter<long> _commands;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _accessRefusals;
    private readonly Counter<long> _reads;
    private readonly ILogger _logger;

    public SipWorkflowInstruments(IMeterFactory? meterFactory, ILogger logger)
    {
        var meter = meterFactory?.Create(SipWorkflowTelemetry.Name) ?? SharedMeter;
        _commands = meter.CreateCounter<long>("sip.workflow.commands", "{command}", "SIP commands handled, by command and outcome.");
        _rejections = meter.CreateCounter<long>("sip.workflow.rejections", "{requirement}", "Unmet requirements that refused a command, by requirement code.");
        _conflicts = meter.CreateCounter<long>("sip.workflow.concurrency_conflicts", "{conflict}", "Commands that lost a concurrent write.");
        _retries = meter.CreateCounter<long>("sip.workflow.concurrency_retries", "{retry}", "Commands run again after losing a concurrent write (SipWorkflowOptions.ConcurrencyRetries).");
        _duration = meter.CreateHistogram<double>("sip.workflow.command.duration", "s", "How long a SIP command took, end to end.");
        _accessRefusals = meter.CreateCounter<long>("sip.workflow.access_refusals", "{refusal}", "Commands and reads the access rules refused, by action and rule.");
        _reads = meter.CreateCounter<long>("sip.workflow.reads", "{read}", "Reads of a case that named a reader, by action and outcome (allowed, refused).");
        _logger = logger;
    }

    /// <summary>Counts and logs a refusal by the access rules; ids and codes only, never the individual.</summary>
    public void AccessRefused(SipAccessAction action, string rule, SipCaseId? caseId)
    {
        _accessRefusals.Add(1, new("sip.access.action", action.ToString()), new("sip.access.rule", rule));
        LogAccessRefused(action, caseId, rule);
    }

    /// <summary>Counts a read that named its reader.</summary>
    public void Read(SipAccessAction action, bool allowed)
        => _reads.Add(1, new("sip.access.action", action.ToString()), new("sip.outcome", allowed ? "allowed" : "refused"));

    /// <summary>Logs, as a warning, a read allowed only through the support administrator role: such reads are always looked at.</summary>
    public void AdministratorRead(SipAccessAction action, SipCaseId caseId, string userId, string reason) => LogAdministratorRead(action, caseId, userId, reason);

    /// <summary>Counts and logs a command run again after it lost a race.</summary>
    public void Retried(string command, SipConcurrencyException lost, int attempt)
    {
        _retries.Add(1, new KeyValuePair<string, object?>("sip.command", command));
        LogRetried(command, lost.CaseId, lost.ExpectedVersion, lost.ActualVersion, attempt);
    }

    // The run takes its state as an argument (a static lambda), so that measuring costs a command no closure.
    public async Task<SipCommandResult> MeasureAsync<TState>(string command, SipCaseId? caseId, Func<TState, ValueTask<SipCommandResult>> run, TState state)
    {
        var started = Stopwatch.GetTimestamp();

        // The activity's name is made only when someone listens: without a listener there is no activity to name.
        using var activity = SipWorkflowTelemetry.ActivitySource.HasListeners()
            ? SipWorkflowTelemetry.ActivitySource.StartActivity("sip.command " + command, ActivityKind.Internal)
            : null;
        activity?.SetTag("sip.command", command);
        activity?.SetTag("sip.case_id", caseId?.ToString());
        var outcome = "failed";
        try
        {
            var result = await run(state).ConfigureAwait(false);
            outcome = result.IsReplay ? "replayed" : "accepted";
            activity?.SetTag("sip.case_id", result.Case.Id.ToString());
            activity?.SetTag("sip.version", result.Case.Version);
            if (result.IsReplay)
            {
                LogReplayed(command, result.Case.Id, result.Event.Sequence);
            }
            else
            {
                LogAccepted(command, result.Case.Id, result.Event.FromState, result.Event.ToState, result.Case.Version);
            }

            return result;
        }
        catch (SipRequirementsNotMetException e)
        {
            outcome = "requirements_not_met";
            foreach (var unmet in e.UnmetRequirements)
            {
                _rejections.Add(1, new("sip.command", command), new("sip.requirement", unmet.Code));
            }

            if (_logger.IsEnabled(LogLevel.Information))
            {
                var codes = string.Join(",", e.UnmetRequirements.Select(u => u.Code));
                LogRequirementsNotMet(command, e.CaseId, e.State, codes);
            }
            throw;
        }
        catch (SipConcurrencyException e)
        {
            outcome = "concurrency_conflict";
            _conflicts.Add(1, new KeyValuePair<string, object?>("sip.command", command));
            LogConflict(command, e.CaseId, e.ExpectedVersion, e.ActualVersion);
            throw;
        }
        catch (SipAccessRefusedException)
        {
            // Counted and logged where it was refused, with the rule.
            outcome = "access_refused";
            throw;
        }
        catch (SipInvalidStateException e)
        {
            outcome = "invalid_state";
            LogInvalidState(command, e.CaseId, e.State);
            throw;
        }
        catch (ArgumentException e)
        {
            // The message may quote the input; the argument's name is enough to find the mistake.
            outcome = "invalid_input";
            LogInvalidInput(command, caseId, e.ParamName);
            throw;
        }
        catch (SipCaseNotFoundException e)
        {
            outcome = "not_found";
            LogNotFound(command, e.CaseId);
            throw;
        }
        catch (SipUnknownPolicyException e)
        {
            outcome = "unknown_policy";
            LogUnknownPolicy(command, e.CaseId, e.PolicyName);
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            activity?.SetTag("sip.outcome", outcome);
            if (outcome is not ("accepted" or "replayed"))
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            _commands.Add(1, new("sip.command", command), new("sip.outcome", outcome));
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new("sip.command", command), new("sip.outcome", outcome));
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "SIP {Command} accepted for case {CaseId}: {FromState} -> {ToState}, version {Version}")]
    private partial void LogAccepted(string command, SipCaseId caseId, SipState? fromState, SipState toState, long version);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "SIP {Command} replayed for case {CaseId}: the command id was already applied as event {Sequence}")]
    private partial void LogReplayed(string command, SipCaseId caseId, long sequence);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "SIP {Command} refused for case {CaseId} ({State}): requirements not met: {RequirementCodes}")]
    private partial void LogRequirementsNotMet(string command, SipCaseId caseId, SipState state, string requirementCodes);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "SIP {Command} lost a concurrent write on case {CaseId}: expected version {ExpectedVersion}, found {ActualVersion}")]
    private partial void LogConflict(string command, SipCaseId caseId, long expectedVersion, long? actualVersion);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "SIP {Command} refused for case {CaseId}: the step does not exist in state {State}")]
    private partial void LogInvalidState(string command, SipCaseId caseId, SipState state);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "SIP {Command} refused for case {CaseId}: invalid argument {Argument}")]
    private partial void LogInvalidInput(string command, SipCaseId? caseId, string? argument);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "SIP {Command} refused: there is no case {CaseId}")]
    private partial void LogNotFound(string command, SipCaseId caseId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "SIP {Command} refused for case {CaseId}: it runs under policy {PolicyName}, which this engine does not know")]
    private partial void LogUnknownPolicy(string command, SipCaseId caseId, string policyName);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "SIP {Command} lost a concurrent write on case {CaseId} (read version {ExpectedVersion}, now {ActualVersion}); running it again on the current case, retry {Attempt}")]
    private partial void LogRetried(string command, SipCaseId caseId, long expectedVersion, long? actualVersion, int attempt);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "SIP {Action} refused on case {CaseId} by the access rule {Rule}")]
    private partial void LogAccessRefused(SipAccessAction action, SipCaseId? caseId, string rule);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "SIP {Action} of case {CaseId} by support administrator {UserId}, why-code {Reason}")]
    private partial void LogAdministratorRead(SipAccessAction action, SipCaseId caseId, string userId, string reason);
}
