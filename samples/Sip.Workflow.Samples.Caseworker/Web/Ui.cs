namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>
/// The user interface's words in the caseworker's language: Swedish by default, English when chosen (a cookie
/// remembers it). Texts sit where they are used, as a pair, <c>T.S("Bevakning", "Due work")</c>, so a page reads in both
/// languages at once; the library's own texts (requirements, their legal references) come from the library in the same
/// language.
/// </summary>
internal sealed class Ui(SipLanguage language)
{
    public const string Cookie = "sip-language";

    public static Ui From(HttpContext? context)
        => new(context?.Request.Cookies[Cookie] == "en" ? SipLanguage.English : SipLanguage.Swedish);

    public SipLanguage Language => language;

    public bool English => language == SipLanguage.English;

    /// <summary>The page's <c>lang</c>.</summary>
    public string Lang => English ? "en" : "sv";

    public string S(string swedish, string english) => English ? english : swedish;

    // Instance members like every other text, so a page formats everything through its one T.
#pragma warning disable CA1822
    public string Time(DateTimeOffset instant) => SwedishTime.Display(instant);

    public string Time(DateTimeOffset? instant) => instant is { } i ? SwedishTime.Display(i) : "–";

    public string Date(DateTimeOffset instant) => SwedishTime.DisplayDate(instant);
#pragma warning restore CA1822

    public string YesNo(bool value) => value ? S("Ja", "Yes") : S("Nej", "No");

    public string State(SipState state) => state switch
    {
        SipState.NeedIdentified => S("Behov upptäckt", "Need identified"),
        SipState.Preparing => S("Förberedelse", "Preparing"),
        SipState.Summoned => S("Kallad till SIP-möte", "Summoned"),
        SipState.PlanEstablished => S("Plan upprättad", "Plan established"),
        SipState.FollowUp => S("Uppföljd, beslut väntar", "Followed up, decision due"),
        SipState.Closed => S("Avslutad", "Closed"),
        _ => state.ToString(),
    };

    public string Step(SipTrigger trigger) => trigger switch
    {
        SipTrigger.RecordConsent => S("Registrera samtycke", "Record consent"),
        SipTrigger.WithdrawConsent => S("Återkalla samtycke", "Withdraw consent"),
        SipTrigger.DeclineOffer => S("Den enskilde tackar nej", "The individual declines"),
        SipTrigger.StartPreparation => S("Starta förberedelsen", "Start preparation"),
        SipTrigger.AddParticipant => S("Lägg till deltagare", "Add a participant"),
        SipTrigger.ChangeParticipant => S("Ändra deltagare", "Change a participant"),
        SipTrigger.ScheduleMeeting => S("Boka möte", "Schedule a meeting"),
        SipTrigger.SendSummons => S("Skicka kallelse", "Send the summons"),
        SipTrigger.ForwardSummons => S("Lämna vidare kallelse", "Forward a summons"),
        SipTrigger.RecordAttendance => S("Registrera närvaro", "Record attendance"),
        SipTrigger.AssignLeadPrincipal => S("Utse huvudansvarig", "Appoint the lead principal"),
        SipTrigger.BookFollowUp => S("Boka uppföljning", "Book the follow-up"),
        SipTrigger.EstablishPlan => S("Upprätta planen", "Establish the plan"),
        SipTrigger.RecordFollowUp => S("Registrera uppföljning", "Record a follow-up"),
        SipTrigger.RevisePlan => S("Revidera planen", "Revise the plan"),
        SipTrigger.CloseCase => S("Avsluta SIP", "Close the SIP"),
        SipTrigger.CloseAndRestart => S("Avsluta och starta om", "Close and restart"),
        SipTrigger.RecordDeviation => S("Registrera avvikelse", "Record a deviation"),
        SipTrigger.ChangeIndividual => S("Ändra uppgifter om den enskilde", "Change the individual's details"),
        SipTrigger.RecordAdmission => S("Registrera inskrivning", "Record an admission"),
        SipTrigger.AppointFixedCareContact => S("Registrera fast vårdkontakt", "Record the fixed care contact"),
        SipTrigger.RecordReadyForDischarge => S("Registrera utskrivningsklar", "Record ready for discharge"),
        SipTrigger.RevokeReadyForDischarge => S("Återkalla utskrivningsklar", "Revoke ready for discharge"),
        SipTrigger.RecordDischarge => S("Registrera utskrivning", "Record the discharge"),
        SipTrigger.DeclineToStart => S("Besluta att inte starta SIP", "Decide not to start"),
        SipTrigger.DocumentClosing => S("Dokumentera avslutet", "Document the closing"),
        SipTrigger.ConfirmPlanUnchanged => S("Planen gäller oförändrad", "Continue the plan unchanged"),
        SipTrigger.RecordSituationChange => S("Registrera ändrad livssituation", "Record a change of situation"),
        SipTrigger.RecordHeldMeeting => S("Registrera hållet möte", "Record a meeting held"),
        SipTrigger.RecordSummonsReply => S("Registrera svar på kallelse", "Record a reply to the summons"),
        SipTrigger.UpdateInterventionStatus => S("Uppdatera insatsens status", "Update an intervention's status"),
        SipTrigger.RecordInformationTransfer => S("Registrera informationsöverföring", "Record the information transfer"),
        _ => trigger.ToString(),
    };

