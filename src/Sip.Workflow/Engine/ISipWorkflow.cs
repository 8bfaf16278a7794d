namespace Sip.Workflow;

/// <summary>The outcome of an accepted command.</summary>
/// <param name="Case">
/// The case after the command. For a replay (<see cref="IsReplay"/>) it is the case as it is now, which may have moved on.
/// </param>
/// <param name="Event">The history event the command produced (for a replay, the original one).</param>
/// <param name="IsReplay">Whether the command id had been applied before and nothing was applied this time.</param>
public sealed record SipCommandResult(SipCase Case, SipEvent Event, bool IsReplay);

/// <summary>The format of a process diagram.</summary>
public enum DiagramFormat
{
    /// <summary>A Mermaid state diagram.</summary>
    Mermaid = 1,

    /// <summary>A Graphviz DOT graph.</summary>
    Dot = 2,
}

/// <summary>
/// The SIP engine a host calls: one command per step of the process, and the queries a journal system needs.
/// </summary>
/// <remarks>
/// <para>Every command loads the case, applies itself to a staging copy, checks the process's requirements, fires the
/// step, and saves the case with its history event in one atomic store call naming the version it read.</para>
/// <para>A refused command changes nothing, not even the history: bad input raises an <see cref="ArgumentException"/>
/// naming the argument; a step that does not exist in the case's state raises <see cref="SipInvalidStateException"/>;
/// unmet requirements raise <see cref="SipRequirementsNotMetException"/> listing each; a concurrent change raises
/// <see cref="SipConcurrencyException"/>; an unknown case raises <see cref="SipCaseNotFoundException"/>.</para>
/// </remarks>
/// <threadsafety>Implementations are safe to use from many threads at once.</threadsafety>
public interface ISipWorkflow
{
    /// <summary>Opens a case (need identified).</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> OpenCaseAsync(OpenCase command, CancellationToken cancellationToken = default);

    /// <summary>Records a consent.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> RecordConsentAsync(RecordConsent command, CancellationToken cancellationToken = default);

    /// <summary>Records a consent withdrawal; ends the SIP.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> WithdrawConsentAsync(WithdrawConsent command, CancellationToken cancellationToken = default);

    /// <summary>Records that the individual declined the offer; ends the case.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> DeclineOfferAsync(DeclineOffer command, CancellationToken cancellationToken = default);

    /// <summary>Starts preparation.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> StartPreparationAsync(StartPreparation command, CancellationToken cancellationToken = default);

    /// <summary>Adds a participant.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> AddParticipantAsync(AddParticipant command, CancellationToken cancellationToken = default);

    /// <summary>Changes a participant.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> ChangeParticipantAsync(ChangeParticipant command, CancellationToken cancellationToken = default);

    /// <summary>Schedules a meeting.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> ScheduleMeetingAsync(ScheduleMeeting command, CancellationToken cancellationToken = default);

    /// <summary>Sends the summons and invitations.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> SendSummonsAsync(SendSummons command, CancellationToken cancellationToken = default);

    /// <summary>Forwards a summons inside a principal.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> ForwardSummonsAsync(ForwardSummons command, CancellationToken cancellationToken = default);

    /// <summary>Records attendance at a meeting.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> RecordAttendanceAsync(RecordAttendance command, CancellationToken cancellationToken = default);

    /// <summary>Appoints the lead principal and coordinator.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> AssignLeadPrincipalAsync(AssignLeadPrincipal command, CancellationToken cancellationToken = default);

    /// <summary>Books the follow-up.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> BookFollowUpAsync(BookFollowUp command, CancellationToken cancellationToken = default);

    /// <summary>Records the meeting and establishes the plan.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> EstablishPlanAsync(EstablishPlan command, CancellationToken cancellationToken = default);

    /// <summary>Records a follow-up.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> RecordFollowUpAsync(RecordFollowUp command, CancellationToken cancellationToken = default);

    /// <summary>Revises the plan after a follow-up.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> RevisePlanAsync(RevisePlan command, CancellationToken cancellationToken = default);

    /// <summary>Closes the case.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> CloseAsync(CloseCase command, CancellationToken cancellationToken = default);

    /// <summary>Closes the case to restart it with a new case and new consent.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> CloseAndRestartAsync(CloseAndRestart command, CancellationToken cancellationToken = default);

    /// <summary>Records a deviation.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> RecordDeviationAsync(RecordDeviation command, CancellationToken cancellationToken = default);

    /// <summary>Changes the individual's protected-identity and interpreter flags.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCommandResult> ChangeIndividualAsync(ChangeIndividual command, CancellationToken cancellationToken = default);

    /// <summary>Reads a case.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case, or <see langword="null"/> when there is none.</returns>
    Task<SipCase?> GetCaseAsync(SipCaseId caseId, CancellationToken cancellationToken = default);

    /// <summary>Reads a case's history, oldest first.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<SipEvent>> GetHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default);

    /// <summary>Verifies a case's hash-chained history against the case.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SipCaseNotFoundException">There is no such case.</exception>
    Task<SipAuditVerification> VerifyHistoryAsync(SipCaseId caseId, CancellationToken cancellationToken = default);

    /// <summary>What may happen next: every step that exists in the case's state with its unmet requirements.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="language">The language of the requirement texts; the engine's default unless given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="SipCaseNotFoundException">There is no such case.</exception>
    Task<IReadOnlyList<PermittedAction>> GetPermittedActionsAsync(SipCaseId caseId, SipLanguage? language = null, CancellationToken cancellationToken = default);

    /// <summary>Due work (<i>bevakning</i>): open cases whose next deadline falls at or before <paramref name="dueAtOrBefore"/>, by due time.</summary>
    /// <param name="dueAtOrBefore">The horizon; pass now for what is overdue.</param>
    /// <param name="pageSize">1 to 1,000.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<DueWorkPage> GetDueWorkAsync(DateTimeOffset dueAtOrBefore, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>Finds cases.</summary>
    /// <param name="query">Filters and page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<SipCasePage> QueryCasesAsync(SipCaseQuery query, CancellationToken cancellationToken = default);

    /// <summary>The process under the engine's policy as a diagram.</summary>
    /// <param name="format">Mermaid or DOT.</param>
    /// <param name="language">The language of the requirement texts; the engine's default unless given.</param>
    string GetProcessDiagram(DiagramFormat format = DiagramFormat.Mermaid, SipLanguage? language = null);
}
