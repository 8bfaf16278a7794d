namespace Sip.Workflow;

/// <summary>
/// The typed step methods: each runs its command through <see cref="ISipWorkflow.ExecuteAsync"/>, so any
/// <see cref="ISipWorkflow"/> (a decorator, a test double) gets them all by implementing that one method.
/// </summary>
/// <remarks>Each method raises what <see cref="ISipWorkflow.ExecuteAsync"/> raises; the list is there.</remarks>
public static class SipWorkflowCommands
{
    /// <summary>Opens a case: the need is identified (<i>upptäck behov</i>).</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> OpenCaseAsync(this ISipWorkflow workflow, OpenCase command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records a consent.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordConsentAsync(this ISipWorkflow workflow, RecordConsent command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records a consent withdrawal; ends the SIP.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> WithdrawConsentAsync(this ISipWorkflow workflow, WithdrawConsent command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records that the individual declined the offer; ends the case.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> DeclineOfferAsync(this ISipWorkflow workflow, DeclineOffer command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Starts preparation.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> StartPreparationAsync(this ISipWorkflow workflow, StartPreparation command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Adds a participant.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> AddParticipantAsync(this ISipWorkflow workflow, AddParticipant command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Changes a participant.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> ChangeParticipantAsync(this ISipWorkflow workflow, ChangeParticipant command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Schedules a meeting.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> ScheduleMeetingAsync(this ISipWorkflow workflow, ScheduleMeeting command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Sends the summons and invitations.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> SendSummonsAsync(this ISipWorkflow workflow, SendSummons command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Forwards a summons inside a principal.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> ForwardSummonsAsync(this ISipWorkflow workflow, ForwardSummons command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records attendance at a meeting.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordAttendanceAsync(this ISipWorkflow workflow, RecordAttendance command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Appoints the lead principal and coordinator.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> AssignLeadPrincipalAsync(this ISipWorkflow workflow, AssignLeadPrincipal command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Books the follow-up.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> BookFollowUpAsync(this ISipWorkflow workflow, BookFollowUp command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records the meeting and establishes the plan.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> EstablishPlanAsync(this ISipWorkflow workflow, EstablishPlan command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records a follow-up.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordFollowUpAsync(this ISipWorkflow workflow, RecordFollowUp command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Revises the plan after a follow-up.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RevisePlanAsync(this ISipWorkflow workflow, RevisePlan command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Closes the case.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> CloseCaseAsync(this ISipWorkflow workflow, CloseCase command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Closes the case to restart it with a new case and new consent.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> CloseAndRestartAsync(this ISipWorkflow workflow, CloseAndRestart command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records a deviation.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordDeviationAsync(this ISipWorkflow workflow, RecordDeviation command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Changes the individual's protected-identity and interpreter flags.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> ChangeIndividualAsync(this ISipWorkflow workflow, ChangeIndividual command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records an admission to inpatient care: a new stay.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordAdmissionAsync(this ISipWorkflow workflow, RecordAdmission command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records the fixed care contact appointed by outpatient care.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> AppointFixedCareContactAsync(this ISipWorkflow workflow, AppointFixedCareContact command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records a ready-for-discharge notice, or a renewed one.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordReadyForDischargeAsync(this ISipWorkflow workflow, RecordReadyForDischarge command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records that the ready-for-discharge notice was revoked.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RevokeReadyForDischargeAsync(this ISipWorkflow workflow, RevokeReadyForDischarge command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records the discharge and the transfer of information.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordDischargeAsync(this ISipWorkflow workflow, RecordDischarge command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records a staff decision not to start a SIP, with its reason: ends the case.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> DeclineToStartAsync(this ISipWorkflow workflow, DeclineToStart command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records one principal's documentation of the closing of a closed case.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> DocumentClosingAsync(this ISipWorkflow workflow, DocumentClosing command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Decides after a follow-up that the plan continues unchanged, with the next follow-up booked.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> ConfirmPlanUnchangedAsync(this ISipWorkflow workflow, ConfirmPlanUnchanged command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records a substantial change in the individual's situation: an early follow-up becomes due.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordSituationChangeAsync(this ISipWorkflow workflow, RecordSituationChange command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records a meeting already held, after the fact, with who attended.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordHeldMeetingAsync(this ISipWorkflow workflow, RecordHeldMeeting command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records a party's answer to a summons or invitation.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordSummonsReplyAsync(this ISipWorkflow workflow, RecordSummonsReply command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Updates where an intervention of the plan in force stands between follow-ups.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> UpdateInterventionStatusAsync(this ISipWorkflow workflow, UpdateInterventionStatus command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records the transfer of information after a discharge, when it was not recorded with the discharge.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordInformationTransferAsync(this ISipWorkflow workflow, RecordInformationTransfer command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records that a copy of a plan revision was handed to the individual or a participant.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordPlanDistributedAsync(this ISipWorkflow workflow, RecordPlanDistributed command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records the decision that a plan revision may be shown to the individual in their own access (<i>godkänd för patient</i>).</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> ApprovePlanForIndividualAsync(this ISipWorkflow workflow, ApprovePlanForIndividual command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Links the same SIP's case in another system (the other principal's) to this case.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> LinkExternalCaseAsync(this ISipWorkflow workflow, LinkExternalCase command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records that a summons or invitation reached a recipient, or was read.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordSummonsDeliveryAsync(this ISipWorkflow workflow, RecordSummonsDelivery command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records a summons received from the other principal's system for a meeting of the same SIP.</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordReceivedSummonsAsync(this ISipWorkflow workflow, RecordReceivedSummons command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }

    /// <summary>Records one respondent's evaluation of a SIP meeting (in the manner of SIPKollen).</summary>
    /// <param name="workflow">The engine.</param>
    /// <param name="command">The step's data.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case after the step and its history event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workflow"/> or <paramref name="command"/> is <see langword="null"/>.</exception>
    /// <exception cref="SipWorkflowException">The step was refused or the store failed; see <see cref="ISipWorkflow.ExecuteAsync"/>.</exception>
    /// <exception cref="ArgumentException">The command's data is not valid for the case; nothing was changed.</exception>
    public static Task<SipCommandResult> RecordEvaluationAsync(this ISipWorkflow workflow, RecordEvaluation command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return workflow.ExecuteAsync(command, cancellationToken);
    }
}
