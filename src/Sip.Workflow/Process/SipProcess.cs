using System.Collections.Frozen;
using System.Text;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace Sip.Workflow;

/// <summary>What a host may do next with a case, and what is still missing before it may.</summary>
/// <param name="Trigger">The step.</param>
/// <param name="UnmetRequirements">The requirements in force that are not met; empty when the step is permitted now.</param>
public sealed record PermittedAction(SipTrigger Trigger, IReadOnlyList<UnmetRequirement> UnmetRequirements)
{
    /// <summary>The requirements in force that are not met; empty when the step is permitted now.</summary>
    public IReadOnlyList<UnmetRequirement> UnmetRequirements
    {
        get;
        // A frozen copy with value equality, so that the value equals its copy read back from JSON.
        init => field = Internal.SipList<UnmetRequirement>.Of(value);
    } = Internal.SipList<UnmetRequirement>.Of(UnmetRequirements);

    /// <summary>Whether the step may be taken now.</summary>
    public bool IsPermitted => UnmetRequirements.Count == 0;

    /// <summary>Shows the step and the codes of its unmet requirements, e.g. <c>EstablishPlan (unmet: PLAN-GOALS, PLAN-LEAD)</c>.</summary>
    public override string ToString()
        => IsPermitted ? $"{Trigger} (permitted)" : $"{Trigger} (unmet: {string.Join(", ", UnmetRequirements.Select(u => u.Code))})";
}

/// <summary>
/// The SIP process under one <see cref="SipPolicy"/>: builds the Stateless state machine over a case, answers
/// "what may happen next", fires steps, and exports the process as a diagram.
/// </summary>
/// <remarks>
/// A Stateless machine is not thread-safe, so each call rents one from a pool of machines built once for this policy (and
/// language), binds the case it is given to the machine's holder, and gives the machine back afterwards: no call builds a
/// machine once the pool holds enough for the calls running at once. Guards are synchronous and only read the bound case.
/// </remarks>
/// <threadsafety>Safe to share between threads.</threadsafety>
public sealed class SipProcess
{
    private static readonly FrozenDictionary<(SipLanguage, string), SipRequirement> ByText =
        SipRequirements.All
            .SelectMany(r => new[] { ((SipLanguage.Swedish, r.SwedishText), r), ((SipLanguage.English, r.EnglishText), r) })
            .ToFrozenDictionary(p => p.Item1, p => p.r);

    private readonly SipProcessDefinition.Rule[] _rules;
    private readonly FrozenDictionary<SipState, SipTrigger[]> _triggersByState;

    // Machines built for this policy, one pool per language (the guards' texts are the language's), with their holders.
    private readonly System.Collections.Concurrent.ConcurrentBag<Bound>[] _pools = [new(), new(), new()];

    // Enough for the calls of a busy host at once; machines beyond it are built for the call and then dropped.
    private const int PoolLimit = 64;

    // How many machines each pool holds, kept beside it: ConcurrentBag.Count takes every lock of the bag, on every call.
    private readonly int[] _pooled = new int[3];

    private sealed record Bound(StateMachine<SipState, SipTrigger> Machine, Holder Holder);

    /// <summary>Creates the process for a policy.</summary>
    /// <param name="policy">The policy; validated here.</param>
    /// <exception cref="ArgumentException">The policy is invalid; the message lists every problem.</exception>
    public SipProcess(SipPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy.EnsureValid(nameof(policy));

        // Requirements the policy does not put in force are left out of the machine altogether, so the checklist,
        // refusals and diagram show exactly the rules in force.
        _rules = SipProcessDefinition.Rules
            .Select(r => r with { Guards = [.. r.Guards.Where(g => policy.IsInForce(g.Requirement))] })
            .ToArray();
        _triggersByState = _rules
            .GroupBy(r => r.From)
            .ToFrozenDictionary(g => g.Key, g => g.Select(r => r.Trigger).Distinct().ToArray());
        RequirementsInForce = [.. SipRequirements.All.Where(policy.IsInForce)];
    }

