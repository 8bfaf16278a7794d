using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Engine;

public sealed class IdempotencyAndConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repeated_command_id_returns_the_first_result_and_applies_nothing_twice()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        var command = new RecordConsent
        {
            CaseId = c.Id,
            Actor = s.Actor,
            CommandId = CommandId.New(),
            Consent = new Consent { Scope = ConsentScope.All, GivenBy = ConsentGiver.Individual, Form = ConsentForm.Written, GivenAt = s.Time.GetUtcNow() },
        };

        var first = await s.Workflow.RecordConsentAsync(command, Ct);
        var again = await s.Workflow.RecordConsentAsync(command, Ct);

        first.IsReplay.Should().BeFalse();
        again.IsReplay.Should().BeTrue();
        again.Event.Should().BeEquivalentTo(first.Event);
        again.Case.Version.Should().Be(2);
        again.Case.Consents.Should().ContainSingle();
        (await s.Workflow.GetHistoryAsync(c.Id, Ct)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_repeated_open_with_the_same_command_id_opens_one_case()
    {
        var s = new SipScenario();
        var open = new OpenCase
        {
            Actor = s.Actor, CommandId = CommandId.New(), Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
        };

        var first = await s.Workflow.OpenCaseAsync(open, Ct);
        var again = await s.Workflow.OpenCaseAsync(open, Ct);

        again.IsReplay.Should().BeTrue();
        again.Case.Id.Should().Be(first.Case.Id);
        ((InMemorySipCaseStore)s.Store).Count.Should().Be(1);
    }

    [Fact]
    public async Task A_command_id_reused_for_a_different_command_is_refused()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        var id = CommandId.New();
        await s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor, CommandId = id }, Ct);

        var reuse = () => s.Workflow.RecordDeviationAsync(new RecordDeviation
        {
            CaseId = c.Id,
            Actor = s.Actor,
            CommandId = id,
            Deviation = new Deviation { Kind = DeviationKind.Other, Description = "x" },
        }, Ct);

        var refused = (await reuse.Should().ThrowAsync<SipIdempotencyConflictException>()).WithMessage("*PreparationStarted*").Which;
        refused.CommandId.Should().Be(id);
        refused.EarlierCaseId.Should().Be(c.Id);
        refused.IsTransient.Should().BeFalse("the same call with the same id will be refused again");
        (await s.Workflow.GetHistoryAsync(c.Id, Ct)).Should().HaveCount(3, "the refused command must not save anything");
    }

    [Fact]
    public async Task Concurrent_retries_of_one_command_apply_it_once()
    {
        var s = new SipScenario();
        var c = await s.OpenAsync();
        var command = new RecordDeviation { CaseId = c.Id, Actor = s.Actor, CommandId = CommandId.New(), Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Dubbelklick" } };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => s.Workflow.RecordDeviationAsync(command, Ct), Ct)));

        results.Count(r => !r.IsReplay).Should().Be(1);
        results.Select(r => r.Event.Hash).Distinct().Should().ContainSingle();
        (await s.Workflow.GetCaseAsync(c.Id, Ct))!.Deviations.Should().ContainSingle();
    }

    [Fact]
    public async Task Two_writers_on_one_case_one_wins_and_the_other_gets_a_concurrency_conflict_naming_ids_and_versions()
    {
        var inner = new InMemorySipCaseStore();
        using var gated = new RacingStore(inner);
        var s = new SipScenario(store: gated);
        var c = await s.ConsentedAsync();
        gated.Arm(writers: 2);

        var first = s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = s.Actor, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "A" } }, Ct);
        var second = s.Workflow.RecordDeviationAsync(new RecordDeviation { CaseId = c.Id, Actor = SipTestData.OpeningUnitColleague, Deviation = new Deviation { Kind = DeviationKind.Other, Description = "B" } }, Ct);
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        outcomes.Should().ContainSingle(o => o == null, "one writer wins");
        var conflict = outcomes.Single(o => o != null)!;
        conflict.CaseId.Should().Be(c.Id);
        conflict.ExpectedVersion.Should().Be(c.Version);
        conflict.ActualVersion.Should().Be(c.Version + 1);
        var stored = await inner.GetAsync(c.Id, Ct);
        stored!.Version.Should().Be(c.Version + 1);
        stored.Deviations.Should().ContainSingle();
        (await inner.GetHistoryAsync(c.Id, Ct)).Should().HaveCount((int)c.Version + 1);

        static async Task<SipConcurrencyException?> Outcome(Task t)
        {
            try
            {
                await t;
                return null;
            }
            catch (SipConcurrencyException e)
            {
                return e;
            }
        }
    }

    [Fact]
    public async Task A_command_cancelled_before_it_runs_saves_nothing()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await s.ExpectRefusedAsync<OperationCanceledException>(c.Id,
            () => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = c.Id, Actor = s.Actor }, cts.Token));
    }

    [Fact]
    public async Task A_command_on_an_unknown_case_says_so()
    {
        var s = new SipScenario();
        var id = SipCaseId.New();

        var act = () => s.Workflow.StartPreparationAsync(new StartPreparation { CaseId = id, Actor = s.Actor }, Ct);

        (await act.Should().ThrowAsync<SipCaseNotFoundException>()).Which.CaseId.Should().Be(id);
    }
}

