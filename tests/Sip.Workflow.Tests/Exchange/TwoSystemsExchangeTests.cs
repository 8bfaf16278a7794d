using System.Text.Json;
using FluentAssertions;
using Sip.Workflow.Exchange;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Exchange;

/// <summary>
/// The kommun's system (in memory) and the region's (SQLite) run one SIP through summons, answers, the plan, a revision and
/// the closing, exchanging nothing but the messages their feeds give rise to, as JSON text.
/// </summary>
public sealed class TwoSystemsExchangeTests : ExchangeTest
{
    private static readonly SipActor RegionDoctor = new() { UserId = "lind-1", Organisation = "Vårdcentralen Söder", Role = "läkare" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    [Fact]
    public async Task One_SIP_runs_from_summons_to_closing_on_both_sides_and_both_end_with_the_same_plan_revisions()
    {
        var (kommun, region, time) = await PrincipalSystem.CreateAsync(DatabasePath);
        var k = new SipScenario(kommun.Workflow, kommun.Store, time);
        var opened = await k.ReadyToSummonAsync();
        var meeting = opened.PlanMeeting!;
        await kommun.Workflow.SendSummonsAsync(new SendSummons { CaseId = opened.Id, Actor = k.Actor }, Ct);
        await PrincipalSystem.SettleAsync(kommun, region);

        // The summons opened the region's case: linked to the kommun's, the same parties and meeting, and its answer is due there.
        var regionCaseId = (await region.Store.ListCaseIdsAsync(null, 10, Ct)).Should().ContainSingle().Subject;
        var rc = (await region.Workflow.GetCaseAsync(regionCaseId, Ct))!;
        rc.State.Should().Be(SipState.Summoned);
        rc.ExternalReferences.Should().ContainSingle(r => r.System == "Treserva" && r.CaseId == opened.Id.ToString());
        rc.Participants.Select(p => p.Id).Should().BeEquivalentTo(opened.Participants.Select(p => p.Id));
        rc.Meetings.Should().ContainSingle(m => m.Id == meeting.Id && m.StartsAt == meeting.StartsAt);
        var regionParty = rc.Participants.Single(p => p.Organisation.IsSameOrganisation(region.Unit));
        rc.RepliesOutstanding.Should().Contain(p => p.Id == regionParty.Id);
        (await region.Workflow.GetHistoryAsync(rc.Id, Ct)).Should().OnlyContain(e => SipExchange.IsReceived(e));

        // The region's doctor answers in the region's system; the kommun's case learns the answer and the region's case.
        await region.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply
        {
            CaseId = rc.Id, Actor = RegionDoctor,
            Reply = new SummonsReply
            {
                MeetingId = meeting.Id, ParticipantId = regionParty.Id, Answer = SummonsAnswer.Accepted,
                Attendee = new ContactPerson { Name = "Dr Lind" }, AttendeeHasMandateToDecide = true,
            },
        }, Ct);
        await PrincipalSystem.SettleAsync(kommun, region);
        var kc = (await kommun.Workflow.GetCaseAsync(opened.Id, Ct))!;
        kc.SummonsStateOf(meeting.Id, regionParty.Id).Should().Be(SummonsDeliveryState.Answered);
        kc.ExternalReferences.Should().ContainSingle(r => r.System == "Cosmic" && r.CaseId == rc.Id.ToString());

        // The meeting is held at the kommun, who came is recorded and the plan established there.
        time.SetUtcNow(meeting.StartsAt.AddHours(1));
        await kommun.Workflow.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = kc.Id, Actor = k.Actor, MeetingId = meeting.Id,
            Attendance = [.. kc.ActiveParticipants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
        }, Ct);
        var establish = SipTestData.CompletePlan(kc.Id, time.GetUtcNow().AddMonths(3));
        kc = (await kommun.Workflow.EstablishPlanAsync(establish, Ct)).Case;
        await PrincipalSystem.SettleAsync(kommun, region);
        rc = (await region.Workflow.GetCaseAsync(rc.Id, Ct))!;
        rc.State.Should().Be(SipState.PlanEstablished);
        rc.Meetings.Single(m => m.Id == meeting.Id).Attendance.Should().HaveCount(kc.ActiveParticipants.Count());
        SamePlans(rc, kc);

