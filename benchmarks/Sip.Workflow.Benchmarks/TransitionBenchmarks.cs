using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Sip.Workflow.InMemory;
using Sip.Workflow.Storage;
using Stateless;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// What the engine adds to Stateless: one accepted command end to end on the in-memory store (load, validate, bind a
/// pooled machine, check guards, fire, hash the case and the event, save), compared twice: against building the same
/// machine and firing one trigger (<c>BuildAndFire</c>), and against firing one trigger on a machine built once and
/// reused (<c>FireReused</c>, the physical floor: Stateless itself).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TransitionBenchmarks
{
    private const int Cases = 64;
    private readonly SipCaseId[] _ids = new SipCaseId[Cases];
    private SipWorkflow _engine = null!;
    private SipWorkflow _keyedEngine = null!;
    private SipWorkflow _currentOnlyEngine = null!;
    private readonly SipCaseId[] _currentOnlyIds = new SipCaseId[Cases];
    private readonly SipCaseId[] _keyedIds = new SipCaseId[Cases];
    private SipCase _case = null!;
    private int _next;
    private StateMachine<SipState, SipTrigger> _reused = null!;
    private SipState _reusedState;

    [GlobalSetup]
    public void Setup()
    {
        // Each case takes thousands of commands in a run: the limit on events is raised so that a faster engine never meets it.
        _engine = new SipWorkflow(new InMemorySipCaseStore(), new SipWorkflowOptions { Policy = SipPolicy.NationalGuidance, MaxEventsPerCase = 1_000_000 }, new FixedClock(BenchData.Now));
        BenchData.OpenConsented(_engine, _ids);

        // The same under an audit key, as a host that seals its events with HMAC-SHA-256 runs (docs/audit-trail.md).
        _keyedEngine = new SipWorkflow(new InMemorySipCaseStore(), new SipWorkflowOptions { Policy = SipPolicy.NationalGuidance, MaxEventsPerCase = 1_000_000, AuditKey = new byte[32] }, new FixedClock(BenchData.Now));
        BenchData.OpenConsented(_keyedEngine, _keyedIds);

        // The engine alone: the same command over a store that keeps each case's current version and nothing else.
        var currentOnly = new CurrentOnlyStore(new InMemorySipCaseStore());
        _currentOnlyEngine = new SipWorkflow(currentOnly, new SipWorkflowOptions { Policy = SipPolicy.NationalGuidance, MaxEventsPerCase = 1_000_000 }, new FixedClock(BenchData.Now));
        BenchData.OpenConsented(_currentOnlyEngine, _currentOnlyIds);
        currentOnly.KeepCurrentOnly = true;

        _case = _engine.ReadCaseAsync(_ids[0], BenchData.Actor).GetAwaiter().GetResult()!;
        _reusedState = _case.State;
        _reused = Build(_case, () => _reusedState, s => _reusedState = s);
    }

    // The engine's rule table as a Stateless machine over a case, as the engine builds it.
    private static StateMachine<SipState, SipTrigger> Build(SipCase sipCase, Func<SipState> read, Action<SipState> write)
    {
        var context = new SipProcessDefinition.GuardContext(sipCase, SipPolicy.NationalGuidance, BenchData.Now, [], staged: true);
        var machine = new StateMachine<SipState, SipTrigger>(read, write);
        foreach (var rule in SipProcessDefinition.Rules)
        {
            var configuration = machine.Configure(rule.From);
            if (rule.To is not { } to)
            {
                configuration.InternalTransition(rule.Trigger, static () => { });
            }
            else if (rule.Guards.Count == 0)
            {
                _ = to == rule.From ? configuration.PermitReentry(rule.Trigger) : configuration.Permit(rule.Trigger, to);
            }
            else
            {
                Tuple<Func<bool>, string>[] guards = [.. rule.Guards.Select(g => Tuple.Create<Func<bool>, string>(() => g.IsMet(context), g.Requirement.SwedishText))];
                _ = to == rule.From ? configuration.PermitReentryIf(rule.Trigger, guards) : configuration.PermitIf(rule.Trigger, to, guards);
            }
        }

        return machine;
    }

    /// <summary>Stateless alone: the same states, triggers and guards (from the engine's rule table), one trigger fired.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("BuildAndFire")]
    public SipState RawStateless_BuildAndFire()
    {
        var state = _case.State;
        var machine = Build(_case, () => state, s => state = s);
        machine.CanFire(SipTrigger.ChangeIndividual, out _);
        machine.Fire(SipTrigger.ChangeIndividual);
        return state;
    }

    /// <summary>One accepted engine command end to end on the in-memory store.</summary>
    [Benchmark]
    [BenchmarkCategory("BuildAndFire")]
    public Task<long> Engine_InMemory_Command() => CommandAsync();

    /// <summary>Stateless alone on a machine built once: the guards checked and one trigger fired.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("FireReused")]
    public SipState RawStateless_FireReused()
    {
        _reused.CanFire(SipTrigger.ChangeIndividual, out _);
        _reused.Fire(SipTrigger.ChangeIndividual);
        return _reusedState;
    }

    /// <summary>The same engine command, against the reused machine.</summary>
    [Benchmark]
    [BenchmarkCategory("FireReused")]
    public Task<long> Engine_InMemory_Command_VsReused() => CommandAsync();

    /// <summary>The same engine command with events and case hashes sealed under an audit key (HMAC-SHA-256).</summary>
    [Benchmark]
    [BenchmarkCategory("FireReused")]
    public Task<long> Engine_InMemory_Command_Keyed() => CommandAsync(_keyedEngine, _keyedIds);

    /// <summary>
    /// The same engine command over a store that keeps each case's current version only, no history: what the engine itself
    /// costs, apart from the in-memory store's keeping of every event (its log of event values, feed and lock: about 0.4 µs
    /// of each command in a run of millions, much of it the first write to each fresh page of its blocks). Not a store
    /// anyone should use; the goal is read on <see cref="Engine_InMemory_Command_VsReused"/>.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("FireReused")]
    public Task<long> Engine_CurrentOnlyStore_Command() => CommandAsync(_currentOnlyEngine, _currentOnlyIds);

    private Task<long> CommandAsync() => CommandAsync(_engine, _ids);

    private async Task<long> CommandAsync(SipWorkflow engine, SipCaseId[] ids)
    {
        var n = _next++;
        var result = await engine.ChangeIndividualAsync(BenchData.Toggle(ids[n % Cases], (n / Cases) % 2 == 0));
        return result.Case.Version;
    }
}