public sealed class ReplayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retried_open_built_afresh_with_the_same_command_id_and_case_id_is_a_replay()
    {
        var s = new SipScenario();
        var commandId = CommandId.New();
        var caseId = SipCaseId.New();
        OpenCase Build() => new()
        {
            Actor = s.Actor, CommandId = commandId, CaseId = caseId, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
        };

        var first = await s.Workflow.OpenCaseAsync(Build(), Ct);
        var retry = await s.Workflow.OpenCaseAsync(Build(), Ct);

        retry.IsReplay.Should().BeTrue();
        retry.Case.Id.Should().Be(first.Case.Id);
        ((InMemorySipCaseStore)s.Store).Count.Should().Be(1);
    }

    [Fact]
    public async Task A_retried_open_that_leaves_the_case_id_to_a_new_default_is_another_command_and_is_refused()
    {
        var s = new SipScenario();
        var commandId = CommandId.New();
        OpenCase Build() => new()
        {
            Actor = s.Actor, CommandId = commandId, Individual = SipTestData.Adult(), Origin = CaseOrigin.Outpatient(), IdentifiedBy = PrincipalKind.Region,
        };
        await s.Workflow.OpenCaseAsync(Build(), Ct);

        var refused = await FluentActions.Awaiting(() => s.Workflow.OpenCaseAsync(Build(), Ct)).Should().ThrowAsync<SipIdempotencyConflictException>();

        refused.Which.ContentDiffers.Should().BeTrue();
        refused.Which.Message.Should().Contain("set them yourself");
        ((InMemorySipCaseStore)s.Store).Count.Should().Be(1);
    }

    [Fact]
    public async Task Two_racing_retries_of_one_command_apply_it_once_and_the_loser_gets_the_replay()
    {
        var inner = new InMemorySipCaseStore();
        var s = new SipScenario(store: inner);
        var c = await s.ConsentedAsync();
        using var gated = new RacingStore(inner);
        gated.Arm(writers: 2);
        var engine = new SipWorkflow(gated, new SipWorkflowOptions(), s.Time);
        var command = new RecordDeviation { CaseId = c.Id, Actor = s.Actor, CommandId = CommandId.New(), Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Dubbelklick" } };

        var results = await Task.WhenAll(
            Task.Run(() => engine.RecordDeviationAsync(command, Ct), Ct),
            Task.Run(() => engine.RecordDeviationAsync(command, Ct), Ct));

        results.Count(r => r.IsReplay).Should().Be(1, "both read the case before either saved, so the loser's save conflicted and became a replay");
        results[0].Event.Hash.Should().Be(results[1].Event.Hash);
        (await inner.GetAsync(c.Id, Ct))!.Deviations.Should().ContainSingle();
    }

    [Theory]
    [InlineData("deviation")]
    [InlineData("close")]
    public async Task A_retry_that_loads_the_case_after_its_twin_was_stored_is_a_replay_not_a_refusal(string step)
    {
        // The race: the retry's replay check runs before its twin commits, its load after. The command then meets its
        // own effect (the deviation already recorded, the case already closed) and must answer as a replay.
        var inner = new InMemorySipCaseStore();
        var s = new SipScenario(store: inner);
        var c = await s.ConsentedAsync();
        SipCaseCommand command = step == "deviation"
            ? new RecordDeviation { CaseId = c.Id, Actor = s.Actor, CommandId = CommandId.New(), Deviation = new Deviation { Kind = DeviationKind.Other, Description = "Dubbelklick" } }
            : new CloseCase { CaseId = c.Id, Actor = s.Actor, CommandId = CommandId.New(), Reason = ClosureReason.CoordinationNoLongerNeeded };
        var first = await s.Workflow.ExecuteAsync(command, Ct);
        var late = new SipWorkflow(new FirstLookupMisses(inner), new SipWorkflowOptions(), s.Time);

        var retry = await late.ExecuteAsync(command, Ct);

        retry.IsReplay.Should().BeTrue();
        retry.Event.Should().Be(first.Event);
        (await inner.GetHistoryAsync(c.Id, Ct)).Should().HaveCount((int)first.Case.Version);
    }

    /// <summary>A store whose first command-id lookup answers as if the twin had not yet committed.</summary>
    private sealed class FirstLookupMisses(InMemorySipCaseStore inner) : SipCaseStoreDecorator(inner)
    {
        private int _lookups;

        public override Task<SipEvent?> FindByCommandIdAsync(CommandId commandId, CancellationToken cancellationToken = default)
            => Interlocked.Increment(ref _lookups) == 1 ? Task.FromResult<SipEvent?>(null) : Inner.FindByCommandIdAsync(commandId, cancellationToken);
    }
}
