using BenchmarkDotNet.Attributes;
using Sip.Workflow.InMemory;
using Stateless;

namespace Sip.Workflow.Benchmarks;

/// <summary>
/// What the engine adds to Stateless: one accepted command end to end on the in-memory store (load, validate, build
/// the machine, check guards, fire, hash the case and the event, save) against building the same machine and firing
/// one trigger.
/// </summary>
[MemoryDiagnoser]
public class TransitionBenchmarks
{
    private const int Cases = 64;
    private readonly SipCaseId[] _ids = new SipCaseId[Cases];
    private SipWorkflow _engine = null!;
    private SipCase _case = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new SipWorkflow(new InMemorySipCaseStore(), new SipWorkflowOptions { Policy = SipPolicy.NationalGuidance }, new FixedClock(BenchData.Now));
        BenchData.OpenConsented(_engine, _ids);

        _case = _engine.ReadCaseAsync(_ids[0], BenchData.Actor).GetAwaiter().GetResult()!;
    }

    /// <summary>Stateless alone: the same states, triggers and guards (from the engine's rule table), one trigger fired.</summary>
    [Benchmark(Baseline = true)]
    public SipState RawStateless_BuildAndFire()
    {
        var state = _case.State;
        var context = new SipProcessDefinition.GuardContext(_case, SipPolicy.NationalGuidance, BenchData.Now, [], staged: true);
        var machine = new StateMachine<SipState, SipTrigger>(() => state, s => state = s);
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

        machine.CanFire(SipTrigger.ChangeIndividual, out _);
        machine.Fire(SipTrigger.ChangeIndividual);
        return state;
    }

    /// <summary>One accepted engine command end to end on the in-memory store.</summary>
    [Benchmark]
    public async Task<long> Engine_InMemory_Command()
    {
        var n = _next++;
        var result = await _engine.ChangeIndividualAsync(BenchData.Toggle(_ids[n % Cases], (n / Cases) % 2 == 0));
        return result.Case.Version;
    }
}
