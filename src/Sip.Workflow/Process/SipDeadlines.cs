namespace Sip.Workflow;

/// <summary>A deadline of a case: which rule sets it and when it falls.</summary>
/// <param name="Requirement">The deadline rule (code, legal reference, text).</param>
/// <param name="DueAt">When it falls.</param>
public sealed record SipDeadline(SipRequirement Requirement, DateTimeOffset DueAt);

/// <summary>Computes the deadlines still open for a case under a policy (<i>bevakning</i>).</summary>
public static class SipDeadlines
{
    /// <summary>
    /// The deadlines still open, earliest first. A closed case has none, but for the closing each principal still owes
    /// where the policy asks for it.
    /// </summary>
    /// <param name="sipCase">The case.</param>
    /// <param name="policy">The policy whose deadlines apply.</param>
    public static IReadOnlyList<SipDeadline> Open(SipCase sipCase, SipPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        ArgumentNullException.ThrowIfNull(policy);
        var open = new List<SipDeadline>(2);
        var state = sipCase.State;

        if (state == SipState.NeedIdentified)
        {
            open.Add(new(SipRequirements.DeadlineStart, sipCase.OpenedAt + policy.StartWithin));
        }

        // Lag (2017:612): the fixed care contact summons within three days of the latest standing ready-for-discharge
        // notice, counted in Swedish calendar days; a revoked notice removes the deadline, a renewed one restarts it.
        // A SIP meeting held on the ward after the notice (RecordHeldMeeting) meets it as a summons would.
        if (sipCase.IsOpen && sipCase.StandingReadyForDischargeAt is { } ready && !Any(sipCase.SummonsSent, ready, static (s, at) => s.SentAt >= at)
            && !Any(sipCase.Meetings, ready, static (m, at) => m.Purpose == MeetingPurpose.PlanMeeting && m.IsHeld && m.StartsAt >= at))
        {
            open.Add(new(SipRequirements.DeadlineDischargeSummons, DischargeSummonsDue(ready, policy)));
        }

        // Lag (2017:612): the information is transferred at the latest on the (Swedish) day of discharge.
        // Every stay counts: a new admission does not drop a transfer still missing from the last discharge.
        if (sipCase.IsOpen && sipCase.DischargeEpisodes.FirstOrDefault(e => e is { IsDischarged: true, InformationTransferredAt: null }) is { DischargedAt: { } discharged })
        {
            open.Add(new(SipRequirements.DeadlineDischargeInformation,
                SipLegalReferences.SwedishStartOf(SipLegalReferences.SwedishDateOf(discharged).AddDays(1))));
        }

        // Västra Götaland: an admission of a person whose plan is established is followed up: revised, or closed and restarted.
        if (policy.RequireFollowUpAfterAdmission && sipCase.IsOpen && sipCase.CurrentDischarge?.AdmittedAt is { } admitted
            && sipCase.PlanEstablishedAt is { } established && established <= admitted
            && !Any(sipCase.PlanRevisions, admitted, static (p, at) => p.EstablishedAt >= at))
        {
            open.Add(new(SipRequirements.FollowUpAfterAdmission, admitted + policy.StartWithin));
        }

        // Region Halland's 30 days run from the individual's decision, i.e. the first consent, to the first meeting held
        // (attendance recorded), whether or not the plan was documented there.
        if (policy.FirstMeetingWithin is { } firstMeeting && sipCase.PlanEstablishedAt is null
            && state is SipState.NeedIdentified or SipState.Preparing or SipState.Summoned
            && !sipCase.Meetings.Any(m => m.Purpose == MeetingPurpose.PlanMeeting && m.IsHeld)
            && FirstConsentAt(sipCase) is { } consentAt)
        {
            open.Add(new(SipRequirements.DeadlineFirstMeeting, consentAt + firstMeeting));
        }

        // Region Värmland: find out who comes and how. Replies are due before the meeting, or sooner where the policy says.
        if (sipCase.IsOpen && sipCase.RepliesOutstanding.Count > 0 && sipCase.MeetingToSummon is { } summoned)
        {
            var sentAt = sipCase.LatestSummons(summoned.Id)!.SentAt;
            var due = policy.SummonsReplyWithin is { } within && sentAt + within < summoned.StartsAt ? sentAt + within : summoned.StartsAt;
            open.Add(new(SipRequirements.DeadlineSummonsReplies, due));
        }

        // The plan is documented soon after the SIP meeting: a summoned case whose meeting has passed does not go silent.
        if (state == SipState.Summoned && sipCase.PlanMeeting is { } meeting)
        {
            open.Add(new(SipRequirements.DeadlinePlanDocumented, meeting.StartsAt + meeting.Duration + policy.PlanDocumentedWithin));
        }

        // Guardianship ends at 18 (FB 6 kap. 2 §): from that day only the young adult's own consent carries the SIP.
        if (sipCase.IsOpen && sipCase.ComesOfAgeOn is { } adult
            && !Any(sipCase.Consents, policy, static (c, p) => c.Covers(ConsentScope.InformationSharing) && SipConsentRules.IsIndividualsOwn(c, p)))
        {
            open.Add(new(SipRequirements.DeadlineOwnConsent, SipLegalReferences.SwedishStartOf(adult)));
        }

        // The booked follow-up is watched in every open state, not only while the plan is in force.
        if (sipCase.IsOpen && sipCase.FollowUpBooking is { } booking)
        {
            open.Add(new(SipRequirements.DeadlineFollowUp, booking.At + policy.FollowUpGracePeriod));
        }
        else if (state == SipState.PlanEstablished && policy.FollowUpWithin is { } within && sipCase.Plan is { } plan)
        {
            open.Add(new(SipRequirements.DeadlineFollowUp, plan.EstablishedAt + within));
        }

        // Region Värmland: a substantial change calls the parties to an early follow-up, until one is held.
        if (state == SipState.PlanEstablished && sipCase.SituationChanges is [.., var change]
            && !Any(sipCase.FollowUps, change.OccurredAt, static (f, at) => f.HeldAt >= at))
        {
            open.Add(new(SipRequirements.DeadlineEarlyFollowUp, change.RecordedAt + policy.EarlyFollowUpWithin));
        }

        // A follow-up is followed by a decision: revise, continue unchanged, or close.
        if (state == SipState.FollowUp && sipCase.FollowUps is [.., { Outcome: null } pending])
        {
            open.Add(new(SipRequirements.DeadlineFollowUpDecision, pending.HeldAt + policy.FollowUpDecisionWithin));
        }

        // Everyone taking part gets a copy of the plan in force (seeds 000, 001, 003); a revision owes new copies.
        if (policy.PlanDistributedWithin is { } copies && state is SipState.PlanEstablished or SipState.FollowUp && sipCase.Plan is { } inForce
            && (sipCase.IndividualAwaitsPlanCopy || sipCase.ParticipantsAwaitingPlanCopy.Count > 0))
        {
            open.Add(new(SipRequirements.DeadlinePlanDistributed, inForce.EstablishedAt + copies));
        }

        // Riktlinje SIP, Västra Götaland: each principal documents the closing.
        if (policy.RequireClosingByEachPrincipal && sipCase.Closure is { } closure && sipCase.ClosingOwedBy.Count > 0)
        {
            open.Add(new(SipRequirements.DeadlineClosingDocumented, closure.ClosedAt + policy.ClosingDocumentedWithin));
        }

        open.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return open;
    }

