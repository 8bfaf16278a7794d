using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>
/// What one case adds to the indicators, read from the case as its history made it: a pure function of the case and its
/// policy, so that the projection kept step by step and one rebuilt from scratch hold the same.
/// </summary>
internal static class SipIndicatorRules
{
    /// <summary>Shares: the fact holds, does not, or the case does not say.</summary>
    internal const long Yes = 1, No = 0, Unknown = -1;

    /// <summary>Durations are kept to the hour for their first week, to the day after: the sums stay small at any scale.</summary>
    internal static long Bucket(TimeSpan duration)
    {
        var hours = duration <= TimeSpan.Zero ? 0L : (long)duration.TotalHours;
        return hours < 168 ? hours : hours - (hours % 24);
    }

    internal static SipIndicatorDimensions DimensionsOf(SipCase sipCase) => new(
        sipCase.IdentifiedBy.ToString(),
        sipCase.IdentifyingUnit is { } unit ? unit.Identifier ?? unit.Name : string.Empty,
        sipCase.PolicyName,
        sipCase.Origin.Kind.ToString());

    public static SipIndicatorCaseRow Compute(SipCase sipCase, SipPolicy policy)
    {
        var facts = new Dictionary<(SipYearMonth Month, string Metric, long Value), long>();
        void Add(DateTimeOffset at, string metric, long value)
        {
            var key = (SipYearMonth.Of(SipLegalReferences.SwedishDateOf(at)), metric, value);
            facts[key] = facts.GetValueOrDefault(key) + 1;
        }

        void Duration(string metric, DateTimeOffset? from, DateTimeOffset? to)
        {
            if (from is { } start && to is { } end)
            {
                Add(end, metric, Bucket(end - start));
            }
        }

        Add(sipCase.OpenedAt, SipIndicatorNames.CasesOpened, 0);
        var consentAt = sipCase.Consents.Count == 0 ? (DateTimeOffset?)null : sipCase.Consents.Min(c => c.GivenAt);
        // A SIP meeting is held once attendance is recorded, or once the plan was established at it.
        var planMeetingId = sipCase.PlanRevisions is [{ MeetingId: { } id }, ..] ? id : (MeetingId?)null;
        var firstMeetingAt = sipCase.Meetings.Where(m => m.Purpose == MeetingPurpose.PlanMeeting && (m.IsHeld || m.Id == planMeetingId))
            .Select(m => (DateTimeOffset?)m.StartsAt).Min();
        Duration(SipIndicatorNames.NeedIdentifiedToConsent, sipCase.OpenedAt, consentAt);
        Duration(SipIndicatorNames.ConsentToSummons, consentAt, sipCase.FirstSummonsSentAt);
        Duration(SipIndicatorNames.SummonsToFirstMeeting, sipCase.FirstSummonsSentAt, firstMeetingAt);
        Duration(SipIndicatorNames.FirstMeetingToPlan, firstMeetingAt, sipCase.PlanEstablishedAt);
        Duration(SipIndicatorNames.NeedIdentifiedToPlan, sipCase.OpenedAt, sipCase.PlanEstablishedAt);

        if (sipCase.PlanEstablishedAt is { } established && sipCase.PlanRevisions is [var first, ..])
        {
            Add(established, SipIndicatorNames.PlansEstablished, 0);
            Add(established, SipIndicatorNames.PlansWithFollowUpBooked, first.FollowUpBooking is null ? No : Yes);
            Add(established, SipIndicatorNames.PlansWithLeadPrincipal, first.LeadPrincipal is null ? No : Yes);
            Add(established, SipIndicatorNames.PlansWithCoordinator, first.LeadPrincipal?.Coordinator is null ? No : Yes);
            Add(established, SipIndicatorNames.PlansWithIndividualTakingPart, Said(first.IndividualParticipation?.Participated));
            Add(established, SipIndicatorNames.PlansWithKinTakingPart, Said(first.KinParticipation?.Participated));
        }

        if (sipCase.Closure is { } closure)
        {
            Add(closure.ClosedAt, SipIndicatorNames.Closed, (long)closure.Reason);
        }

        foreach (var deviation in sipCase.Deviations)
        {
            Add(deviation.RecordedAt, SipIndicatorNames.Deviations, (long)deviation.Kind);
        }

        // Each respondent kind's answers under metrics of their own: the individual's, kin's and professionals' apart.
        foreach (var evaluation in sipCase.Evaluations)
        {
            foreach (var answer in evaluation.Answers)
            {
                Add(evaluation.RecordedAt, $"{SipIndicatorNames.Evaluation}:{evaluation.Respondent}:{answer.QuestionId}", answer.Score);
            }
        }

        AddFollowUps(sipCase, policy, Add);
        AddDischarges(sipCase, policy, Add);

        var contributions = facts
            .OrderBy(f => f.Key.Month).ThenBy(f => f.Key.Metric, StringComparer.Ordinal).ThenBy(f => f.Key.Value)
            .Select(f => new SipIndicatorContribution(f.Key.Month, f.Key.Metric, f.Key.Value, f.Value))
            .ToList();

        // One deadline per code: a case is past a deadline or not, however many rules of the code it has open.
        var deadlines = SipDeadlines.Open(sipCase, policy)
            .GroupBy(d => d.Requirement.Code, StringComparer.Ordinal)
            .Select(g => new SipIndicatorDeadline(g.Key, g.Min(d => d.DueAt)))
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        return new SipIndicatorCaseRow { CaseId = sipCase.Id, Dimensions = DimensionsOf(sipCase), Contributions = contributions, Deadlines = deadlines };
    }