    public string Event(string eventType) => eventType switch
    {
        SipEventTypes.CaseOpened => S("Ärendet öppnades", "Case opened"),
        SipEventTypes.ConsentRecorded => S("Samtycke registrerat", "Consent recorded"),
        SipEventTypes.ConsentWithdrawn => S("Samtycke återkallat", "Consent withdrawn"),
        SipEventTypes.OfferDeclined => S("Den enskilde tackade nej", "Offer declined"),
        SipEventTypes.PreparationStarted => S("Förberedelsen startade", "Preparation started"),
        SipEventTypes.ParticipantAdded => S("Deltagare tillagd", "Participant added"),
        SipEventTypes.ParticipantChanged => S("Deltagare ändrad", "Participant changed"),
        SipEventTypes.MeetingScheduled => S("Möte bokat", "Meeting scheduled"),
        SipEventTypes.SummonsSent => S("Kallelse skickad", "Summons sent"),
        SipEventTypes.SummonsForwarded => S("Kallelse vidarelämnad", "Summons forwarded"),
        SipEventTypes.AttendanceRecorded => S("Närvaro registrerad", "Attendance recorded"),
        SipEventTypes.LeadPrincipalAssigned => S("Huvudansvarig utsedd", "Lead principal appointed"),
        SipEventTypes.FollowUpBooked => S("Uppföljning bokad", "Follow-up booked"),
        SipEventTypes.PlanEstablished => S("Planen upprättad", "Plan established"),
        SipEventTypes.FollowUpRecorded => S("Uppföljning registrerad", "Follow-up recorded"),
        SipEventTypes.PlanRevised => S("Planen reviderad", "Plan revised"),
        SipEventTypes.CaseClosed => S("SIP avslutad", "SIP closed"),
        SipEventTypes.CaseClosedForRestart => S("Avslutad för omstart", "Closed to restart"),
        SipEventTypes.DeviationRecorded => S("Avvikelse registrerad", "Deviation recorded"),
        SipEventTypes.IndividualChanged => S("Uppgifter om den enskilde ändrade", "Individual's details changed"),
        SipEventTypes.AdmissionRecorded => S("Inskrivning registrerad", "Admission recorded"),
        SipEventTypes.FixedCareContactAppointed => S("Fast vårdkontakt utsedd", "Fixed care contact appointed"),
        SipEventTypes.ReadyForDischargeRecorded => S("Utskrivningsklar registrerad", "Ready for discharge recorded"),
        SipEventTypes.ReadyForDischargeRevoked => S("Utskrivningsklar återkallad", "Ready for discharge revoked"),
        SipEventTypes.DischargeRecorded => S("Utskrivning registrerad", "Discharge recorded"),
        SipEventTypes.StartDeclined => S("Beslut att inte starta SIP", "Decided not to start"),
        SipEventTypes.ClosingDocumented => S("Avslutet dokumenterat", "Closing documented"),
        SipEventTypes.PlanConfirmedUnchanged => S("Planen gäller oförändrad", "Plan continues unchanged"),
        SipEventTypes.SituationChangeRecorded => S("Ändrad livssituation registrerad", "Change of situation recorded"),
        SipEventTypes.HeldMeetingRecorded => S("Hållet möte registrerat", "Meeting held recorded"),
        SipEventTypes.SummonsReplyRecorded => S("Svar på kallelse registrerat", "Reply to summons recorded"),
        SipEventTypes.InterventionStatusUpdated => S("Insatsens status uppdaterad", "Intervention status updated"),
        SipEventTypes.InformationTransferRecorded => S("Informationsöverföring registrerad", "Information transfer recorded"),
        _ => eventType,
    };

