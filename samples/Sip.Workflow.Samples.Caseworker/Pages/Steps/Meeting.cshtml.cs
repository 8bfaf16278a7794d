using Microsoft.AspNetCore.Mvc.Rendering;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages.Steps;

internal sealed class MeetingInput
{
    public MeetingPurpose Purpose { get; set; } = MeetingPurpose.PlanMeeting;

    public string? StartsAt { get; set; }

    /// <summary>Minutes.</summary>
    public int Duration { get; set; } = 60;

    public MeetingForm Form { get; set; } = MeetingForm.OnPremises;

    public string? Place { get; set; }

    public string? DigitalLink { get; set; }

    public string? PurposeText { get; set; }

    public string? Reason { get; set; }

    public string? LongTermGoal { get; set; }

    /// <summary>One question per line.</summary>
    public string? Questions { get; set; }

    public string? LeaderName { get; set; }

    public string? LeaderTitle { get; set; }

    public List<Guid> ContributionBy { get; set; } = [];

    public List<string?> ExpectedContributions { get; set; } = [];
}

/// <summary>
/// Schedules a meeting with everything its summons must state: time and time frame, place or form, purpose and why it is
/// needed, the individual's long-term goal, the questions, and what each party is expected to contribute.
/// </summary>
internal sealed class MeetingModel(ISipWorkflow workflow, TimeProvider time) : StepPageModel<MeetingInput>(workflow, time)
{
    public override SipTrigger Trigger => SipTrigger.ScheduleMeeting;

    public IReadOnlyList<Participant> Parties => [.. Case.ActiveParticipants];

    private static readonly MeetingPurpose[] BeforePlan = [MeetingPurpose.PlanMeeting, MeetingPurpose.PreMeeting];
    private static readonly MeetingPurpose[] AfterPlan = [MeetingPurpose.FollowUpMeeting];
    private static readonly int[] Minutes = [30, 45, 60, 90, 120];

    public IEnumerable<SelectListItem> Purposes
        => (Case.State is SipState.PlanEstablished or SipState.FollowUp ? AfterPlan : BeforePlan).Select(p => new SelectListItem(T.Purpose(p), p.ToString()));

    public IEnumerable<SelectListItem> Durations => Minutes.Select(m => new SelectListItem($"{m} {T.S("minuter", "minutes")}", m.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public IEnumerable<SelectListItem> Forms => Enum.GetValues<MeetingForm>().Select(f => new SelectListItem(T.MeetingForm(f), f.ToString()));

    protected override void Defaults()
    {
        Input.Purpose = Case.State is SipState.PlanEstablished or SipState.FollowUp ? MeetingPurpose.FollowUpMeeting : MeetingPurpose.PlanMeeting;
        Input.LongTermGoal = Case.Plan?.Goals.FirstOrDefault(g => g.Horizon == GoalHorizon.LongTerm)?.Text;
        Input.ContributionBy = [.. Parties.Select(p => p.Id.Value)];
        Input.ExpectedContributions = [.. Parties.Select(_ => (string?)null)];
    }

    protected override string? FieldFor(string paramName) => paramName.Split('.')[^1] switch
    {
        "Leader" or "Name" => nameof(MeetingInput.LeaderName),
        "Title" => nameof(MeetingInput.LeaderTitle),
        _ => base.FieldFor(paramName),
    };

    protected override SipCaseCommand? Build()
    {
        var startsAt = Time(Input.StartsAt, nameof(Input.StartsAt));
        var place = Text(Input.Place);
        Uri? link = null;
        switch (Input.Form)
        {
            case MeetingForm.OnPremises when place is null:
                Error(nameof(Input.Place), "Ange var mötet hålls.", "Say where the meeting is held.");
                break;
            case MeetingForm.AtIndividualsHome when place is not null:
                Error(nameof(Input.Place), "Ange ingen adress: vid möte i hemmet lagras aldrig den enskildes adress.",
                    "Give no address: for a meeting at home the individual's address is never stored.");
                break;
            case MeetingForm.Digital when !Uri.TryCreate(Text(Input.DigitalLink), UriKind.Absolute, out link):
                Error(nameof(Input.DigitalLink), "Ange länken till det digitala mötet (https://…).", "Give the link to the digital meeting (https://…).");
                break;
        }

        if (startsAt is not { } at || !ModelState.IsValid)
        {
            return null;
        }

        var contributions = Input.ContributionBy.Zip(Input.ExpectedContributions)
            .Where(c => Text(c.Second) is not null)
            .Select(c => new ExpectedContribution { ParticipantId = new ParticipantId(c.First), Contribution = c.Second!.Trim() });
        return new ScheduleMeeting
        {
            CaseId = Case.Id,
            Actor = Actor,
            Meeting = new Meeting
            {
                Id = FormIds.Derive<MeetingId>(FormId, "meeting"),
                Purpose = Input.Purpose,
                StartsAt = at,
                Duration = TimeSpan.FromMinutes(Input.Duration),
                Form = Input.Form,
                Place = place,
                DigitalLink = Input.Form == MeetingForm.Digital ? link : null,
                PurposeText = Text(Input.PurposeText),
                Reason = Text(Input.Reason),
                LongTermGoal = Text(Input.LongTermGoal),
                Questions = [.. (Input.Questions ?? string.Empty).Split('\n').Select(q => q.Trim()).Where(q => q.Length > 0)],
                Leader = Text(Input.LeaderName) is { } leader ? new ContactPerson { Name = leader, Title = Text(Input.LeaderTitle) } : null,
                ExpectedContributions = [.. contributions],
            },
        };
    }
}
