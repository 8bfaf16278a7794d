using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records a meeting already held, after the fact, with who attended: a SIP meeting held on the ward during the stay,
/// a follow-up meeting held before it was entered, or the whole SIP in one sitting (consent, meeting and plan the same
/// day). From preparation it moves the case on as a summons would — the parties met — so the plan can be established at
/// once. Discloses to those who attended: the consent must cover them.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordHeldMeeting : SipCaseCommand
{
    /// <summary>
    /// The meeting as held: its start lies in the past (within the input limits), not on a day before the consent to
    /// information sharing was given, and its attendance names who came — at least one participant still taking part.
    /// Before the plan it is the plan meeting (or, once summoned, a pre-meeting); once the plan is in force, a follow-up
    /// meeting.
    /// </summary>
    public required Meeting Meeting
    {
        get;
        init => field = Check.NotNull(value, nameof(Meeting));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordHeldMeeting;

    internal override string EventType => SipEventTypes.HeldMeetingRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var given = Meeting.Validated(nameof(Meeting), current);
        var startsAt = Check.Recorded(given.StartsAt, context.Now, $"{nameof(Meeting)}.{nameof(Workflow.Meeting.StartsAt)}");

        // The meeting disclosed to those who came: it cannot have been held before the day the consent to share was given.
        var consentedOn = current.Consents.Where(c => c.Covers(ConsentScope.InformationSharing)).Select(c => (DateTimeOffset?)c.GivenAt).Min();
        if (consentedOn is { } consentGivenAt && SipLegalReferences.SwedishDateOf(startsAt) < SipLegalReferences.SwedishDateOf(consentGivenAt))
        {
            throw new ArgumentOutOfRangeException($"{nameof(Meeting)}.{nameof(Workflow.Meeting.StartsAt)}", startsAt,
                $"'{nameof(Meeting)}.{nameof(Workflow.Meeting.StartsAt)}' is {Moment(startsAt)}, a day before the consent to information sharing was given ({Moment(consentGivenAt)}); " +
                "a SIP meeting shares information, so it is held once consent is given.");
        }

        if (current.Meetings.Any(m => m.Id == given.Id))
        {
            throw new ArgumentException(
                $"Meeting {given.Id} is already on this case; record its attendance with {nameof(RecordAttendance)}.", $"{nameof(Meeting)}.{nameof(Workflow.Meeting.Id)}");
        }

        ScheduleMeeting.EnsurePurposeFits(current, given, $"{nameof(Meeting)}.{nameof(Workflow.Meeting.Purpose)}");
        if (current.State == SipState.Preparing && given.Purpose != MeetingPurpose.PlanMeeting)
        {
            throw new ArgumentException(
                "Before the summons, a meeting recorded after the fact is the SIP meeting itself (PlanMeeting); schedule a pre-meeting with ScheduleMeeting.",
                $"{nameof(Meeting)}.{nameof(Workflow.Meeting.Purpose)}");
        }

        var attendanceParam = $"{nameof(Meeting)}.{nameof(Workflow.Meeting.Attendance)}";
        var (held, deviations, attended) = RecordAttendance.Attend(current, given with { Attendance = [] }, given.Attendance, context, attendanceParam);
        if (attended.Count == 0)
        {
            throw new ArgumentException($"'{attendanceParam}' records no one as attending; a meeting held had someone there.", attendanceParam);
        }

        var staged = current with { Meetings = [.. current.Meetings, held], Deviations = [.. current.Deviations, .. deviations] };
        return new SipApplied(staged, RecordAttendance.AttendanceDetails(held, given.Attendance, deviations, held), Parties: attended);
    }
}
