using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.DueWorkItems;

/// <summary>
/// Every deadline in the catalogue has a scenario in which it appears — with its code, the law in force and its due
/// time, on the case's index and in the due-work query — and the step that clears it.
/// </summary>
public sealed class DueWorkCatalogueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private delegate Task Scenario(SipScenario s, Watch watch);

    /// <summary>Asserts a deadline's presence on the case, on its index and in the due-work query.</summary>
    private sealed class Watch(string code, SipPolicy policy)
    {
        public async Task AppearsAsync(SipScenario s, SipCase c, DateTimeOffset dueAt)
        {
            var open = SipDeadlines.Open(c, policy);
            open.Should().Contain(new SipDeadline(SipRequirements.Find(code)!, dueAt), $"{code} is due");
            c.NextDeadline.Should().Be(open[0].DueAt, "the index carries the earliest deadline");
            c.OpenDeadlines.Should().Equal(open, "the case is sealed with its open deadlines, which due work reads");
            var item = (await s.Workflow.GetDueWorkAsync(dueAt, pageSize: 500, cancellationToken: Ct)).Items.Single(i => i.CaseId == c.Id);
            item.OpenDeadlines.Should().Equal(open);
            var deadline = item.OpenDeadlines.Single(d => d.Requirement.Code == code);
            deadline.DueAt.Should().Be(dueAt);
            deadline.Requirement.CitationOn(SipLegalReferences.SwedishDateOf(dueAt)).Should().NotBeNullOrWhiteSpace();
        }

        public void Cleared(SipCase c)
        {
            SipDeadlines.Open(c, policy).Should().NotContain(d => d.Requirement.Code == code, $"{code} was met");
            c.OpenDeadlines.Should().NotContain(d => d.Requirement.Code == code, $"{code} was met");
        }
    }

    private static readonly Dictionary<string, (SipPolicy Policy, Scenario Run)> Scenarios = new()
    {
        ["DEADLINE-START"] = (SipPolicy.NationalGuidance, async (s, watch) =>
        {
            var c = await s.OpenAsync();
            await watch.AppearsAsync(s, c, c.OpenedAt + SipPolicy.NationalGuidance.StartWithin);
            await s.ConsentAsync(c.Id);
            watch.Cleared((await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct)).Case);
        }),
        ["DEADLINE-FIRST-MEETING"] = (SipPolicy.RegionHalland, async (s, watch) =>
        {
            var c = await s.SummonedAsync();
            await watch.AppearsAsync(s, c, c.Consents[0].GivenAt + TimeSpan.FromDays(30));
            watch.Cleared(await AttendAsync(s, c));
        }),
        ["DEADLINE-SUMMONS-REPLIES"] = (SipPolicy.NationalGuidance, async (s, watch) =>
        {
            var ready = await s.ReadyToSummonAsync();
            var c = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = ready.Id, Actor = s.Actor }, Ct)).Case;
            await watch.AppearsAsync(s, c, c.PlanMeeting!.StartsAt);
            foreach (var p in c.Participants)
            {
                c = (await s.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply
                {
                    CaseId = c.Id, Actor = s.Actor,
                    Reply = new SummonsReply { MeetingId = c.PlanMeeting!.Id, ParticipantId = p.Id, Answer = SummonsAnswer.Declined, Reason = "Annan tid behövs." },
                }, Ct)).Case;
            }

            watch.Cleared(c);
        }),
        ["DEADLINE-PLAN-DOCUMENTED"] = (SipPolicy.NationalGuidance, async (s, watch) =>
        {
            var c = await s.SummonedAsync();
            await watch.AppearsAsync(s, c, c.PlanMeeting!.StartsAt + c.PlanMeeting.Duration + SipPolicy.NationalGuidance.PlanDocumentedWithin);
            watch.Cleared((await s.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(c.Id, s.Time.GetUtcNow().AddMonths(3)), Ct)).Case);
        }),
        ["DEADLINE-DISCHARGE-SUMMONS"] = (SipPolicy.NationalGuidance, async (s, watch) =>
        {
            var notice = s.Time.GetUtcNow();
            var c = await s.ReadyToSummonAsync(origin: CaseOrigin.InpatientDischarge(notice));
            await watch.AppearsAsync(s, c, SipDeadlines.DischargeSummonsDue(notice, SipPolicy.NationalGuidance));
            watch.Cleared((await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct)).Case);
        }),
        ["DEADLINE-DISCHARGE-INFORMATION"] = (SipPolicy.NationalGuidance, async (s, watch) =>
        {
            var c = await s.OpenAsync(origin: CaseOrigin.InpatientAdmission(s.Time.GetUtcNow().AddDays(-2)));
            var discharged = (await s.Workflow.RecordDischargeAsync(new RecordDischarge { CaseId = c.Id, Actor = s.Actor, DischargedAt = s.Time.GetUtcNow() }, Ct)).Case;
            await watch.AppearsAsync(s, discharged, SipLegalReferences.SwedishStartOf(SipLegalReferences.SwedishDateOf(s.Time.GetUtcNow()).AddDays(1)));
            watch.Cleared((await s.Workflow.RecordInformationTransferAsync(new RecordInformationTransfer { CaseId = c.Id, Actor = s.Actor }, Ct)).Case);
        }),
        ["DEADLINE-FOLLOW-UP-AFTER-ADMISSION"] = (SipPolicy.VastraGotaland, async (s, watch) =>
        {
            var c = await s.PlanEstablishedAsync();
            s.Time.Advance(TimeSpan.FromDays(10));
            var admittedAt = s.Time.GetUtcNow();
            var admitted = (await s.Workflow.RecordAdmissionAsync(new RecordAdmission { CaseId = c.Id, Actor = s.Actor, AdmittedAt = admittedAt }, Ct)).Case;
            await watch.AppearsAsync(s, admitted, admittedAt + SipPolicy.VastraGotaland.StartWithin);
            await s.Workflow.RecordFollowUpAsync(new RecordFollowUp
            {
                CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Inlagd efter fall." },
            }, Ct);
            watch.Cleared((await s.Workflow.RevisePlanAsync(SipTestData.CompleteRevision(c.Id, s.Time.GetUtcNow().AddMonths(2)), Ct)).Case);
        }),
        ["DEADLINE-OWN-CONSENT"] = (SipPolicy.NationalGuidance, async (s, watch) =>
        {
            var child = SipTestData.ChildWithTwoGuardians() with { BirthYearMonth = new SipYearMonth(2008, 4) };
            var c = await s.ConsentedAsync(child);
            await watch.AppearsAsync(s, c, new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero));
            s.Time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero));
            watch.Cleared((await s.RecordConsentAsync(c.Id, SipTestData.OwnConsent(s.Time.GetUtcNow()))).Case);
        }),
        ["DEADLINE-FOLLOW-UP"] = (SipPolicy.NationalGuidance, async (s, watch) =>
        {
            var c = await s.PlanEstablishedAsync();
            await watch.AppearsAsync(s, c, c.FollowUpBooking!.At);
            s.Time.SetUtcNow(c.FollowUpBooking.At);
            watch.Cleared((await s.Workflow.RecordFollowUpAsync(new RecordFollowUp
            {
                CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Går bra." },
            }, Ct)).Case);
        }),
        ["DEADLINE-EARLY-FOLLOW-UP"] = (SipPolicy.NationalGuidance, async (s, watch) =>
        {
            var c = await s.PlanEstablishedAsync();
            var changed = (await s.Workflow.RecordSituationChangeAsync(new RecordSituationChange
            {
                CaseId = c.Id, Actor = s.Actor, Change = new SituationChange { OccurredAt = s.Time.GetUtcNow(), Description = "Ny diagnos." },
            }, Ct)).Case;
            await watch.AppearsAsync(s, changed, s.Time.GetUtcNow() + SipPolicy.NationalGuidance.EarlyFollowUpWithin);
            s.Time.Advance(TimeSpan.FromDays(3));
            watch.Cleared((await s.Workflow.RecordFollowUpAsync(new RecordFollowUp
            {
                CaseId = c.Id, Actor = s.Actor, FollowUp = new FollowUpRecord { HeldAt = s.Time.GetUtcNow(), Progress = "Stödet ökas." },
            }, Ct)).Case);
        }),
        ["DEADLINE-FOLLOW-UP-DECISION"] = (SipPolicy.NationalGuidance, async (s, watch) =>
        {
            var c = await s.FollowedUpAsync();
            await watch.AppearsAsync(s, c, c.FollowUps[^1].HeldAt + SipPolicy.NationalGuidance.FollowUpDecisionWithin);
            watch.Cleared((await s.Workflow.ConfirmPlanUnchangedAsync(new ConfirmPlanUnchanged
            {
                CaseId = c.Id, Actor = s.Actor, NextFollowUp = new FollowUpBooking { At = s.Time.GetUtcNow().AddMonths(3), Place = "Digitalt" },
            }, Ct)).Case);
        }),
        ["DEADLINE-PLAN-DISTRIBUTED"] = (SipPolicy.NationalGuidance with { Name = "Exemplar bevakas", PlanDistributedWithin = TimeSpan.FromDays(7) }, async (s, watch) =>
        {
            var c = await s.PlanEstablishedAsync();
            await watch.AppearsAsync(s, c, c.Plan!.EstablishedAt + TimeSpan.FromDays(7));
            var copy = new PlanDistribution { Revision = 1, Recipient = PlanRecipientKind.Individual, Channel = PlanDistributionChannel.HandedOver, DistributedAt = s.Time.GetUtcNow() };
            c = (await s.Workflow.RecordPlanDistributedAsync(new RecordPlanDistributed { CaseId = c.Id, Actor = s.Actor, Distribution = copy }, Ct)).Case;
            foreach (var party in c.ActiveParticipants)
            {
                c = (await s.Workflow.RecordPlanDistributedAsync(new RecordPlanDistributed
                {
                    CaseId = c.Id, Actor = s.Actor, Distribution = copy with { Recipient = PlanRecipientKind.Participant, ParticipantId = party.Id },
                }, Ct)).Case;
            }

            watch.Cleared(c);
        }),
        ["DEADLINE-CLOSING-DOCUMENTED"] = (SipPolicy.VastraGotaland, async (s, watch) =>
        {
            var c = await s.PlanEstablishedAsync();
            var closed = (await s.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.MovedAway }, Ct)).Case;
            await watch.AppearsAsync(s, closed, closed.Closure!.ClosedAt + SipPolicy.VastraGotaland.ClosingDocumentedWithin);
            foreach (var (principal, unit) in new[] { (PrincipalKind.Municipality, SipTestData.SocialServicesUnit), (PrincipalKind.Region, SipTestData.PrimaryCareUnit) })
            {
                closed = (await s.Workflow.DocumentClosingAsync(new DocumentClosing
                {
                    CaseId = c.Id, Actor = s.Actor, Closing = new PrincipalClosing { Principal = principal, Organisation = unit },
                }, Ct)).Case;
            }

            watch.Cleared(closed);
        }),
    };

    private static async Task<SipCase> AttendAsync(SipScenario s, SipCase c) => (await s.Workflow.RecordAttendanceAsync(new RecordAttendance
    {
        CaseId = c.Id, Actor = s.Actor, MeetingId = c.PlanMeeting!.Id,
        Attendance = [.. c.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
    }, Ct)).Case;

    public static TheoryData<string> Deadlines() => [.. SipRequirements.All.Where(r => r.Kind == RequirementKind.Deadline).Select(r => r.Code)];

    [Fact]
    public void Every_deadline_in_the_catalogue_has_a_scenario()
        => Scenarios.Keys.Should().BeEquivalentTo(SipRequirements.All.Where(r => r.Kind == RequirementKind.Deadline).Select(r => r.Code));

    [Theory]
    [MemberData(nameof(Deadlines))]
    public async Task Each_deadline_appears_with_its_due_time_and_clears_when_met(string code)
    {
        var (policy, run) = Scenarios[code];
        policy.IsInForce(SipRequirements.Find(code)!).Should().BeTrue();
        await run(new SipScenario(policy), new Watch(code, policy));
    }
}