/// <summary>
/// Keeps each case's current version and drops every event once <see cref="KeepCurrentOnly"/> is set (the cases are opened
/// through the wrapped store first): the benchmark's way of measuring the engine without a store's retained history.
/// </summary>
internal sealed class CurrentOnlyStore(ISipCaseStore inner) : SipCaseStoreDecorator(inner)
{
    private readonly Dictionary<SipCaseId, SipCase> _current = [];

    public bool KeepCurrentOnly { get; set; }

    public override async Task<SipCase?> GetForCommandAsync(SipCaseId caseId, CancellationToken cancellationToken = default)
        => KeepCurrentOnly ? _current[caseId] : await base.GetForCommandAsync(caseId, cancellationToken);

    public override Task UpdateAsync(SipCase updatedCase, long expectedVersion, SipEvent sipEvent, CancellationToken cancellationToken = default)
    {
        if (!KeepCurrentOnly)
        {
            _current[updatedCase.Id] = updatedCase;
            return base.UpdateAsync(updatedCase, expectedVersion, sipEvent, cancellationToken);
        }

        // The checks a store makes on every write, and the version it names, as the in-memory store makes them.
        SipStoreRules.ValidateUpdate(updatedCase, expectedVersion, sipEvent);
        if (_current[updatedCase.Id].Version != expectedVersion)
        {
            throw SipStoreRules.NothingUpdated(updatedCase.Id, expectedVersion, _current[updatedCase.Id].Version);
        }

        _current[updatedCase.Id] = updatedCase;
        return Task.CompletedTask;
    }

    public override Task CreateAsync(SipCase newCase, SipEvent openingEvent, CancellationToken cancellationToken = default)
    {
        _current[newCase.Id] = newCase;
        return base.CreateAsync(newCase, openingEvent, cancellationToken);
    }
}
