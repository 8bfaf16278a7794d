using Microsoft.AspNetCore.Mvc.Rendering;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

internal sealed class AttendanceInput
{
    public Guid MeetingId { get; set; }

    public List<Guid> Participants { get; set; } = [];

    public List<AttendanceStatus> Attendance { get; set; } = [];
}

/// <summary>Records who came to a meeting; a called principal that did not come is a deviation the library records itself.</summary>
internal sealed class AttendanceModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<AttendanceInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.RecordAttendance;

    public IEnumerable<SelectListItem> Meetings
        => Case.Meetings.Select(m => new SelectListItem($"{T.Purpose(m.Purpose)}, {T.Time(m.StartsAt)}", m.Id.Value.ToString()));

    public IEnumerable<SelectListItem> Statuses => Enum.GetValues<AttendanceStatus>().Select(s => new SelectListItem(T.Attendance(s), s.ToString()));

    protected override void Defaults()
    {
        Input.MeetingId = (Case.MeetingToSummon ?? (Case.Meetings.Count > 0 ? Case.Meetings[^1] : null))?.Id.Value ?? Guid.Empty;
        Input.Participants = [.. Case.ActiveParticipants.Select(p => p.Id.Value)];
        Input.Attendance = [.. Case.ActiveParticipants.Select(_ => AttendanceStatus.Attended)];
    }

    protected override SipCaseCommand? Build()
    {
        if (Input.MeetingId == Guid.Empty)
        {
            Error(nameof(Input.MeetingId), "Välj mötet.", "Choose the meeting.");
            return null;
        }

        return new RecordAttendance
        {
            CaseId = Case.Id,
            Actor = Actor,
            MeetingId = new MeetingId(Input.MeetingId),
            Attendance = [.. Input.Participants.Zip(Input.Attendance).Select(a => new Attendance { ParticipantId = new ParticipantId(a.First), Status = a.Second })],
        };
    }
}