    /// <summary>The policy the process runs under.</summary>
    public SipPolicy Policy { get; }

    /// <summary>The requirements in force under <see cref="Policy"/>.</summary>
    public IReadOnlyList<SipRequirement> RequirementsInForce { get; }

    /// <summary>The steps that exist in <paramref name="state"/>, whether or not their requirements are met.</summary>
    /// <param name="state">A state.</param>
    public IReadOnlyList<SipTrigger> TriggersIn(SipState state)
        => _triggersByState.TryGetValue(state, out var triggers) ? triggers : [];

    /// <summary>Every step that exists in the case's state, each with the requirements still unmet.</summary>
    /// <param name="sipCase">The case.</param>
    /// <param name="asOf">When the question is asked: unmet requirements cite the law in force on that (Swedish) date.</param>
    /// <param name="language">The language of the requirement texts.</param>
    /// <returns>One entry per step that exists in the case's state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="language"/> is not a defined <see cref="SipLanguage"/>.</exception>
    public IReadOnlyList<PermittedAction> GetPermittedActions(SipCase sipCase, DateTimeOffset asOf, SipLanguage language = SipLanguage.Swedish)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        Internal.Check.Defined(language, nameof(language));
        var date = SipLegalReferences.SwedishDateOf(asOf);
        var bound = Rent(language, sipCase, asOf, staged: false);
        var actions = TriggersIn(sipCase.State).Select(t =>
        {
            // A summons discloses to every party taking part; adding or forwarding to one party is checked with the party at hand,
            // and a held meeting with those who came.
            bound.Holder.Parties = t == SipTrigger.SendSummons ? [.. sipCase.ActiveParticipants] : [];
            return new PermittedAction(t, Unmet(bound.Machine, t, language, date));
        }).ToArray();
        Return(language, bound);
        return actions;
    }

    /// <summary>
    /// Fires a step already known to exist in the case's state (the engine checks that before applying the command).
    /// Internal: a case moved outside the engine would be neither stored nor audited.
    /// </summary>
    /// <param name="sipCase">The staging case, the command's data applied.</param>
    /// <param name="trigger">The step.</param>
    /// <param name="language">The language of refusals.</param>
    /// <param name="now">The engine's clock: the Swedish date decides the law cited, the consents standing and the child's age.</param>
    /// <param name="parties">The parties the step adds or discloses to (a summons discloses to every party taking part).</param>
    internal SipCase FireExisting(SipCase sipCase, SipTrigger trigger, SipLanguage language, DateTimeOffset now, IReadOnlyList<Participant>? parties = null)
    {
        var date = SipLegalReferences.SwedishDateOf(now);
        var bound = Rent(language, sipCase, now, staged: true);
        bound.Holder.Parties = trigger == SipTrigger.SendSummons ? [.. sipCase.ActiveParticipants] : parties ?? [];
        var unmet = Unmet(bound.Machine, trigger, language, date);
        if (unmet.Length > 0)
        {
            Return(language, bound);
            throw new SipRequirementsNotMetException(sipCase.Id, sipCase.State, trigger, unmet);
        }

        bound.Machine.Fire(trigger);
        var fired = bound.Holder.Case!;
        Return(language, bound);
        return fired;
    }

    // A machine of this policy in the language, bound to the case; built only when the pool has none free.
    private Bound Rent(SipLanguage language, SipCase sipCase, DateTimeOffset now, bool staged)
    {
        if (_pools[(int)language].TryTake(out var bound))
        {
            Interlocked.Decrement(ref _pooled[(int)language]);
        }
        else
        {
            var holder = new Holder(Policy);
            bound = new Bound(Build(holder, language), holder);
        }

        bound.Holder.Bind(sipCase, now, staged);
        return bound;
    }

    // Back to the pool, let go of the case (a pooled machine must not keep a case alive); a call that threw drops its machine.
    private void Return(SipLanguage language, Bound bound)
    {
        bound.Holder.Bind(null, default, staged: false);
        if (Interlocked.Increment(ref _pooled[(int)language]) <= PoolLimit)
        {
            _pools[(int)language].Add(bound);
        }
        else
        {
            Interlocked.Decrement(ref _pooled[(int)language]);
        }
    }

    /// <summary>Throws <see cref="SipInvalidStateException"/> unless <paramref name="trigger"/> exists in the case's state (requirements aside).</summary>
    internal void EnsureExists(SipCase sipCase, SipTrigger trigger, SipLanguage language)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        if (!Enum.IsDefined(trigger))
        {
            throw new ArgumentOutOfRangeException(nameof(trigger), trigger, $"'{nameof(trigger)}' is not a defined {nameof(SipTrigger)}.");
        }

        if (Array.IndexOf(_triggersByState.GetValueOrDefault(sipCase.State, []), trigger) < 0)
        {
            throw new SipInvalidStateException(sipCase.Id, sipCase.State, trigger, TriggersIn(sipCase.State), language);
        }
    }

    /// <summary>The process as a Mermaid state diagram: every state, step and requirement text, and the deadlines as notes.</summary>
    /// <param name="language">The language of the requirement texts.</param>
    public string ToMermaid(SipLanguage language = SipLanguage.Swedish)
    {
        var text = new StringBuilder(WithoutInternalGuards(MermaidGraph.Format(Build(Holder.ForDiagram(Policy), language).GetInfo())).TrimEnd())
            .AppendLine();
        foreach (var (state, deadline) in DeadlineNotes())
        {
            text.Append("\tnote right of ").Append(state).Append(" : ").Append(Escape(deadline.Text(language)))
                .Append(" (").Append(deadline.Code).AppendLine(")");
        }

        return text.ToString();

        static string Escape(string s) => s.Replace(":", " -", StringComparison.Ordinal);
    }

    /// <summary>The process as a Graphviz DOT graph: every state, step and requirement text, and the deadlines as notes.</summary>
    /// <param name="language">The language of the requirement texts.</param>
    public string ToDot(SipLanguage language = SipLanguage.Swedish)
    {
        var dot = WithoutInternalGuards(UmlDotGraph.Format(Build(Holder.ForDiagram(Policy), language).GetInfo())).TrimEnd();
        var end = dot.LastIndexOf('}');
        var notes = new StringBuilder();
        var i = 0;
        foreach (var (state, deadline) in DeadlineNotes())
        {
            var label = $"{deadline.Text(language)} ({deadline.Code})".Replace("\"", "\\\"", StringComparison.Ordinal);
            notes.Append(" deadline").Append(i).Append(" [shape=note label=\"").Append(label).AppendLine("\"];");
            notes.Append(" deadline").Append(i).Append(" -> \"").Append(state).AppendLine("\" [style=dotted arrowhead=none];");
            i++;
        }

        return dot[..end] + notes + dot[end..] + Environment.NewLine;
    }

    // Stateless labels the always-true guard of an internal transition "[Function]"; it carries no rule, so it is dropped.
    private static string WithoutInternalGuards(string graph) => graph.Replace(" [Function]", string.Empty, StringComparison.Ordinal);

    private IEnumerable<(SipState State, SipRequirement Deadline)> DeadlineNotes()
    {
        (SipState, SipRequirement)[] notes =
        [
            (SipState.NeedIdentified, SipRequirements.DeadlineStart),
            (SipState.Preparing, SipRequirements.DeadlineDischargeSummons),
            (SipState.Preparing, SipRequirements.DeadlineDischargeInformation),
            (SipState.Summoned, SipRequirements.DeadlineFirstMeeting),
            (SipState.Summoned, SipRequirements.DeadlineSummonsReplies),
            (SipState.Summoned, SipRequirements.DeadlinePlanDocumented),
            (SipState.PlanEstablished, SipRequirements.DeadlineFollowUp),
            (SipState.PlanEstablished, SipRequirements.DeadlineEarlyFollowUp),
            (SipState.PlanEstablished, SipRequirements.DeadlinePlanDistributed),
            (SipState.FollowUp, SipRequirements.DeadlineFollowUpDecision),
            (SipState.FollowUp, SipRequirements.DeadlineOwnConsent),
            (SipState.FollowUp, SipRequirements.FollowUpAfterAdmission),
            (SipState.Closed, SipRequirements.DeadlineClosingDocumented),
        ];
        return notes.Where(n => Policy.IsInForce(n.Item2));
    }

    private static UnmetRequirement[] Unmet(StateMachine<SipState, SipTrigger> machine, SipTrigger trigger, SipLanguage language, DateOnly asOf)
    {
        // Nearly every step asked about is allowed: nothing unmet is the one shared empty list, not a new one each time.
        machine.CanFire(trigger, out var unmet);
        return unmet is null || unmet.Count == 0
            ? []
            : [.. unmet.Select(text => new UnmetRequirement(ByText[(language, text)], language, asOf))];
    }

    private StateMachine<SipState, SipTrigger> Build(Holder holder, SipLanguage language)
    {
        var machine = new StateMachine<SipState, SipTrigger>(
            () => holder.Case?.State ?? SipState.NeedIdentified,
            // A step that stays in its state (an internal transition or a re-entry) keeps the case it was given: no copy.
            state => holder.Case = holder.Case!.State == state ? holder.Case : holder.Case with { State = state });

        foreach (var rule in _rules)
        {
            var state = machine.Configure(rule.From);
            if (rule.To is not { } to)
            {
                // Recording steps change the case's data, not its state; the engine has applied the data already.
                state.InternalTransition(rule.Trigger, static () => { });
            }
            else if (rule.MovesWhen is { } moves)
            {
                var from = rule.From;
                var possible = new DynamicStateInfos();
                possible.Add(to, "ends the SIP");
                possible.Add(from, "does not end the SIP");
                state.PermitDynamic(rule.Trigger, () => moves(holder.Case!) ? to : from, "ends the SIP?", possible);
            }
            else
            {
                Tuple<Func<bool>, string>[] guards = [.. rule.Guards.Select(g =>
                    Tuple.Create<Func<bool>, string>(() => g.IsMet(holder.Context), g.Requirement.Text(language)))];
                _ = (to == rule.From, guards.Length) switch
                {
                    (true, 0) => state.PermitReentry(rule.Trigger),
                    (true, _) => state.PermitReentryIf(rule.Trigger, guards),
                    (false, 0) => state.Permit(rule.Trigger, to),
                    (false, _) => state.PermitIf(rule.Trigger, to, guards),
                };
            }
        }

        return machine;
    }

    /// <summary>
    /// The staging copy the machine reads and writes: Stateless's external state lives here, never in a stored case;
    /// with what the guards read besides the case. Bound to one call's case at a time.
    /// </summary>
    private sealed class Holder(SipPolicy policy)
    {
        private SipProcessDefinition.GuardContext? _context;
        private DateTimeOffset _now;
        private bool _staged;

        public SipCase? Case { get; set; }

        public IReadOnlyList<Participant> Parties { get; set; } = [];

        // One context per case and set of parties, so the guards of a step share its consent answers.
        public SipProcessDefinition.GuardContext Context
            => _context is { } c && ReferenceEquals(c.Case, Case) && ReferenceEquals(c.Parties, Parties)
                ? c
                : _context = new(Case!, policy, _now, Parties, _staged);

        public void Bind(SipCase? sipCase, DateTimeOffset now, bool staged)
        {
            Case = sipCase;
            _now = now;
            _staged = staged;
            Parties = [];
            _context = null;
        }

        public static Holder ForDiagram(SipPolicy policy) => new(policy);
    }
}