    public string Principal(PrincipalKind principal) => principal switch
    {
        PrincipalKind.Municipality => S("Kommunen", "The municipality"),
        PrincipalKind.Region => S("Regionen", "The region"),
        _ => principal.ToString(),
    };

    public string Kind(ParticipantKind kind) => kind switch
    {
        ParticipantKind.SocialServices => S("Socialtjänst", "Social services"),
        ParticipantKind.RegionalHealthCare => S("Regional hälso- och sjukvård", "Regional health care"),
        ParticipantKind.MunicipalHealthCare => S("Kommunal hälso- och sjukvård", "Municipal health care"),
        ParticipantKind.School => S("Skola eller elevhälsa", "School or student health"),
        ParticipantKind.SocialInsuranceAgency => "Försäkringskassan",
        ParticipantKind.PublicEmploymentService => "Arbetsförmedlingen",
        ParticipantKind.PrisonAndProbationService => "Kriminalvården",
        ParticipantKind.NextOfKin => S("Närstående", "Next of kin"),
        ParticipantKind.GuardianAdLitem => S("God man, förvaltare eller ombud", "Guardian ad litem or proxy"),
        ParticipantKind.Interpreter => S("Tolk", "Interpreter"),
        ParticipantKind.VoluntaryOrganisation => S("Frivillig- eller brukarorganisation", "Voluntary organisation"),
        ParticipantKind.Police => S("Polis", "Police"),
        ParticipantKind.Other => S("Annan aktör", "Other actor"),
        _ => kind.ToString(),
    };

    public string Role(ParticipationRole role) => role == ParticipationRole.Called ? S("Kallad", "Called") : S("Inbjuden", "Invited");

    public string Origin(OriginKind origin) => origin switch
    {
        OriginKind.Outpatient => S("Öppenvård", "Outpatient care"),
        OriginKind.InpatientDischarge => S("Utskrivning från slutenvård", "Discharge from inpatient care"),
        OriginKind.School => S("Skola och elevhälsa", "School and student health"),
        OriginKind.SocialServices => S("Socialtjänst", "Social services"),
        _ => origin.ToString(),
    };

    public string Closure(ClosureReason reason) => reason switch
    {
        ClosureReason.CoordinationNoLongerNeeded => S("Behovet av samordning finns inte längre", "Coordination no longer needed"),
        ClosureReason.NoNewNeedsExpected => S("Nya behov förväntas inte inom närmaste tiden", "No new needs expected soon"),
        ClosureReason.LongTermGoalChanged => S("Det långsiktiga målet har förändrats", "The long-term goal changed"),
        ClosureReason.ConsentWithdrawn => S("Samtycket återkallat", "Consent withdrawn"),
        ClosureReason.OfferDeclined => S("Den enskilde tackade nej", "Offer declined"),
        ClosureReason.Deceased => S("Den enskilde har avlidit", "The individual died"),
        ClosureReason.MovedAway => S("Den enskilde har flyttat", "The individual moved away"),
        ClosureReason.IndividualRequestedEnd => S("Den enskilde vill avsluta", "The individual asked to end it"),
        ClosureReason.NotStarted => S("Beslut att inte starta", "Decided not to start"),
        _ => reason.ToString(),
    };