    // Whether an element matches, what it is matched against passed in: Open's conditions use static lambdas with it, since
    // a lambda capturing a value of Open (the policy, a moment) would make the compiler allocate its closure on every call,
    // for every case and command, whether the condition is reached or not. Indexed: no enumerator through the interface.
    private static bool Any<T, TState>(IReadOnlyList<T> list, TState state, Func<T, TState, bool> matches)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (matches(list[i], state))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The earliest open deadline, or <see langword="null"/>.</summary>
    /// <param name="sipCase">The case.</param>
    /// <param name="policy">The policy whose deadlines apply.</param>
    public static DateTimeOffset? Next(SipCase sipCase, SipPolicy policy)
    {
        var open = Open(sipCase, policy);
        return open.Count == 0 ? null : open[0].DueAt;
    }

    /// <summary>
    /// When the discharge summons is due: the notice's Swedish day is day zero, the deadline is the end of the last day
    /// (moved to the next weekday under lag (1930:173) where the policy says so), as the instant the next day begins.
    /// </summary>
    /// <param name="notifiedAt">When the ready-for-discharge notice was received.</param>
    /// <param name="policy">The policy: how many days, and whether a holiday moves the last day.</param>
    public static DateTimeOffset DischargeSummonsDue(DateTimeOffset notifiedAt, SipPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var last = SipLegalReferences.SwedishDateOf(notifiedAt).AddDays((int)policy.DischargeSummonsWithin.TotalDays);
        if (policy.DeadlinesMoveToNextWeekday)
        {
            last = SwedishCalendar.LastDayOfTimeLimit(last);
        }

        return SipLegalReferences.SwedishStartOf(last.AddDays(1));
    }

    private static DateTimeOffset? FirstConsentAt(SipCase sipCase)
    {
        DateTimeOffset? first = null;
        foreach (var consent in sipCase.Consents)
        {
            if (first is null || consent.GivenAt < first)
            {
                first = consent.GivenAt;
            }
        }

        return first;
    }
}
