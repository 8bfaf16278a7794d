namespace Sip.Workflow;

/// <summary>
/// The event types a case's history holds (<see cref="SipEvent.EventType"/>), one per command, all in the past tense:
/// what happened to the case. They are part of the stored format and of the audit hash, so they never change.
/// </summary>
public static class SipEventTypes
{
    /// <summary>A case was opened: the need was identified (<see cref="OpenCase"/>).</summary>
    public const string CaseOpened = nameof(CaseOpened);

    /// <summary>A consent was recorded (<see cref="RecordConsent"/>).</summary>
    public const string ConsentRecorded = nameof(ConsentRecorded);

    /// <summary>A consent was withdrawn, as a whole, in a scope or towards one party; the case closed when that ended the SIP (<see cref="WithdrawConsent"/>).</summary>
    public const string ConsentWithdrawn = nameof(ConsentWithdrawn);

    /// <summary>The individual declined the offer; the case closed (<see cref="DeclineOffer"/>).</summary>
    public const string OfferDeclined = nameof(OfferDeclined);

    /// <summary>Preparation started (<see cref="StartPreparation"/>).</summary>
    public const string PreparationStarted = nameof(PreparationStarted);

    /// <summary>A participant was added (<see cref="AddParticipant"/>).</summary>
    public const string ParticipantAdded = nameof(ParticipantAdded);

    /// <summary>A participant was changed (<see cref="ChangeParticipant"/>).</summary>
    public const string ParticipantChanged = nameof(ParticipantChanged);

    /// <summary>A meeting was scheduled (<see cref="ScheduleMeeting"/>).</summary>
    public const string MeetingScheduled = nameof(MeetingScheduled);

    /// <summary>The summons and invitations were sent (<see cref="SendSummons"/>).</summary>
    public const string SummonsSent = nameof(SummonsSent);

    /// <summary>A called unit forwarded its summons inside its principal (<see cref="ForwardSummons"/>).</summary>
    public const string SummonsForwarded = nameof(SummonsForwarded);

    /// <summary>Attendance at a meeting was recorded (<see cref="RecordAttendance"/>).</summary>
    public const string AttendanceRecorded = nameof(AttendanceRecorded);

    /// <summary>The lead principal and coordinator were appointed (<see cref="AssignLeadPrincipal"/>).</summary>
    public const string LeadPrincipalAssigned = nameof(LeadPrincipalAssigned);

    /// <summary>The follow-up was booked (<see cref="BookFollowUp"/>).</summary>
    public const string FollowUpBooked = nameof(FollowUpBooked);

    /// <summary>The plan was established at the SIP meeting (<see cref="EstablishPlan"/>).</summary>
    public const string PlanEstablished = nameof(PlanEstablished);

    /// <summary>A follow-up was recorded (<see cref="RecordFollowUp"/>).</summary>
    public const string FollowUpRecorded = nameof(FollowUpRecorded);

    /// <summary>The plan was revised after a follow-up (<see cref="RevisePlan"/>).</summary>
    public const string PlanRevised = nameof(PlanRevised);

    /// <summary>The case was closed (<see cref="CloseCase"/>).</summary>
    public const string CaseClosed = nameof(CaseClosed);

    /// <summary>The case was closed so that a new SIP can start (<see cref="CloseAndRestart"/>).</summary>
    public const string CaseClosedForRestart = nameof(CaseClosedForRestart);

    /// <summary>A deviation was recorded (<see cref="RecordDeviation"/>).</summary>
    public const string DeviationRecorded = nameof(DeviationRecorded);

    /// <summary>The individual's protected-identity or interpreter flags changed (<see cref="ChangeIndividual"/>).</summary>
    public const string IndividualChanged = nameof(IndividualChanged);

    /// <summary>An admission to inpatient care was recorded.</summary>
    public const string AdmissionRecorded = nameof(AdmissionRecorded);

    /// <summary>The fixed care contact was appointed.</summary>
    public const string FixedCareContactAppointed = nameof(FixedCareContactAppointed);

    /// <summary>A ready-for-discharge notice was recorded (or renewed).</summary>
    public const string ReadyForDischargeRecorded = nameof(ReadyForDischargeRecorded);

    /// <summary>The ready-for-discharge notice was revoked.</summary>
    public const string ReadyForDischargeRevoked = nameof(ReadyForDischargeRevoked);

    /// <summary>The discharge was recorded.</summary>
    public const string DischargeRecorded = nameof(DischargeRecorded);

    /// <summary>Staff decided not to start a SIP; the case closed (<see cref="DeclineToStart"/>).</summary>
    public const string StartDeclined = nameof(StartDeclined);

    /// <summary>A principal documented the closing (<see cref="DocumentClosing"/>).</summary>
    public const string ClosingDocumented = nameof(ClosingDocumented);

    /// <summary>After a follow-up, the plan was confirmed to continue unchanged (<see cref="ConfirmPlanUnchanged"/>).</summary>
    public const string PlanConfirmedUnchanged = nameof(PlanConfirmedUnchanged);

    /// <summary>A substantial change in the individual's situation was recorded (<see cref="RecordSituationChange"/>).</summary>
    public const string SituationChangeRecorded = nameof(SituationChangeRecorded);

    /// <summary>A meeting already held was recorded after the fact (<see cref="RecordHeldMeeting"/>).</summary>
    public const string HeldMeetingRecorded = nameof(HeldMeetingRecorded);

    /// <summary>A party answered a summons or invitation (<see cref="RecordSummonsReply"/>).</summary>
    public const string SummonsReplyRecorded = nameof(SummonsReplyRecorded);

    /// <summary>An intervention's status was updated (<see cref="UpdateInterventionStatus"/>).</summary>
    public const string InterventionStatusUpdated = nameof(InterventionStatusUpdated);

    /// <summary>The transfer of information after a discharge was recorded (<see cref="RecordInformationTransfer"/>).</summary>
    public const string InformationTransferRecorded = nameof(InformationTransferRecorded);

    /// <summary>A copy of a plan revision was handed to the individual or a participant (<see cref="RecordPlanDistributed"/>).</summary>
    public const string PlanDistributed = nameof(PlanDistributed);

    /// <summary>A plan revision was approved for the individual's own access (<see cref="ApprovePlanForIndividual"/>).</summary>
    public const string PlanApprovedForIndividual = nameof(PlanApprovedForIndividual);

    /// <summary>The same SIP's case in another system was linked (<see cref="LinkExternalCase"/>).</summary>
    public const string ExternalCaseLinked = nameof(ExternalCaseLinked);

    /// <summary>A summons or invitation reached a recipient, or was read (<see cref="RecordSummonsDelivery"/>).</summary>
    public const string SummonsDeliveryRecorded = nameof(SummonsDeliveryRecorded);

    /// <summary>A summons from the other principal's system was received (<see cref="RecordReceivedSummons"/>).</summary>
    public const string SummonsReceived = nameof(SummonsReceived);

    /// <summary>A respondent's evaluation of a meeting was recorded (<see cref="RecordEvaluation"/>).</summary>
    public const string EvaluationRecorded = nameof(EvaluationRecorded);
}
