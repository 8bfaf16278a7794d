namespace Sip.Workflow;

/// <summary>
/// The indicators a report holds (<see cref="SipIndicator.Name"/>). Each is also the metric under which the projection
/// sums its facts (<see cref="Storage.SipIndicatorContribution.Metric"/>), so the names are part of the stored format and
/// never change.
/// </summary>
public static class SipIndicatorNames
{
    /// <summary>Cases opened (need identified) in the period.</summary>
    public const string CasesOpened = nameof(CasesOpened);

    /// <summary>Plans established (first revision) in the period.</summary>
    public const string PlansEstablished = nameof(PlansEstablished);

    /// <summary>Cases closed in the period, one indicator per <see cref="ClosureReason"/> (its name in <see cref="SipIndicator.Kind"/>).</summary>
    public const string Closed = nameof(Closed);

    /// <summary>Cases closed in the period because the individual declined the offer (<see cref="ClosureReason.OfferDeclined"/>).</summary>
    public const string Declined = nameof(Declined);

    /// <summary>Cases closed in the period because consent was withdrawn (<see cref="ClosureReason.ConsentWithdrawn"/>).</summary>
    public const string Withdrawn = nameof(Withdrawn);

    /// <summary>Time from the need identified (case opened) to the first consent given, falling in the month of the consent.</summary>
    public const string NeedIdentifiedToConsent = nameof(NeedIdentifiedToConsent);

    /// <summary>Time from the first consent to the first summons sent, falling in the month of the summons.</summary>
    public const string ConsentToSummons = nameof(ConsentToSummons);

    /// <summary>Time from the first summons to the first SIP meeting held, falling in the month of the meeting.</summary>
    public const string SummonsToFirstMeeting = nameof(SummonsToFirstMeeting);

    /// <summary>Time from the first SIP meeting held to the plan established, falling in the month of the plan.</summary>
    public const string FirstMeetingToPlan = nameof(FirstMeetingToPlan);

    /// <summary>Time from the need identified to the plan established, falling in the month of the plan.</summary>
    public const string NeedIdentifiedToPlan = nameof(NeedIdentifiedToPlan);

    /// <summary>
    /// Time from a ready-for-discharge notice (the one standing for its stay) to the first summons sent, or SIP meeting held,
    /// after it; falling in the month of the summons.
    /// </summary>
    public const string ReadyForDischargeToSummons = nameof(ReadyForDischargeToSummons);

    /// <summary>
    /// Share of ready-for-discharge notices answered by a summons before the deadline of lag (2017:612) fell
    /// (<see cref="SipDeadlines.DischargeSummonsDue"/>), in the month of the notice. A notice never answered counts as late
    /// once its stay or case ended after the deadline; a notice whose stay ended before it is left out; one still open and
    /// unanswered is not counted yet (it shows in <see cref="OpenPastDeadline"/> once late).
    /// </summary>
    public const string DischargeSummonsWithinDeadline = nameof(DischargeSummonsWithinDeadline);

    /// <summary>Share of plans established in the period whose first revision had a follow-up booked.</summary>
    public const string PlansWithFollowUpBooked = nameof(PlansWithFollowUpBooked);

    /// <summary>Share of plans established in the period whose first revision named the lead principal.</summary>
    public const string PlansWithLeadPrincipal = nameof(PlansWithLeadPrincipal);

    /// <summary>Share of plans established in the period whose first revision named a coordinator.</summary>
    public const string PlansWithCoordinator = nameof(PlansWithCoordinator);

    /// <summary>Share of plans established in the period where the individual took part; unknown where the plan does not say.</summary>
    public const string PlansWithIndividualTakingPart = nameof(PlansWithIndividualTakingPart);

    /// <summary>Share of plans established in the period where next of kin took part; unknown where the plan does not say.</summary>
    public const string PlansWithKinTakingPart = nameof(PlansWithKinTakingPart);

    /// <summary>
    /// Share of follow-ups held in the period by the booked date (plus the policy's grace period). Early follow-ups (after a
    /// change in the situation) are not booked and are left out; a second follow-up of the same plan revision is unknown,
    /// since the case keeps the booking of each revision, not of each decision to continue unchanged.
    /// </summary>
    public const string FollowUpsHeldOnTime = nameof(FollowUpsHeldOnTime);

    /// <summary>Deviations recorded in the period, one indicator per <see cref="DeviationKind"/> (its name in <see cref="SipIndicator.Kind"/>).</summary>
    public const string Deviations = nameof(Deviations);

    /// <summary>Cases with a deadline past now, one indicator per deadline code (<see cref="SipIndicator.Kind"/>); not bound to the period.</summary>
    public const string OpenPastDeadline = nameof(OpenPastDeadline);

    /// <summary>
    /// Evaluations of meetings recorded in the period (<see cref="RecordEvaluation"/>): one indicator per respondent kind and
    /// question (<see cref="SipIndicator.Kind"/> is <c>Individual:question-id</c>), with how many answered and the mean score.
    /// </summary>
    public const string Evaluation = nameof(Evaluation);

    /// <summary>The durations, in the order a report lists them.</summary>
    internal static IReadOnlyList<string> Durations { get; } =
        [NeedIdentifiedToConsent, ConsentToSummons, SummonsToFirstMeeting, FirstMeetingToPlan, NeedIdentifiedToPlan, ReadyForDischargeToSummons];

    /// <summary>The shares, in the order a report lists them.</summary>
    internal static IReadOnlyList<string> Shares { get; } =
        [DischargeSummonsWithinDeadline, PlansWithFollowUpBooked, PlansWithLeadPrincipal, PlansWithCoordinator, PlansWithIndividualTakingPart,
         PlansWithKinTakingPart, FollowUpsHeldOnTime];
}
