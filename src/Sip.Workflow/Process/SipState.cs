using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>The steps of the SIP process a case is in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipState>))]
public enum SipState
{
    /// <summary>Need identified (<i>upptäck behov</i>): the SIP is offered; consent is sought.</summary>
    [JsonStringEnumMemberName("NeedIdentified")]
    NeedIdentified = 1,

    /// <summary>Preparing (<i>förbered</i>): consent given; mapping what matters, who is called, the questions, the meeting.</summary>
    [JsonStringEnumMemberName("Preparing")]
    Preparing = 2,

    /// <summary>Summoned (<i>kalla / bjud in</i>): the summons and invitations are sent; the meeting is ahead.</summary>
    [JsonStringEnumMemberName("Summoned")]
    Summoned = 3,

    /// <summary>Plan established (<i>SIP upprättad</i>): the plan is in force until its follow-up.</summary>
    [JsonStringEnumMemberName("PlanEstablished")]
    PlanEstablished = 4,

    /// <summary>Follow-up (<i>följ upp</i>): the plan was followed up; it is revised or the case is closed.</summary>
    [JsonStringEnumMemberName("FollowUp")]
    FollowUp = 5,

    /// <summary>
    /// Closed (<i>avslutad</i>): terminal, but for each principal documenting the closing. A restart is a new case with
    /// new consent.
    /// </summary>
    [JsonStringEnumMemberName("Closed")]
    Closed = 6,
}

/// <summary>The steps a host can ask for: every command of the process is one trigger.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipTrigger>))]
public enum SipTrigger
{
    /// <summary>Record a consent (<i>samtycke</i>).</summary>
    RecordConsent = 1,

    /// <summary>Record that the individual withdrew consent: ends the SIP.</summary>
    WithdrawConsent = 2,

    /// <summary>Record that the individual declined the offer of a SIP: ends the case.</summary>
    DeclineOffer = 3,

    /// <summary>Start preparing (<i>förbered</i>).</summary>
    StartPreparation = 4,

    /// <summary>Add a called principal's unit or an invited actor.</summary>
    AddParticipant = 5,

    /// <summary>Change a participant's contact, mandate, substitute or mode.</summary>
    ChangeParticipant = 6,

    /// <summary>Schedule a meeting.</summary>
    ScheduleMeeting = 7,

    /// <summary>Send the summons and invitations (<i>kallelse, inbjudan</i>).</summary>
    SendSummons = 8,

    /// <summary>A called unit without an open case forwards its summons inside its principal.</summary>
    ForwardSummons = 9,

    /// <summary>Record who attended a meeting.</summary>
    RecordAttendance = 10,

    /// <summary>Appoint the lead principal and coordinator (<i>huvudansvarig, samordnare</i>).</summary>
    AssignLeadPrincipal = 11,

    /// <summary>Book the follow-up: date and place.</summary>
    BookFollowUp = 12,

    /// <summary>Record the meeting and establish the plan (<i>upprätta SIP</i>).</summary>
    EstablishPlan = 13,

    /// <summary>Record a follow-up of the plan (<i>uppföljning</i>).</summary>
    RecordFollowUp = 14,

    /// <summary>Revise the plan after a follow-up (<i>revidera</i>).</summary>
    RevisePlan = 15,

    /// <summary>Close the case (<i>avsluta</i>).</summary>
    CloseCase = 16,

    /// <summary>Close because the long-term goal changed substantially, so that a new SIP can be started with new consent.</summary>
    CloseAndRestart = 17,

    /// <summary>Record a deviation (<i>avvikelse</i>).</summary>
    RecordDeviation = 18,

    /// <summary>Change the individual's protected-identity or interpreter flags, birth year-month or coming of age.</summary>
    ChangeIndividual = 19,

    /// <summary>Record an admission to inpatient care (<i>inskrivningsmeddelande</i>): a new stay.</summary>
    RecordAdmission = 20,

    /// <summary>Record the fixed care contact appointed by outpatient care (<i>fast vårdkontakt</i>).</summary>
    AppointFixedCareContact = 21,

    /// <summary>Record a ready-for-discharge notice, or a renewed one (<i>underrättelse om utskrivningsklar</i>).</summary>
    RecordReadyForDischarge = 22,

    /// <summary>Record that the ready-for-discharge notice was revoked.</summary>
    RevokeReadyForDischarge = 23,

    /// <summary>Record the discharge (<i>utskrivning</i>) and the transfer of information.</summary>
    RecordDischarge = 24,

    /// <summary>Record a staff decision not to start a SIP, with its reason: ends the case.</summary>
    DeclineToStart = 25,

    /// <summary>Record one principal's documentation of the closing (<i>dokumentera avslutet</i>): the only step of a closed case.</summary>
    DocumentClosing = 26,

    /// <summary>Decide after a follow-up that the plan continues unchanged, with the next follow-up booked.</summary>
    ConfirmPlanUnchanged = 27,

    /// <summary>Record a substantial change in the individual's situation: an early follow-up becomes due.</summary>
    RecordSituationChange = 28,

    /// <summary>Record a meeting already held, after the fact, with who attended (a meeting during the stay, or the SIP in one sitting).</summary>
    RecordHeldMeeting = 29,

    /// <summary>Record a party's answer to a summons or invitation: accepts with a named attendee, declines, or names a substitute.</summary>
    RecordSummonsReply = 30,

    /// <summary>Update where an intervention of the plan in force stands (planned, ongoing, done, cancelled).</summary>
    UpdateInterventionStatus = 31,

    /// <summary>Record the transfer of information after a discharge, when it was not recorded with the discharge.</summary>
    RecordInformationTransfer = 32,

    /// <summary>Record that a copy of a plan revision was handed to the individual or a participant.</summary>
    RecordPlanDistributed = 33,

    /// <summary>Record the decision that a plan revision may be shown to the individual in their own access (<i>godkänd för patient</i>).</summary>
    ApprovePlanForIndividual = 34,

    /// <summary>Link the same SIP's case in another system (the other principal's) to this case.</summary>
    LinkExternalCase = 35,

    /// <summary>Record that a summons or invitation reached a recipient, or was read.</summary>
    RecordSummonsDelivery = 36,

    /// <summary>Record one respondent's evaluation of a SIP meeting (in the manner of SIPKollen).</summary>
    RecordEvaluation = 37,

    /// <summary>Record a summons received from the other principal's system for a meeting of the same SIP.</summary>
    RecordReceivedSummons = 38,
}
