using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Records who attended a meeting. A called principal recorded absent becomes a deviation.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordAttendance : SipCaseCommand
{
    /// <summary>The meeting.</summary>
    public required MeetingId MeetingId
    {
        get;
        init => field = Check.Id(value, nameof(MeetingId));
    }

    /// <summary>One entry per participant; replaces earlier entries for the same participants.</summary>
    public required IReadOnlyList<Attendance> Attendance
    {
        get;
        init => field = Check.List(value, nameof(Attendance), SipLimits.MaxItems);
    }

    internal override SipTrigger Trigger => SipTrigger.RecordAttendance;

    internal override string EventType => SipEventTypes.AttendanceRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var meeting = current.Meetings.FirstOrDefault(m => m.Id == MeetingId)
            ?? throw new ArgumentException($"'{nameof(MeetingId)}' {MeetingId} is not a meeting of this case.", nameof(MeetingId));
        if (meeting.StartsAt > context.Now + Check.ClockSkew)
        {
            throw new ArgumentException(
                $"Meeting {meeting.Id} starts at {Moment(meeting.StartsAt)} and has not been held yet; record attendance once it has.", nameof(MeetingId));
        }

        if (Attendance.Count == 0)
        {
            throw new ArgumentException($"'{nameof(Attendance)}' is empty; give one entry per participant.", nameof(Attendance));
        }

        if (Attendance.Select(a => a.ParticipantId).Distinct().Count() != Attendance.Count)
        {
            throw new ArgumentException($"'{nameof(Attendance)}' names a participant twice.", nameof(Attendance));
        }

        var deviations = new List<Deviation>();
        foreach (var entry in Attendance)
        {
            var participant = Participant(current, entry.ParticipantId, nameof(Attendance));
            if (entry.Status == AttendanceStatus.AttendedBySubstitute && participant.Substitute is null)
            {
                throw new ArgumentException(
                    $"Participant {participant.Id} has no named substitute; name one with ChangeParticipant first.", nameof(Attendance));
            }

            if (entry.Status == AttendanceStatus.Absent && participant.Role == ParticipationRole.Called
                && !meeting.Attendance.Any(a => a.ParticipantId == participant.Id && a.Status == AttendanceStatus.Absent))
            {
                deviations.Add(new Deviation
                {
                    Kind = DeviationKind.CalledPrincipalAbsent,
                    Description = SipTexts.CalledPrincipalAbsent(context.Language),
                    ParticipantId = participant.Id,
                    RecordedAt = context.Now,
                });
            }
        }

        var attendance = meeting.Attendance.Where(a => !Attendance.Any(n => n.ParticipantId == a.ParticipantId)).Concat(Attendance);
        var updated = meeting with { Attendance = [.. attendance] };
        return new SipApplied(
            current with { Meetings = Replace(current.Meetings, meeting, updated), Deviations = [.. current.Deviations, .. deviations] },
            Details(("meetingId", meeting.Id.ToString()),
                ("attended", Count(Attendance.Count(a => a.Status != AttendanceStatus.Absent))),
                ("absent", Count(Attendance.Count(a => a.Status == AttendanceStatus.Absent))),
                ("deviations", Count(deviations.Count))));
    }
}
