using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Lifecycles;

/// <summary>
/// Seed 001: an adult in outpatient care under Region Halland's agreement: the first meeting within 30 days of the
/// individual's decision, and a named coordinator (samordnare) who becomes the individual's contact.
/// </summary>
public sealed class HallandOutpatientLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_adult_in_outpatient_care_gets_a_meeting_within_30_days_and_a_named_coordinator()
    {
        var s = new SipScenario(SipPolicy.RegionHalland);
        var w = s.Workflow;
        var c = await s.OpenAsync();
        var consentAt = s.Time.GetUtcNow();
        await s.ConsentAsync(c.Id);
        await w.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct);

        var prepared = await w.GetCaseAsync(c.Id, Ct);
        SipDeadlines.Open(prepared!, SipPolicy.RegionHalland).Should().ContainSingle()
            .Which.Should().Be(new SipDeadline(SipRequirements.DeadlineFirstMeeting, consentAt.AddDays(30)));

        await s.AddAsync(c.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await s.AddAsync(c.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        await s.AddAsync(c.Id, ParticipantKind.PublicEmploymentService, new OrganisationReference { Name = "Arbetsförmedlingen Halmstad" });
        var meeting = SipTestData.PlanMeeting(s.Time.GetUtcNow().AddDays(20)) with { Form = MeetingForm.AtIndividualsHome, Place = null };
        await w.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = c.Id, Actor = s.Actor, Meeting = meeting }, Ct);
        var sent = await w.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct);
        sent.Case.RepliesOutstanding.Should().HaveCount(3);
        SipDeadlines.Open(sent.Case, SipPolicy.RegionHalland).Should().Contain(new SipDeadline(SipRequirements.DeadlineSummonsReplies, meeting.StartsAt));

        // Each party answers: the principals with someone who may decide, Arbetsförmedlingen with its handläggare.
        foreach (var party in sent.Case.Participants)
        {
            await w.RecordSummonsReplyAsync(new RecordSummonsReply
            {
                CaseId = c.Id, Actor = s.Actor,
                Reply = new SummonsReply
                {
                    MeetingId = meeting.Id, ParticipantId = party.Id, Answer = SummonsAnswer.Accepted,
                    Attendee = new ContactPerson { Name = "Kim Ek" }, AttendeeHasMandateToDecide = party.Role == ParticipationRole.Called,
                },
            }, Ct);
        }

        // Day 20, the meeting: nothing is overdue; ahead lie the 30-day limit and the plan's documentation after the meeting.
        s.Time.SetUtcNow(meeting.StartsAt);
        (await w.GetDueWorkAsync(s.Time.GetUtcNow(), cancellationToken: Ct)).Items.Should().BeEmpty();
        (await w.GetDueWorkAsync(s.Time.GetUtcNow().AddDays(11), cancellationToken: Ct)).Items.Should().ContainSingle()
            .Which.OpenDeadlines.Select(d => d.Requirement.Code).Should().Equal("DEADLINE-PLAN-DOCUMENTED", "DEADLINE-FIRST-MEETING");

        // The meeting is held: the 30-day rule is met by the meeting, not by the plan.
        var summoned = await w.GetCaseAsync(c.Id, Ct);
        var held = await w.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = c.Id, Actor = s.Actor, MeetingId = meeting.Id,
            Attendance = [.. summoned!.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
        }, Ct);
        SipDeadlines.Open(held.Case, SipPolicy.RegionHalland).Select(d => d.Requirement.Code).Should().Equal("DEADLINE-PLAN-DOCUMENTED");

        var withoutCoordinator = SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3)) with
        {
            LeadPrincipal = SipTestData.MunicipalLead with { Coordinator = null },
        };
        var refused = await s.ExpectUnmetAsync(c.Id, "PLAN-COORDINATOR", () => w.EstablishPlanAsync(withoutCoordinator, Ct));
        refused.Message.Should().Contain("samordnare");

        var established = await w.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3)), Ct);
        established.Case.LeadPrincipal!.Coordinator!.Name.Should().Be("Anna Lind");
        established.Case.PolicyName.Should().Be("Region Halland");
        SipDeadlines.Open(established.Case, SipPolicy.RegionHalland).Select(d => d.Requirement.Code).Should().Equal("DEADLINE-FOLLOW-UP");
        (await w.VerifyHistoryAsync(c.Id, Ct)).Should().Be(SipAuditVerification.Intact);
    }
}
