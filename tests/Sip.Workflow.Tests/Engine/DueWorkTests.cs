using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>Due work (bevakning) with a fake clock crossing each deadline.</summary>
public sealed class DueWorkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DueWorkItem?> OverdueAsync(SipScenario s, SipCaseId id)
        => (await s.Workflow.GetDueWorkAsync(s.Time.GetUtcNow(), cancellationToken: Ct)).Items.SingleOrDefault(i => i.CaseId == id && i.IsOverdue);

    [Fact]
    public async Task Start_without_delay_falls_due_after_the_policys_days_and_clears_when_preparation_starts()
    {
        var s = new SipScenario(SipPolicy.NationalGuidance with { Name = "Start inom 3 dagar", StartWithin = TimeSpan.FromDays(3) });
        var c = await s.ConsentedAsync();

        s.Time.Advance(TimeSpan.FromDays(3));
        (await OverdueAsync(s, c.Id)).Should().BeNull("due exactly now is not yet overdue");
        s.Time.Advance(TimeSpan.FromSeconds(1));
        var item = await OverdueAsync(s, c.Id);
        item!.RequirementCode.Should().Be("DEADLINE-START");
        item.DueAt.Should().Be(SipTestData.Start.AddDays(3));

        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);
        (await OverdueAsync(s, c.Id)).Should().BeNull();
    }

    [Fact]
    public async Task The_first_meeting_limit_runs_from_consent_to_the_first_meeting_held_not_to_the_plan()
    {
        var policy = SipPolicy.RegionHalland;
        var s = new SipScenario(policy);
        var c = await s.SummonedAsync();
        var consentAt = c.Consents[0].GivenAt;
        SipDeadlines.Open(c, policy).Should().Contain(new SipDeadline(SipRequirements.DeadlineFirstMeeting, consentAt + TimeSpan.FromDays(30)));

        s.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        (await s.Workflow.GetDueWorkAsync(s.Time.GetUtcNow(), cancellationToken: Ct)).Items.Single(i => i.CaseId == c.Id)
            .OpenDeadlines.Should().Contain(d => d.Requirement == SipRequirements.DeadlineFirstMeeting && d.DueAt < s.Time.GetUtcNow());

        var held = (await s.Workflow.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = c.Id, Actor = s.Actor, MeetingId = c.PlanMeeting!.Id,
            Attendance = [.. c.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
        }, Ct)).Case;
        var open = SipDeadlines.Open(held, policy);
        open.Should().NotContain(d => d.Requirement == SipRequirements.DeadlineFirstMeeting, "the meeting was held, though the plan is not documented yet");
        open.Should().Contain(new SipDeadline(SipRequirements.DeadlinePlanDocumented, c.PlanMeeting.StartsAt + c.PlanMeeting.Duration + policy.PlanDocumentedWithin));

        var established = (await s.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddDays(60)), Ct)).Case;
        SipDeadlines.Open(established, policy).Should().OnlyContain(d => d.Requirement == SipRequirements.DeadlineFollowUp);
    }

    [Fact]
    public async Task A_policy_without_a_first_meeting_limit_watches_no_such_deadline()
    {
        var s = new SipScenario(SipPolicy.NationalGuidance);
        var c = await s.SummonedAsync();

        s.Time.Advance(TimeSpan.FromDays(365));

        (await OverdueAsync(s, c.Id))!.OpenDeadlines.Should().NotContain(d => d.Requirement == SipRequirements.DeadlineFirstMeeting)
            .And.Contain(d => d.Requirement == SipRequirements.DeadlinePlanDocumented, "a meeting long past without a plan is due work");
    }

    [Fact]
    public async Task A_booked_follow_up_falls_due_at_its_date_and_clears_when_it_is_recorded()
    {
        var s = new SipScenario();
        var c = await s.PlanEstablishedAsync();
        var at = c.FollowUpBooking!.At;

        s.Time.SetUtcNow(at.AddMinutes(1));
        (await OverdueAsync(s, c.Id))!.RequirementCode.Should().Be("DEADLINE-FOLLOW-UP");

        await s.Workflow.RecordFollowUpAsync(new RecordFollowUp { CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Följd upp." } }, Ct);
        (await OverdueAsync(s, c.Id)).Should().BeNull();
    }

    [Fact]
    public async Task Due_work_comes_in_pages_ordered_by_due_time_and_looks_ahead_to_the_horizon()
    {
        var s = new SipScenario(SipPolicy.NationalGuidance with { Name = "Start inom 4 dagar", StartWithin = TimeSpan.FromDays(4) });
        var ids = new List<SipCaseId>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await s.OpenAsync()).Id);
            s.Time.Advance(TimeSpan.FromHours(1));
        }

        (await s.Workflow.GetDueWorkAsync(s.Time.GetUtcNow(), cancellationToken: Ct)).Items.Should().BeEmpty();

        var seen = new List<DueWorkItem>();
        string? token = null;
        do
        {
            var page = await s.Workflow.GetDueWorkAsync(s.Time.GetUtcNow().AddDays(5), pageSize: 3, token, Ct);
            seen.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        seen.Select(i => i.CaseId).Should().Equal(ids);
        seen.Should().BeInAscendingOrder(i => i.DueAt).And.OnlyContain(i => !i.IsOverdue);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task A_page_size_outside_1_to_1000_is_refused(int pageSize)
    {
        var s = new SipScenario();

        var act = () => s.Workflow.GetDueWorkAsync(s.Time.GetUtcNow(), pageSize, cancellationToken: Ct);

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithParameterName(nameof(pageSize));
    }
}