        // The follow-up: summoned from the kommun, answered by the region, held, and the plan revised.
        var followUpAt = kc.FollowUpBooking!.At;
        time.SetUtcNow(followUpAt.AddDays(-14));
        var followUpMeeting = SipTestData.FollowUpMeeting(followUpAt);
        await kommun.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = kc.Id, Actor = k.Actor, Meeting = followUpMeeting }, Ct);
        await kommun.Workflow.SendSummonsAsync(new SendSummons { CaseId = kc.Id, Actor = k.Actor }, Ct);
        await PrincipalSystem.SettleAsync(kommun, region);
        rc = (await region.Workflow.GetCaseAsync(rc.Id, Ct))!;
        rc.RepliesOutstanding.Should().Contain(p => p.Id == regionParty.Id, "the new summons makes the region's answer due again");
        await region.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply
        {
            CaseId = rc.Id, Actor = RegionDoctor,
            Reply = new SummonsReply
            {
                MeetingId = followUpMeeting.Id, ParticipantId = regionParty.Id, Answer = SummonsAnswer.Accepted,
                Attendee = new ContactPerson { Name = "Dr Lind" }, AttendeeHasMandateToDecide = true,
            },
        }, Ct);
        time.SetUtcNow(followUpAt.AddHours(1));
        await kommun.Workflow.RecordFollowUpAsync(new RecordFollowUp
        {
            CaseId = kc.Id, Actor = k.Actor,
            FollowUp = new FollowUpRecord { HeldAt = time.GetUtcNow(), Progress = "Hemtjänsten fungerar; ny insats behövs.", InterventionsCarriedOut = true, AnotherInterventionNeeded = true },
        }, Ct);
        await kommun.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(kc.Id, time.GetUtcNow().AddMonths(6)) with { Actor = SipTestData.LeadUnitWorker }, Ct);
        await PrincipalSystem.SettleAsync(kommun, region);

        // The kommun closes the SIP; the region's case closes with it.
        await kommun.Workflow.CloseCaseAsync(new CloseCase { CaseId = kc.Id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.CoordinationNoLongerNeeded }, Ct);
        await PrincipalSystem.SettleAsync(kommun, region);

        kc = (await kommun.Workflow.GetCaseAsync(kc.Id, Ct))!;
        rc = (await region.Workflow.GetCaseAsync(rc.Id, Ct))!;
        kc.PlanRevisions.Should().HaveCount(2);
        SamePlans(rc, kc);
        kc.SummonsStateOf(followUpMeeting.Id, regionParty.Id).Should().Be(SummonsDeliveryState.Answered);
        rc.FollowUps.Should().ContainSingle().Which.Progress.Should().Be(kc.FollowUps.Single().Progress);
        rc.State.Should().Be(SipState.Closed);
        rc.Closure!.Reason.Should().Be(ClosureReason.CoordinationNoLongerNeeded);
        (await region.Workflow.VerifyHistoryAsync(rc.Id, Ct)).IsIntact.Should().BeTrue();

        // Every message delivered again — a transport that redelivers everything — changes nothing on either side.
        var versions = (kc.Version, rc.Version);
        foreach (var (system, json) in region.Received.Select(j => (region, j)).Concat(kommun.Received.Select(j => (kommun, j))))
        {
            (await system.Exchange.ReceiveAsync(SipExchangeJson.Deserialize(json), Ct)).Outcome.Should().Be(SipExchangeOutcome.AlreadyApplied);
        }

        ((await kommun.Workflow.GetCaseAsync(kc.Id, Ct))!.Version, (await region.Workflow.GetCaseAsync(rc.Id, Ct))!.Version).Should().Be(versions);
    }

    // The same revisions: number and content; only when each system recorded it differs.
    private static void SamePlans(SipCase region, SipCase kommun)
    {
        region.PlanRevisions.Should().HaveSameCount(kommun.PlanRevisions);
        foreach (var (r, k) in region.PlanRevisions.Zip(kommun.PlanRevisions))
        {
            Content(r).Should().Be(Content(k));
        }

        static string Content(SipPlan plan) => JsonSerializer.Serialize(plan with { EstablishedAt = default });
    }
}
