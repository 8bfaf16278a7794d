using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// The authorisation port: consulted by the engine before every command and every read of a case, with the case at hand,
/// it allows or refuses. A refusal raises <see cref="SipAccessRefusedException"/> and changes nothing.
/// </summary>
/// <remarks>
/// The default is <see cref="SipAccessRules.Default"/>; a host replaces it with its own rules
/// (<see cref="SipWorkflowOptions.Access"/>), an adjusted <see cref="SipAccessRules"/> or its own implementation. A host
/// that wants no checks says so by naming <see cref="SipAccessPolicies.AllowAll"/>: there is no silent allow-all.
/// An implementation must be fast and must not do I/O: it runs on every command and every read.
/// </remarks>
public interface ISipAccessPolicy
{
    /// <summary>Decides one request.</summary>
    /// <param name="request">Who asks to do what, to which case.</param>
    /// <returns>Allowed, or refused naming the rule.</returns>
    SipAccessDecision Decide(SipAccessRequest request);

    /// <summary>
    /// Which cases a list or due-work query for <paramref name="reader"/> may select in the store, by access key
    /// (<see cref="Storage.SipCaseAccessKeys"/>), so that the store never loads cases the reader may not see. It must hold
    /// every case <see cref="Decide"/> would allow the reader to list (<see cref="SipAccessAction.List"/>); it may hold more,
    /// since the engine still decides each case it loads. The default selects every case, which is always correct and loads
    /// what the rules then leave out; <see cref="SipAccessRules"/> selects exactly the cases they allow. A policy that lets
    /// more readers see a case than the rules it wraps (a unit manager reading the units below) must not hand on the wrapped
    /// rules' scope, or the cases it adds are missing from lists: return <see cref="SipListScope.Everything"/>, or the
    /// wrapped scope only for the readers it treats as the wrapped rules do.
    /// </summary>
    /// <param name="reader">The reader of the list.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    SipListScope ListScope(SipReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return SipListScope.Everything;
    }

    /// <summary>
    /// Whether <see cref="Decide"/>, for <see cref="SipAccessAction.List"/>, reads no more of the case than its head: every
    /// member but the lists a store may keep apart (<see cref="Storage.SipCaseItems.Lists"/>: plan revisions, follow-ups,
    /// evaluations, …). When it does, due work decides on the cases as the store reads their heads
    /// (<see cref="Storage.ISipCaseStore.QueryHeadsAsync"/>), in which those lists may be empty, so a case with a long
    /// history costs a due-work list no more than a fresh one; when it does not (the default), on whole cases.
    /// </summary>
    /// <remarks>
    /// <see cref="SipAccessRules"/> and <see cref="SipAccessPolicies.AllowAll"/> do. A policy that wraps them and reads
    /// nothing more may answer as they do. In a head, what is derived from the lists kept apart is missing too:
    /// <see cref="SipCase.Plan"/> and the plan in force, the copies owed (<see cref="SipCase.IndividualAwaitsPlanCopy"/>,
    /// <see cref="SipCase.ParticipantsAwaitingPlanCopy"/>), intervention statuses; a policy that reads any of them must
    /// answer <see langword="false"/>.
    /// </remarks>
    bool DecidesListsOnHeads => false;
}

