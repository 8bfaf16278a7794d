using FluentAssertions;
using Sip.Workflow.Exchange;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Exchange;

/// <summary>
/// The exchange against a sender that is wrong or hostile, and against real-world ordering: a message never attaches itself
/// to another SIP, never speaks for this system's own units, and what a caseworker recorded by hand still lets the plan travel.
/// </summary>
public sealed class ExchangeSafetyTests : ExchangeTest
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    // A kommun case for an individual, summoned, and the region's case it opened.
    private static async Task<(SipCase Kommun, SipCase Region)> SummonedAsync(PrincipalSystem kommun, PrincipalSystem region, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, string individual)
    {
        var k = new SipScenario(kommun.Workflow, kommun.Store, time);
        var ready = await k.ReadyToSummonAsync(SipTestData.Adult(individual));
        var sent = (await kommun.Workflow.SendSummonsAsync(new SendSummons { CaseId = ready.Id, Actor = k.Actor }, Ct)).Case;
        await PrincipalSystem.PumpAsync(kommun, region);
        var regionCase = (await region.Store.QueryAsync(new SipCaseQuery { PageSize = 100 }, Ct)).Cases
            .Single(c => c.ExternalReferences.Any(r => r.CaseId == sent.Id.ToString()));
        return (sent, regionCase);
    }

    private static SipExchangeMessage ClosingFrom(SipCase kommunCase, PrincipalSystem kommun, PrincipalSystem region, string? toCaseId) => new()
    {
        MessageId = Guid.NewGuid(), Kind = SipExchangeMessageKind.Closing, SentAt = SipTestData.Start,
        From = new ExternalCaseReference { System = "Treserva", CaseId = kommunCase.Id.ToString(), Organisation = kommun.Unit },
        To = region.Unit, ToCaseId = toCaseId, Closing = new SipExchangeClosing { Reason = ClosureReason.CoordinationNoLongerNeeded },
    };

    [Fact]
    public async Task A_message_from_one_SIP_naming_the_case_of_another_SIP_is_refused_and_changes_nothing()
    {
        var (kommun, region, time) = await PrincipalSystem.CreateAsync(DatabasePath);
        var (k1, _) = await SummonedAsync(kommun, region, time, "pat-1");
        var (_, r2) = await SummonedAsync(kommun, region, time, "pat-2");
        var before = (await region.Workflow.GetCaseAsync(r2.Id, Ct))!.Version;

        var refused = (await FluentActions.Awaiting(() => region.Exchange.ReceiveAsync(ClosingFrom(k1, kommun, region, r2.Id.ToString()), Ct))
            .Should().ThrowAsync<SipExchangeRefusedException>()).Which;
        refused.Reason.Should().Be(SipExchangeRefusal.UnknownCase);
        refused.Message.Should().Contain("linked to another case");
        var after = (await region.Workflow.GetCaseAsync(r2.Id, Ct))!;
        after.Version.Should().Be(before);
        after.IsOpen.Should().BeTrue();
        after.ExternalReferences.Should().ContainSingle();
    }

    [Fact]
    public async Task A_summons_naming_a_case_of_another_individual_is_refused_before_anything_is_applied()
    {
        var (kommun, region, time) = await PrincipalSystem.CreateAsync(DatabasePath);
        var (k1, r1) = await SummonedAsync(kommun, region, time, "pat-1");
        var k = new SipScenario(kommun.Workflow, kommun.Store, time);
        var other = await k.ReadyToSummonAsync(SipTestData.Adult("pat-2"));
        await kommun.Workflow.SendSummonsAsync(new SendSummons { CaseId = other.Id, Actor = k.Actor }, Ct);
        var summons = (await kommun.Exchange.MessagesForAsync((await kommun.Workflow.ReadEventsAsync(0, 1000, Ct))[^1], Ct)).Single();
        var before = (await region.Workflow.GetCaseAsync(r1.Id, Ct))!.Version;

        // Even from the very case r1 is linked to: a summons names the individual, and this one names another.
        var misdirected = summons with { From = summons.From with { CaseId = k1.Id.ToString() }, ToCaseId = r1.Id.ToString() };
        (await FluentActions.Awaiting(() => region.Exchange.ReceiveAsync(misdirected, Ct)).Should().ThrowAsync<SipExchangeRefusedException>())
            .Which.Message.Should().Contain("another individual").And.NotContain("pat-2");
        (await region.Workflow.GetCaseAsync(r1.Id, Ct))!.Version.Should().Be(before, "no consent or party of the other individual was recorded");
    }

    [Fact]
    public async Task A_sender_naming_this_systems_own_unit_is_not_a_party_it_can_speak_for()
    {
        var (kommun, region, time) = await PrincipalSystem.CreateAsync(DatabasePath);
        var (k1, r1) = await SummonedAsync(kommun, region, time, "pat-1");
        var impostor = ClosingFrom(k1, kommun, region, r1.Id.ToString()) with
        {
            From = new ExternalCaseReference { System = "Okänt", CaseId = "X-1", Organisation = region.Unit },
        };

        (await FluentActions.Awaiting(() => region.Exchange.ReceiveAsync(impostor, Ct)).Should().ThrowAsync<SipExchangeRefusedException>())
            .Which.Reason.Should().Be(SipExchangeRefusal.UnknownCase);
        (await region.Workflow.GetCaseAsync(r1.Id, Ct))!.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task The_plan_and_the_closing_reach_a_region_whose_answer_the_kommun_recorded_by_hand_and_consent_given_at_the_meeting_comes_with_the_plan()
    {
        var (kommun, region, time) = await PrincipalSystem.CreateAsync(DatabasePath);
        var k = new SipScenario(kommun.Workflow, kommun.Store, time);
        var opened = await k.OpenAsync();

        // Consent to share information before the summons; consent to the plan only at the meeting.
        await k.ConsentAsync(opened.Id, ConsentScope.InformationSharing);
        await kommun.Workflow.StartPreparationAsync(new StartPreparation { CaseId = opened.Id, Actor = k.Actor }, Ct);
        await k.AddAsync(opened.Id, ParticipantKind.SocialServices, SipTestData.SocialServicesUnit);
        await k.AddAsync(opened.Id, ParticipantKind.RegionalHealthCare, SipTestData.PrimaryCareUnit);
        var meeting = SipTestData.PlanMeeting(time.GetUtcNow().AddDays(7));
        await kommun.Workflow.ScheduleMeetingAsync(new ScheduleMeeting { CaseId = opened.Id, Actor = k.Actor, Meeting = meeting }, Ct);
        var kc = (await kommun.Workflow.SendSummonsAsync(new SendSummons { CaseId = opened.Id, Actor = k.Actor }, Ct)).Case;
        await PrincipalSystem.SettleAsync(kommun, region);

        // The region answered by phone; the kommun records it by hand, so the kommun's case never learns the region's.
        var regionParty = kc.Participants.Single(p => p.Organisation.IsSameOrganisation(region.Unit));
        await kommun.Workflow.RecordSummonsReplyAsync(new RecordSummonsReply
        {
            CaseId = kc.Id, Actor = k.Actor,
            Reply = new SummonsReply { MeetingId = meeting.Id, ParticipantId = regionParty.Id, Answer = SummonsAnswer.Accepted, Attendee = new ContactPerson { Name = "Dr Lind" }, AttendeeHasMandateToDecide = true },
        }, Ct);
        time.SetUtcNow(meeting.StartsAt);
        await k.ConsentAsync(kc.Id, ConsentScope.PlanEstablishment);
        await kommun.Workflow.EstablishPlanAsync(SipTestData.CompletePlan(kc.Id, time.GetUtcNow().AddMonths(3)), Ct);
        await PrincipalSystem.SettleAsync(kommun, region);

        var rc = (await region.Store.QueryAsync(new SipCaseQuery { PageSize = 10 }, Ct)).Cases.Single();
        rc.PlanRevisions.Should().ContainSingle("the plan found the region's case by the kommun's case, as the summons did");
        rc.Consents.Should().HaveCount(2);

        await kommun.Workflow.CloseCaseAsync(new CloseCase { CaseId = kc.Id, Actor = SipTestData.LeadUnitWorker, Reason = ClosureReason.NoNewNeedsExpected }, Ct);
        await PrincipalSystem.SettleAsync(kommun, region);
        (await region.Workflow.GetCaseAsync(rc.Id, Ct))!.State.Should().Be(SipState.Closed);
    }

    [Fact]
    public async Task A_summons_that_arrives_after_its_meeting_began_is_refused_and_opens_no_case()
    {
        var (kommun, region, time) = await PrincipalSystem.CreateAsync(DatabasePath);
        var k = new SipScenario(kommun.Workflow, kommun.Store, time);
        var ready = await k.ReadyToSummonAsync();
        await kommun.Workflow.SendSummonsAsync(new SendSummons { CaseId = ready.Id, Actor = k.Actor }, Ct);
        var summons = (await kommun.Exchange.MessagesForAsync((await kommun.Workflow.ReadEventsAsync(0, 1000, Ct))[^1], Ct)).Single();

        time.SetUtcNow(summons.Summons!.Meeting.StartsAt.AddHours(1));
        (await FluentActions.Awaiting(() => region.Exchange.ReceiveAsync(summons, Ct)).Should().ThrowAsync<SipExchangeRefusedException>())
            .Which.Reason.Should().Be(SipExchangeRefusal.RefusedByCase);
        (await region.Store.ListCaseIdsAsync(null, 10, Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task Answers_delivered_out_of_order_leave_the_latest_standing_and_none_is_taken_for_this_systems_own_unit()
    {
        var (kommun, region, time) = await PrincipalSystem.CreateAsync(DatabasePath);
        var (kc, rc) = await SummonedAsync(kommun, region, time, "pat-1");
        var meeting = kc.PlanMeeting!;
        var regionParty = rc.Participants.Single(p => p.Organisation.IsSameOrganisation(region.Unit));
        var kommunParty = kc.Participants.Single(p => p.Organisation.IsSameOrganisation(kommun.Unit));
        SipExchangeMessage Answer(SummonsAnswer answer, DateTimeOffset at, ParticipantId party) => new()
        {
            MessageId = Guid.NewGuid(), Kind = SipExchangeMessageKind.SummonsAnswer, SentAt = at,
            From = new ExternalCaseReference { System = "Cosmic", CaseId = rc.Id.ToString(), Organisation = region.Unit }, To = kommun.Unit, ToCaseId = kc.Id.ToString(),
            Answer = new SummonsReply
            {
                MeetingId = meeting.Id, ParticipantId = party, Answer = answer, RepliedAt = at,
                Attendee = answer == SummonsAnswer.Accepted ? new ContactPerson { Name = "Dr Lind" } : null, AttendeeHasMandateToDecide = answer == SummonsAnswer.Accepted,
                Reason = answer == SummonsAnswer.Declined ? "Ingen läkare ledig." : null,
            },
        };

        var accepted = Answer(SummonsAnswer.Accepted, time.GetUtcNow(), regionParty.Id);
        time.Advance(TimeSpan.FromHours(1));
        var declined = Answer(SummonsAnswer.Declined, time.GetUtcNow(), regionParty.Id);
        await kommun.Exchange.ReceiveAsync(declined, Ct);
        (await kommun.Exchange.ReceiveAsync(accepted, Ct)).Outcome.Should().Be(SipExchangeOutcome.AlreadyApplied, "the later answer stands");
        (await kommun.Workflow.GetCaseAsync(kc.Id, Ct))!.SummonsReplies.Where(r => r.ParticipantId == regionParty.Id).Should().ContainSingle()
            .Which.Answer.Should().Be(SummonsAnswer.Declined);

        (await FluentActions.Awaiting(() => kommun.Exchange.ReceiveAsync(Answer(SummonsAnswer.Declined, time.GetUtcNow(), kommunParty.Id), Ct))
            .Should().ThrowAsync<SipExchangeRefusedException>()).Which.Reason.Should().Be(SipExchangeRefusal.Malformed);
    }

    [Fact]
    public async Task Another_sender_reusing_a_message_id_does_not_take_the_real_messages_steps()
    {
        var (kommun, region, time) = await PrincipalSystem.CreateAsync(DatabasePath);
        var k = new SipScenario(kommun.Workflow, kommun.Store, time);
        var ready = await k.ReadyToSummonAsync();
        await kommun.Workflow.SendSummonsAsync(new SendSummons { CaseId = ready.Id, Actor = k.Actor }, Ct);
        var summons = (await kommun.Exchange.MessagesForAsync((await kommun.Workflow.ReadEventsAsync(0, 1000, Ct))[^1], Ct)).Single();

        // A copy from another (made-up) sending case under the same message id comes first and opens a case of its own.
        var copy = summons with { From = summons.From with { CaseId = "kopia-1" } };
        await region.Exchange.ReceiveAsync(copy, Ct);
        (await region.Exchange.ReceiveAsync(summons, Ct)).Outcome.Should().Be(SipExchangeOutcome.Applied);
        (await region.Store.ListCaseIdsAsync(null, 10, Ct)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_withdrawal_towards_one_party_and_then_of_all_consent_reaches_the_other_side_and_ends_the_SIP_there_too()
    {
        var (kommun, region, time) = await PrincipalSystem.CreateAsync(DatabasePath);
        var (kc, rc) = await SummonedAsync(kommun, region, time, "pat-1");
        var k = new SipScenario(kommun.Workflow, kommun.Store, time);
        time.Advance(TimeSpan.FromHours(1));

        // "I no longer want Försäkringskassan told" — a party the consent covered; then, later, no SIP at all.
        await kommun.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = kc.Id, Actor = k.Actor, WithdrawnBy = ConsentGiver.Individual, Party = SipTestData.SocialInsuranceUnit }, Ct);
        await PrincipalSystem.SettleAsync(kommun, region);
        var partly = (await region.Workflow.GetCaseAsync(rc.Id, Ct))!;
        partly.Consents.Single().Withdrawals.Should().ContainSingle().Which.Party.Should().Be(SipTestData.SocialInsuranceUnit);
        partly.IsOpen.Should().BeTrue();

        time.Advance(TimeSpan.FromHours(1));
        await kommun.Workflow.WithdrawConsentAsync(new WithdrawConsent { CaseId = kc.Id, Actor = k.Actor, WithdrawnBy = ConsentGiver.Individual }, Ct);
        await PrincipalSystem.SettleAsync(kommun, region);
        var ended = (await region.Workflow.GetCaseAsync(rc.Id, Ct))!;
        ended.State.Should().Be(SipState.Closed);
        ended.Closure!.Reason.Should().Be(ClosureReason.ConsentWithdrawn);
        ended.Consents.Single().WithdrawnAt.Should().NotBeNull();

        // Delivered again, nothing changes.
        var version = ended.Version;
        foreach (var json in region.Received)
        {
            await region.Exchange.ReceiveAsync(SipExchangeJson.Deserialize(json), Ct);
        }

        (await region.Workflow.GetCaseAsync(rc.Id, Ct))!.Version.Should().Be(version);
    }
}
