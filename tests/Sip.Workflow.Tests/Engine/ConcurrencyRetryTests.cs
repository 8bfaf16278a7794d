using Microsoft.Extensions.Time.Testing;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

/// <summary>
/// The optional bounded retry: a command that lost a race on a case is run again on the case as it now is, so two
/// caseworkers adding a party at once both succeed — and a command that no longer applies is refused as if sent now.
/// </summary>
public sealed class ConcurrencyRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Before the first save it sees, lets another writer change the case first, so that save loses the race.</summary>
    private sealed class BeatenOnceStore(ISipCaseStore inner) : SipCaseStoreDecorator(inner)
    {
        public Func<Task>? Rival { get; set; }

        public int Saves { get; private set; }

        public override async Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
        {
            Saves++;
            if (Rival is { } rival)
            {
                Rival = null;
                await rival();
            }

            await Inner.UpdateAsync(updatedCase, expectedVersion, sipEvent, cancellationToken);
        }
    }

    private static (SipScenario Racer, SipScenario Rival, BeatenOnceStore Store) Engines(int retries)
    {
        var inner = new InMemorySipCaseStore();
        var store = new BeatenOnceStore(inner);
        var time = new FakeTimeProvider(SipTestData.Start);
        var racer = new SipScenario(new SipWorkflow(store, new SipWorkflowOptions { ConcurrencyRetries = retries }, time), store, time);
        var rival = new SipScenario(new SipWorkflow(inner, new SipWorkflowOptions(), time), inner, time);
        return (racer, rival, store);
    }

    private static async Task<SipCase> PreparingAsync(SipScenario s)
    {
        var c = await s.ConsentedAsync();
        return (await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, Ct)).Case;
    }

    private static AddParticipant Add(SipScenario s, SipCaseId id, OrganisationReference unit, ParticipantKind kind) => new()
    {
        CaseId = id, Actor = s.Actor, Participant = new Participant { Kind = kind, Organisation = unit, HasMandateToDecide = true },
    };

    [Fact]
    public async Task Off_by_default_a_lost_race_is_the_callers_to_decide()
    {
        var (racer, rival, store) = Engines(retries: 0);
        var c = await PreparingAsync(rival);
        store.Rival = () => rival.AddAsync(c.Id, ParticipantKind.MunicipalHealthCare, SipTestData.HomeCareUnit);

        var lost = () => racer.Workflow.ExecuteAsync(Add(racer, c.Id, SipTestData.SocialServicesUnit, ParticipantKind.SocialServices), Ct);

        await lost.Should().ThrowAsync<SipConcurrencyException>();
        (await rival.Store.GetAsync(c.Id, Ct))!.Participants.Should().ContainSingle();
    }

    [Fact]
    public async Task With_retries_two_parties_added_at_once_are_both_on_the_case()
    {
        var (racer, rival, store) = Engines(retries: 2);
        var c = await PreparingAsync(rival);
        store.Rival = () => rival.AddAsync(c.Id, ParticipantKind.MunicipalHealthCare, SipTestData.HomeCareUnit);

        var result = await racer.Workflow.ExecuteAsync(Add(racer, c.Id, SipTestData.SocialServicesUnit, ParticipantKind.SocialServices), Ct);

        result.Case.Version.Should().Be(c.Version + 2);
        result.Case.Participants.Select(p => p.Organisation).Should().BeEquivalentTo([SipTestData.HomeCareUnit, SipTestData.SocialServicesUnit]);
        (await rival.Workflow.VerifyHistoryAsync(c.Id, Ct)).IsIntact.Should().BeTrue();
        store.Saves.Should().Be(2, "one lost save, one retried save");
    }

    [Fact]
    public async Task A_retry_of_a_command_that_no_longer_applies_is_refused_as_if_sent_now()
    {
        var (racer, rival, store) = Engines(retries: 2);
        var c = await PreparingAsync(rival);
        store.Rival = () => rival.Workflow.CloseCaseAsync(new CloseCase { CaseId = c.Id, Actor = rival.Actor, Reason = ClosureReason.IndividualRequestedEnd }, Ct);

        var late = () => racer.Workflow.ExecuteAsync(Add(racer, c.Id, SipTestData.SocialServicesUnit, ParticipantKind.SocialServices), Ct);

        await late.Should().ThrowAsync<SipInvalidStateException>();
        (await rival.Store.GetAsync(c.Id, Ct))!.Participants.Should().BeEmpty();
    }

    [Fact]
    public async Task A_command_naming_the_version_its_author_saw_is_never_run_again()
    {
        var (racer, rival, store) = Engines(retries: 2);
        var c = await PreparingAsync(rival);
        store.Rival = () => rival.AddAsync(c.Id, ParticipantKind.MunicipalHealthCare, SipTestData.HomeCareUnit);

        var pinned = () => racer.Workflow.ExecuteAsync(Add(racer, c.Id, SipTestData.SocialServicesUnit, ParticipantKind.SocialServices) with { ExpectedVersion = c.Version }, Ct);

        await pinned.Should().ThrowAsync<SipConcurrencyException>();
        store.Saves.Should().Be(1);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void Retries_are_bounded(int retries)
        => new SipWorkflowOptions { ConcurrencyRetries = retries }.Validate().Should().ContainSingle().Which.Should().Contain("ConcurrencyRetries");
}