    private static long Said(bool? fact) => fact switch { true => Yes, false => No, null => Unknown };

    // A follow-up is on time when held by its booking plus the grace period. The case keeps the booking each plan revision
    // was made with; a later follow-up of the same revision followed a decision to continue unchanged, whose booking the
    // case no longer holds, so it is unknown rather than guessed.
    private static void AddFollowUps(SipCase sipCase, SipPolicy policy, Action<DateTimeOffset, string, long> add)
    {
        var revisionsSeen = new HashSet<int>();
        foreach (var followUp in sipCase.FollowUps.Where(f => !f.Early).OrderBy(f => f.HeldAt))
        {
            var booking = revisionsSeen.Add(followUp.PlanRevision)
                ? sipCase.PlanRevisions.FirstOrDefault(p => p.Revision == followUp.PlanRevision)?.FollowUpBooking
                : null;
            add(followUp.HeldAt, SipIndicatorNames.FollowUpsHeldOnTime,
                booking is null ? Unknown : followUp.HeldAt <= booking.At + policy.FollowUpGracePeriod ? Yes : No);
        }
    }

    // Lag (2017:612): each stay's standing notice is answered by the first summons sent, or SIP meeting held, after it, as
    // the deadline rule counts it (SipDeadlines). The deadline is the policy's, in Swedish calendar days and moved past a
    // weekend or holiday where the policy says so.
    private static void AddDischarges(SipCase sipCase, SipPolicy policy, Action<DateTimeOffset, string, long> add)
    {
        foreach (var stay in sipCase.DischargeEpisodes)
        {
            if (stay.StandingNotice is not { } notice)
            {
                continue;
            }

            var ready = notice.NotifiedAt;
            var answeredAt = sipCase.SummonsSent.Where(s => s.SentAt >= ready).Select(s => (DateTimeOffset?)s.SentAt)
                .Concat(sipCase.Meetings.Where(m => m is { Purpose: MeetingPurpose.PlanMeeting, IsHeld: true } && m.StartsAt >= ready).Select(m => (DateTimeOffset?)m.StartsAt))
                .Min();
            var due = SipDeadlines.DischargeSummonsDue(ready, policy);
            if (answeredAt is { } answered)
            {
                add(answered, SipIndicatorNames.ReadyForDischargeToSummons, Bucket(answered - ready));
                add(ready, SipIndicatorNames.DischargeSummonsWithinDeadline, answered < due ? Yes : No);
            }
            else if ((stay.DischargedAt ?? sipCase.Closure?.ClosedAt) is { } ended && ended >= due)
            {
                add(ready, SipIndicatorNames.DischargeSummonsWithinDeadline, No);
            }
        }
    }
}