/// <summary>
/// Which cases a query may select for a reader (<see cref="ISipAccessPolicy.ListScope"/>): every case, or those holding at
/// least one of a set of access keys (<see cref="Storage.SipCaseAccessKeys"/>).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipListScope
{
    private SipListScope(IReadOnlyList<string>? keys) => Keys = keys;

    /// <summary>Every case: the store selects by the query's other filters only.</summary>
    public static SipListScope Everything { get; } = new((IReadOnlyList<string>?)null);

    /// <summary>No case at all: the engine answers an empty page without asking the store.</summary>
    public static SipListScope Nothing { get; } = new(SipList<string>.Empty);

    /// <summary>
    /// The keys a case must hold at least one of, sorted and without duplicates; <see langword="null"/> for every case, empty
    /// for none.
    /// </summary>
    public IReadOnlyList<string>? Keys { get; }

    /// <summary>The cases holding at least one of <paramref name="keys"/>.</summary>
    /// <param name="keys">Access keys (<see cref="Storage.SipCaseAccessKeys.Of"/>); at most <see cref="Storage.SipCaseAccessKeys.MaxQueryKeys"/>.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A key is not of the form of an access key, or there are more than <see cref="Storage.SipCaseAccessKeys.MaxQueryKeys"/>.</exception>
    public static SipListScope AnyOf(IEnumerable<string> keys) => new(SipCaseQuery.CheckAccessKeys(Check.NotNull(keys, nameof(keys)), nameof(keys)));

    /// <summary>Value equality, the keys by content.</summary>
    /// <param name="other">The other scope.</param>
    /// <returns>Whether they select the same cases.</returns>
    public bool Equals(SipListScope? other)
        => other is not null && (Keys is null ? other.Keys is null : other.Keys is not null && Keys.SequenceEqual(other.Keys, StringComparer.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode() => Keys?.Count ?? -1;

    /// <summary>Shows how many keys, never which.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Keys is null ? "SipListScope (every case)" : $"SipListScope ({Keys.Count} key(s))";
}

/// <summary>Who asks to do what, to which case.</summary>
/// <param name="Actor">The actor; <see langword="null"/> for a read that names no reader (the older reads without one).</param>
/// <param name="Action">What they ask to do.</param>
/// <param name="Case">The case as stored now; <see langword="null"/> when a case is opened. For a list entry of due work under
/// a policy that decides lists on heads (<see cref="ISipAccessPolicy.DecidesListsOnHeads"/>), the case's head: the lists kept
/// apart (<see cref="Storage.SipCaseItems.Lists"/>) may be empty.</param>
/// <param name="Trigger">The step, for a command on a case.</param>
/// <param name="Reason">The host's why-code for a read, if it gave one.</param>
public sealed record SipAccessRequest(SipActor? Actor, SipAccessAction Action, SipCase? Case, SipTrigger? Trigger = null, string? Reason = null)
{
    /// <summary>What the actor is in the case (<see cref="SipCase.RolesOf"/>); <see cref="SipCaseRoles.None"/> without an actor or a case.</summary>
    public SipCaseRoles Roles => Actor is { } actor && Case is { } sipCase ? sipCase.RolesOf(actor) : SipCaseRoles.None;

    /// <summary>Shows the action and case id only.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"SipAccessRequest {Action} {Case?.Id}";
}

/// <summary>A decision: allowed, or refused by a named rule.</summary>
/// <param name="IsAllowed">Whether it is allowed.</param>
/// <param name="Rule">The rule that decided (<see cref="SipAccessRuleNames"/>, or a host rule's own name).</param>
/// <param name="AsAdministrator">Allowed only through the support administrator role: the engine also logs it as a warning.</param>
public readonly record struct SipAccessDecision(bool IsAllowed, string Rule, bool AsAdministrator = false)
{
    /// <summary>Allowed by <paramref name="rule"/>.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <returns>The decision.</returns>
    public static SipAccessDecision Allow(string rule) => new(true, rule);

    /// <summary>Refused by <paramref name="rule"/>.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <returns>The decision.</returns>
    public static SipAccessDecision Refuse(string rule) => new(false, rule);
}

/// <summary>The ready-made policies that are not rule sets.</summary>
public static class SipAccessPolicies
{
    /// <summary>
    /// No checks at all: every actor may do everything, and a read may name no reader. For a host that checks everything
    /// itself, and for tests; it must be named (<see cref="SipWorkflowOptions.Access"/>) to take effect. Reads that name a
    /// reader are still logged.
    /// </summary>
    public static ISipAccessPolicy AllowAll { get; } = new AllowAllPolicy();

    private sealed class AllowAllPolicy : ISipAccessPolicy
    {
        public SipAccessDecision Decide(SipAccessRequest request) => SipAccessDecision.Allow(SipAccessRuleNames.AllowAll);

        public bool DecidesListsOnHeads => true;

        public override string ToString() => nameof(AllowAll);
    }
}
