using FluentAssertions;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Exchange;

/// <summary>A received summons is recorded only from a linked case, for a meeting of this case not yet held, once per sending.</summary>
public sealed class RecordReceivedSummonsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ExternalCaseReference Kommun = new() { System = "Treserva", CaseId = "SOC-1", Organisation = SipTestData.SocialServicesUnit };

    // A case in preparation, linked to the kommun's, with the meeting scheduled under the sender's id.
    private static async Task<(SipScenario S, SipCase Case)> ReadyAsync()
    {
        var s = new SipScenario();
        var c = await s.ReadyToSummonAsync();
        c = (await s.Workflow.LinkExternalCaseAsync(new LinkExternalCase { CaseId = c.Id, Actor = s.Actor, Reference = Kommun }, Ct)).Case;
        return (s, c);
    }

    private static RecordReceivedSummons Received(SipScenario s, SipCase c) => new()
    {
        CaseId = c.Id, Actor = s.Actor, MeetingId = c.PlanMeeting!.Id, SentAt = s.Time.GetUtcNow(), From = Kommun,
    };

    [Fact]
    public async Task A_summons_from_a_linked_case_moves_the_case_to_summoned_with_the_senders_recipients()
    {
        var (s, c) = await ReadyAsync();
        var summoned = (await s.Workflow.RecordReceivedSummonsAsync(Received(s, c), Ct)).Case;
        summoned.State.Should().Be(SipState.Summoned);
        summoned.SummonsSent.Should().ContainSingle().Which.Called.Should().BeEquivalentTo(summoned.CalledPrincipals.Select(p => p.Id));
        summoned.RepliesOutstanding.Should().NotBeEmpty("the answers to a received summons are due work here too");
    }

    [Fact]
    public async Task A_summons_from_a_case_that_is_not_linked_is_refused_naming_From_and_changes_nothing()
    {
        var (s, c) = await ReadyAsync();
        var thrown = await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.RecordReceivedSummonsAsync(Received(s, c) with { From = Kommun with { CaseId = "SOC-2" } }, Ct));
        thrown.ParamName.Should().Be(nameof(RecordReceivedSummons.From));
        thrown.Message.Should().Contain("not linked");
    }

    [Fact]
    public async Task A_summons_for_a_meeting_this_case_does_not_have_is_refused_naming_MeetingId_and_changes_nothing()
    {
        var (s, c) = await ReadyAsync();
        var thrown = await s.ExpectRefusedAsync<ArgumentException>(c.Id,
            () => s.Workflow.RecordReceivedSummonsAsync(Received(s, c) with { MeetingId = MeetingId.New() }, Ct));
        thrown.ParamName.Should().Be(nameof(RecordReceivedSummons.MeetingId));
    }

    [Fact]
    public async Task The_same_sending_recorded_again_or_one_sent_in_the_future_is_refused_naming_SentAt_and_changes_nothing()
    {
        var (s, c) = await ReadyAsync();
        var first = Received(s, c);
        await s.Workflow.RecordReceivedSummonsAsync(first, Ct);

        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordReceivedSummonsAsync(first with { CommandId = null }, Ct)))
            .ParamName.Should().Be(nameof(RecordReceivedSummons.SentAt));
        (await s.ExpectRefusedAsync<ArgumentException>(c.Id, () => s.Workflow.RecordReceivedSummonsAsync(first with { SentAt = s.Time.GetUtcNow().AddDays(1) }, Ct)))
            .ParamName.Should().Be(nameof(RecordReceivedSummons.SentAt));
    }
}
