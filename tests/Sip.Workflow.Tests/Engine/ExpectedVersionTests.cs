using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>
/// A command composed from an earlier read of the case (a form, a browser page) names the version it saw; a case that has
/// moved on since refuses it and saves nothing, so a decision is never applied to a case its author has not seen.
/// </summary>
public sealed class ExpectedVersionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_command_naming_the_current_version_applies()
    {
        var s = new SipScenario();
        var opened = await s.OpenAsync();

        var result = await s.Workflow.ExecuteAsync(Consent(s, opened.Id) with { ExpectedVersion = opened.Version }, Ct);

        result.Case.Version.Should().Be(opened.Version + 1);
    }

    [Fact]
    public async Task A_command_naming_an_older_version_is_refused_with_both_versions_and_saves_nothing()
    {
        var s = new SipScenario();
        var opened = await s.OpenAsync();
        var changed = await s.ConsentAsync(opened.Id);

        var refused = await s.ExpectRefusedAsync<SipConcurrencyException>(opened.Id, () => s.Workflow.ExecuteAsync(
            new AddParticipant { CaseId = opened.Id, Actor = s.Actor, Participant = new Participant { Kind = ParticipantKind.SocialServices, Organisation = SipTestData.SocialServicesUnit, HasMandateToDecide = true }, ExpectedVersion = opened.Version },
            Ct));

        refused.ExpectedVersion.Should().Be(opened.Version);
        refused.ActualVersion.Should().Be(changed.Version);
        refused.CaseId.Should().Be(opened.Id);
    }

    [Fact]
    public async Task A_stale_command_is_refused_as_stale_even_when_the_case_state_no_longer_has_the_step()
    {
        // The author saw an open case; it has been closed since. "Someone else changed it" is the truth the UI needs,
        // not "this step does not exist in Closed".
        var s = new SipScenario();
        var opened = await s.OpenAsync();
        await s.Workflow.DeclineToStartAsync(new DeclineToStart { CaseId = opened.Id, Actor = s.Actor, Reason = "Individen avböjer." }, Ct);

        await s.ExpectRefusedAsync<SipConcurrencyException>(opened.Id, () => s.Workflow.ExecuteAsync(
            Consent(s, opened.Id) with { ExpectedVersion = opened.Version }, Ct));
    }

    [Fact]
    public async Task A_retry_of_an_applied_command_is_its_replay_whichever_version_the_retry_names()
    {
        // After a time-out the client cannot know whether the first attempt landed: it resends with the version it saw,
        // or re-reads and sends the version it now sees. Both are the same command, answered with the first result.
        var s = new SipScenario();
        var opened = await s.OpenAsync();
        var command = Consent(s, opened.Id) with { CommandId = CommandId.New(), ExpectedVersion = opened.Version };
        var first = await s.Workflow.ExecuteAsync(command, Ct);

        var sameVersion = await s.Workflow.ExecuteAsync(command, Ct);
        var reRead = await s.Workflow.ExecuteAsync(command with { ExpectedVersion = first.Case.Version }, Ct);

        sameVersion.IsReplay.Should().BeTrue();
        reRead.IsReplay.Should().BeTrue();
        reRead.Event.Should().Be(first.Event);
        (await s.Workflow.GetHistoryAsync(opened.Id, Ct)).Should().HaveCount(2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_version_below_one_is_refused_naming_the_property(long version)
    {
        var build = () => new RecordConsent { CaseId = SipCaseId.New(), Actor = SipTestData.FixedCareContact, Consent = SipTestData.OwnConsent(SipTestData.Start), ExpectedVersion = version };

        build.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(nameof(SipCaseCommand.ExpectedVersion));
    }

    private static RecordConsent Consent(SipScenario s, SipCaseId id) => new()
    {
        CaseId = id,
        Actor = s.Actor,
        Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Written, GivenAt = s.Time.GetUtcNow() },
    };
}
