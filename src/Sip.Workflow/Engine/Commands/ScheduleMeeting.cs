using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Schedules a meeting (plan meeting, pre-meeting, or follow-up meeting).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ScheduleMeeting : SipCaseCommand
{
    /// <summary>The meeting; its attendance must be empty (it is recorded afterwards). Its start must not have passed.</summary>
    public required Meeting Meeting
    {
        get;
        init => field = Check.NotNull(value, nameof(Meeting));
    }

    internal override SipTrigger Trigger => SipTrigger.ScheduleMeeting;

    internal override string EventType => SipEventTypes.MeetingScheduled;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var meeting = Meeting.Validated(nameof(Meeting), current);
        Check.Booked(meeting.StartsAt, context.Now, nameof(Meeting.StartsAt));
        if (meeting.Attendance.Count > 0)
        {
            throw new ArgumentException("A meeting is scheduled without attendance; record attendance with RecordAttendance after it is held.", nameof(Meeting.Attendance));
        }

        if (current.Meetings.Any(m => m.Id == meeting.Id))
        {
            throw new ArgumentException($"Meeting {meeting.Id} is already scheduled on this case.", nameof(Meeting.Id));
        }

        EnsurePurposeFits(current, meeting, $"{nameof(Meeting)}.{nameof(Workflow.Meeting.Purpose)}");
        return new SipApplied(current with { Meetings = [.. current.Meetings, meeting] },
            Details(("meetingId", meeting.Id.ToString()), ("purpose", meeting.Purpose.ToString()), ("form", meeting.Form.ToString()),
                ("startsAt", Moment(meeting.StartsAt))));
    }

    /// <summary>Before the plan, a plan meeting or pre-meeting; once it is in force, a follow-up meeting.</summary>
    internal static void EnsurePurposeFits(SipCase current, Meeting meeting, string paramName)
    {
        var planInForce = current.State is SipState.PlanEstablished or SipState.FollowUp;
        if (planInForce && meeting.Purpose != MeetingPurpose.FollowUpMeeting)
        {
            throw new ArgumentException(
                $"The plan is established; the meeting is a {nameof(MeetingPurpose.FollowUpMeeting)} (not a {meeting.Purpose}).", paramName);
        }

        if (!planInForce && meeting.Purpose == MeetingPurpose.FollowUpMeeting)
        {
            throw new ArgumentException(
                "There is no established plan to follow up yet; the meeting is the PlanMeeting (or a PreMeeting).", paramName);
        }
    }
}
