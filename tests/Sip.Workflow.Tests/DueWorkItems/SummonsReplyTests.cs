using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.DueWorkItems;

/// <summary>Each party called or invited answers the summons; the answers outstanding are due work before the meeting.</summary>
public sealed class SummonsReplyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // How a host that binds commands from JSON would read them: engine-owned fields can arrive this way.
    private static readonly System.Text.Json.JsonSerializerOptions HostJson = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static Task<SipCommandResult> ReplyAsync(SipScenario s, SipCase c, SummonsReply reply)
        => s.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply { CaseId = c.Id, Actor = s.Actor, Reply = reply }, Ct);

    private static async Task<SipCase> SentAsync(SipScenario s)
    {
        var c = await s.ReadyToSummonAsync();
        return (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = c.Id, Actor = s.Actor }, Ct)).Case;
    }

    [Fact]
    public async Task Replies_are_due_before_the_meeting_and_clear_as_each_party_answers_whether_it_comes_or_not()
    {
        var s = new SipScenario();
        var c = await SentAsync(s);
        var meeting = c.PlanMeeting!;
        c.RepliesOutstanding.Should().HaveCount(2);
        SipDeadlines.Open(c, SipPolicy.NationalGuidance).Should().Contain(new SipDeadline(SipRequirements.DeadlineSummonsReplies, meeting.StartsAt));

        var first = (await ReplyAsync(s, c, new SummonsReply
        {
            MeetingId = meeting.Id, ParticipantId = c.Participants[0].Id, Answer = SummonsAnswer.Accepted,
            Attendee = new ContactPerson { Name = "Omar Said", Title = "Enhetschef" }, AttendeeHasMandateToDecide = true,
        })).Case;
        first.RepliesOutstanding.Select(p => p.Id).Should().Equal(c.Participants[1].Id);
        first.SummonsReplies.Single().RepliedAt.Should().Be(s.Time.GetUtcNow());

        var both = (await ReplyAsync(s, c, new SummonsReply
        {
            MeetingId = meeting.Id, ParticipantId = c.Participants[1].Id, Answer = SummonsAnswer.Declined, Reason = "Kan inte den dagen; föreslår en annan tid.",
        })).Case;
        both.RepliesOutstanding.Should().BeEmpty();
        SipDeadlines.Open(both, SipPolicy.NationalGuidance).Should().NotContain(d => d.Requirement == SipRequirements.DeadlineSummonsReplies);
    }

    [Fact]
    public async Task A_policy_can_ask_for_replies_sooner_than_the_meeting()
    {
        var policy = SipPolicy.NationalGuidance with { Name = "Svar inom 2 dagar", SummonsReplyWithin = TimeSpan.FromDays(2) };
        var s = new SipScenario(policy);
        var c = await SentAsync(s);

        SipDeadlines.Open(c, policy).Should().Contain(new SipDeadline(SipRequirements.DeadlineSummonsReplies, c.SummonsSent[0].SentAt.AddDays(2)));
        (policy with { SummonsReplyWithin = TimeSpan.FromMinutes(5) }).Validate().Should().ContainSingle().Which.Should().Contain("SummonsReplyWithin");
    }

    [Fact]
    public async Task A_forward_answers_for_the_forwarding_unit_and_the_unit_it_goes_to_owes_its_own_answer()
    {
        var s = new SipScenario();
        var c = await SentAsync(s);
        var from = c.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);
        var to = new Participant { Kind = ParticipantKind.MunicipalHealthCare, Organisation = SipTestData.HomeCareUnit, HasMandateToDecide = true };

        var forwarded = (await s.Workflow.ForwardSummonsAsync(new ForwardSummons { CaseId = c.Id, Actor = s.Actor, From = from.Id, To = to }, Ct)).Case;

        forwarded.SummonsReplies.Should().ContainSingle().Which.Should().Match<SummonsReply>(r =>
            r.ParticipantId == from.Id && r.Answer == SummonsAnswer.Forwarded && r.ForwardedTo == to.Id);
        forwarded.RepliesOutstanding.Select(p => p.Id).Should().BeEquivalentTo([to.Id, c.Participants.Single(p => p.Kind == ParticipantKind.RegionalHealthCare).Id]);
    }

    [Fact]
    public async Task A_reply_names_who_comes_with_mandate_or_why_not_and_answers_a_summons_that_was_sent()
    {
        var s = new SipScenario();
        var ready = await s.ReadyToSummonAsync();
        var meeting = ready.PlanMeeting!;
        var called = ready.Participants[0].Id;
        var accept = new SummonsReply { MeetingId = meeting.Id, ParticipantId = called, Answer = SummonsAnswer.Accepted, Attendee = new ContactPerson { Name = "Omar Said" }, AttendeeHasMandateToDecide = true };

        (await s.ExpectRefusedAsync<SipInvalidStateException>(ready.Id, () => ReplyAsync(s, ready, accept)))
            .PermittedTriggers.Should().Contain(SipTrigger.SendSummons);

        var c = (await s.Workflow.SendSummonsAsync(new SendSummons { CaseId = ready.Id, Actor = s.Actor }, Ct)).Case;
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => ReplyAsync(s, c, accept with { MeetingId = MeetingId.New() })))
            .ParamName.Should().Be("Reply.MeetingId");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => ReplyAsync(s, c, accept with { Attendee = null })))
            .ParamName.Should().Be("Reply.Attendee");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => ReplyAsync(s, c, accept with { AttendeeHasMandateToDecide = false })))
            .Message.Should().Contain("mandat att fatta beslut");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => ReplyAsync(s, c, accept with { Answer = SummonsAnswer.Declined, Attendee = null })))
            .ParamName.Should().Be("Reply.Reason");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => ReplyAsync(s, c, accept with { Answer = SummonsAnswer.Forwarded })))
            .Message.Should().Contain("ForwardSummons");
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => ReplyAsync(s, c, accept with { ParticipantId = ParticipantId.New() })))
            .ParamName.Should().Be("Reply.ParticipantId");
        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => ReplyAsync(s, c, accept with { RepliedAt = s.Time.GetUtcNow().AddDays(1) })))
            .ParamName.Should().Be("Reply.RepliedAt");
    }

    [Fact]
    public async Task Once_the_meeting_is_held_no_reply_is_outstanding()
    {
        var s = new SipScenario();
        var c = await s.SummonedAsync();
        c.RepliesOutstanding.Should().NotBeEmpty();

        var held = (await s.Workflow.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = c.Id, Actor = s.Actor, MeetingId = c.PlanMeeting!.Id,
            Attendance = [.. c.Participants.Select(p => new Attendance { ParticipantId = p.Id, Status = AttendanceStatus.Attended })],
        }, Ct)).Case;

        held.RepliesOutstanding.Should().BeEmpty();
    }

    [Fact]
    public async Task Only_the_parties_the_summons_went_to_answer_it_before_the_meeting_and_after_it_was_sent()
    {
        var s = new SipScenario();
        var c = await SentAsync(s);
        var meeting = c.PlanMeeting!;
        var from = c.Participants.Single(p => p.Kind == ParticipantKind.SocialServices);
        var reply = new SummonsReply { MeetingId = meeting.Id, ParticipantId = from.Id, Answer = SummonsAnswer.Declined, Reason = "Ingen tid." };
        Task Reply(SummonsReply r) => ReplyAsync(s, c, r);

        (await s.ExpectRefusedAsync<ArgumentOutOfRangeException>(c.Id, () => Reply(reply with { RepliedAt = c.SummonsSent[0].SentAt.AddMinutes(-1) })))
            .ParamName.Should().Be("Reply.RepliedAt");
        var preset = System.Text.Json.JsonSerializer.Deserialize<SummonsReply>(
            $$"""{"MeetingId":"{{meeting.Id}}","ParticipantId":"{{from.Id}}","Answer":"Declined","Reason":"x","ForwardedTo":"{{ParticipantId.New()}}"}""", HostJson)!;
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Reply(preset))).ParamName.Should().Be("Reply.ForwardedTo");

        // Added after the summons: not summoned, so neither owing an answer nor able to give one until summoned again.
        var late = await s.AddAsync(c.Id, ParticipantKind.SocialInsuranceAgency, SipTestData.SocialInsuranceUnit);
        late.RepliesOutstanding.Should().HaveCount(2);
        var newcomer = late.Participants[^1];
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Reply(reply with { ParticipantId = newcomer.Id })))
            .Message.Should().Contain("was not sent the summons");

        // A unit that forwarded its summons no longer answers; the unit it went to does.
        var to = new Participant { Kind = ParticipantKind.MunicipalHealthCare, Organisation = SipTestData.HomeCareUnit, HasMandateToDecide = true };
        await s.Workflow.ForwardSummonsAsync(new ForwardSummons { CaseId = c.Id, Actor = s.Actor, From = from.Id, To = to }, Ct);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Reply(reply))).Message.Should().Contain("no longer takes part");
        await Reply(reply with { ParticipantId = to.Id });

        // Once the meeting is held, who came is its attendance.
        s.Time.SetUtcNow(meeting.StartsAt);
        await s.Workflow.RecordAttendanceAsync(new RecordAttendance
        {
            CaseId = c.Id, Actor = s.Actor, MeetingId = meeting.Id,
            Attendance = [new Attendance { ParticipantId = to.Id, Status = AttendanceStatus.Attended }],
        }, Ct);
        var region = c.Participants.Single(p => p.Kind == ParticipantKind.RegionalHealthCare);
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => Reply(reply with { ParticipantId = region.Id })))
            .Message.Should().Contain("has been held");
    }
}