    public string Giver(ConsentGiver giver) => giver switch
    {
        ConsentGiver.Individual => S("Den enskilde", "The individual"),
        ConsentGiver.Proxy => S("Ombud med fullmakt", "Proxy with power of attorney"),
        ConsentGiver.LegalGuardian => S("Vårdnadshavare", "Legal guardian"),
        ConsentGiver.CourtAppointedRepresentative => S("God man eller förvaltare", "Guardian ad litem or administrator"),
        ConsentGiver.SocialWelfareBoard => S("Socialnämndens beslut", "The social welfare board's decision"),
        _ => giver.ToString(),
    };

    public string ConsentForm(ConsentForm form) => form switch
    {
        Workflow.ConsentForm.Written => S("Skriftligt", "In writing"),
        Workflow.ConsentForm.Oral => S("Muntligt", "Orally"),
        Workflow.ConsentForm.Implied => S("På annat sätt", "Shown in another way"),
        _ => form.ToString(),
    };

    public string Scope(ConsentScope scope) => scope switch
    {
        ConsentScope.All => S("Informationsöverföring och att planen upprättas", "Information sharing and establishing the plan"),
        ConsentScope.InformationSharing => S("Informationsöverföring mellan parterna", "Information sharing between the parties"),
        ConsentScope.PlanEstablishment => S("Att planen upprättas", "Establishing the plan"),
        _ => scope.ToString(),
    };

    public string MeetingForm(MeetingForm form) => form switch
    {
        Workflow.MeetingForm.OnPremises => S("I lokal", "On premises"),
        Workflow.MeetingForm.Digital => S("Digitalt", "Digital"),
        Workflow.MeetingForm.Phone => S("Telefon", "Phone"),
        Workflow.MeetingForm.AtIndividualsHome => S("Hemma hos den enskilde", "At the individual's home"),
        _ => form.ToString(),
    };

    public string Purpose(MeetingPurpose purpose) => purpose switch
    {
        MeetingPurpose.PlanMeeting => S("SIP-möte", "SIP meeting"),
        MeetingPurpose.FollowUpMeeting => S("Uppföljningsmöte", "Follow-up meeting"),
        MeetingPurpose.PreMeeting => S("Förmöte mellan huvudmännen", "Pre-meeting of the principals"),
        _ => purpose.ToString(),
    };

    public string Attendance(AttendanceStatus status) => status switch
    {
        AttendanceStatus.Attended => S("Deltog", "Attended"),
        AttendanceStatus.AttendedBySubstitute => S("Ersättare deltog", "A substitute attended"),
        AttendanceStatus.Absent => S("Deltog inte", "Absent"),
        _ => status.ToString(),
    };

    public string Mode(ParticipationMode mode) => mode switch
    {
        ParticipationMode.InPerson => S("På plats", "In person"),
        ParticipationMode.Digital => S("Digitalt", "Digitally"),
        ParticipationMode.Phone => S("Per telefon", "By phone"),
        ParticipationMode.InWriting => S("Skriftligt i förväg", "In writing beforehand"),
        _ => mode.ToString(),
    };

    public string Responsible(ResponsibleKind responsible) => responsible switch
    {
        ResponsibleKind.Municipality => S("Kommunen", "The municipality"),
        ResponsibleKind.Region => S("Regionen", "The region"),
        ResponsibleKind.OtherActor => S("Annan aktör", "Another actor"),
        ResponsibleKind.Individual => S("Den enskilde", "The individual"),
        _ => responsible.ToString(),
    };

    public string InterventionStatus(InterventionStatus status) => status switch
    {
        Workflow.InterventionStatus.Planned => S("Planerad", "Planned"),
        Workflow.InterventionStatus.Ongoing => S("Pågående", "Ongoing"),
        Workflow.InterventionStatus.Done => S("Genomförd", "Done"),
        Workflow.InterventionStatus.Cancelled => S("Avbruten", "Cancelled"),
        _ => status.ToString(),
    };

    public string Source(RequirementSource source) => source switch
    {
        RequirementSource.Law => S("Lag", "Law"),
        RequirementSource.NationalGuidance => S("Nationell vägledning", "National guidance"),
        RequirementSource.RegionalAgreement => S("Regional överenskommelse", "Regional agreement"),
        RequirementSource.SectorGuidance => S("Branschstöd", "Sector guidance"),
        RequirementSource.DerivedFromLaw => S("Tolkning av lagen", "Reading of the law"),
        _ => source.ToString(),
    };
}
