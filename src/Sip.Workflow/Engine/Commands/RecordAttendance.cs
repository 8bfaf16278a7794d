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

        var (updated, deviations, attended) = Attend(current, meeting, Attendance, context, nameof(Attendance));
        return new SipApplied(
            current with { Meetings = Replace(current.Meetings, meeting, updated), Deviations = [.. current.Deviations, .. deviations] },
            AttendanceDetails(meeting, Attendance, deviations), Parties: attended);
    }

    // A held meeting's event says, besides, what meeting it was (its purpose and start).
    internal static IReadOnlyDictionary<string, string> AttendanceDetails(
        Meeting meeting, IReadOnlyList<Attendance> attendance, IReadOnlyList<Deviation> deviations, Meeting? held = null)
        => Details(("meetingId", meeting.Id.ToString()),
            ("attended", Count(attendance.Count(a => a.Status != AttendanceStatus.Absent))),
            ("absent", Count(attendance.Count(a => a.Status == AttendanceStatus.Absent))),
            ("deviations", Count(deviations.Count)),
            ("purpose", held?.Purpose.ToString()),
            ("startsAt", held is null ? null : Moment(held.StartsAt)));

    /// <summary>
    /// The meeting with <paramref name="attendance"/> recorded (replacing earlier entries for the same participants), a
    /// deviation for each called principal newly recorded absent, and the participants who came: the meeting disclosed
    /// to them, so the guards check the consent covers them.
    /// </summary>
    internal static (Meeting Updated, List<Deviation> Deviations, List<Participant> Attended) Attend(
        SipCase current, Meeting meeting, IReadOnlyList<Attendance> attendance, SipCommandContext context, string paramName)
    {
        if (attendance.Count == 0)
        {
            throw new ArgumentException($"'{paramName}' is empty; give one entry per participant.", paramName);
        }

        if (attendance.Select(a => a.ParticipantId).Distinct().Count() != attendance.Count)
        {
            throw new ArgumentException($"'{paramName}' names a participant twice.", paramName);
        }

        var deviations = new List<Deviation>();
        var attended = new List<Participant>();
        foreach (var entry in attendance)
        {
            var participant = Participant(current, entry.ParticipantId, paramName);
            if (!participant.IsActive)
            {
                throw new ArgumentException(
                    $"Participant {participant.Id} no longer takes part (the summons was forwarded on, or the consent withdrawn towards it); its attendance is not recorded.",
                    paramName);
            }

            if (entry.Status != AttendanceStatus.Absent)
            {
                attended.Add(participant);
            }

            if (entry.Status == AttendanceStatus.AttendedBySubstitute && participant.Substitute is null)
            {
                throw new ArgumentException(
                    $"Participant {participant.Id} has no named substitute; name one with ChangeParticipant first.", paramName);
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

        var merged = meeting.Attendance.Where(a => !attendance.Any(n => n.ParticipantId == a.ParticipantId)).Concat(attendance);
        var updated = meeting with { Attendance = [.. merged] };
        return (updated, deviations, attended);
    }
}
