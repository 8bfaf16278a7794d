using System.Collections.Frozen;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>The names of the rules of <see cref="SipAccessRules"/>, as a decision and a refusal carry them.</summary>
public static class SipAccessRuleNames
{
    /// <summary>A read names its reader (<see cref="SipReader"/>); the older reads without one are refused.</summary>
    public const string ReaderNamed = "ReaderNamed";

    /// <summary>Any identified actor may open a case; their organisation becomes the opening unit.</summary>
    public const string OpenCase = "OpenCase";

    /// <summary>Only actors of a unit taking part (the opening unit among them) read or act.</summary>
    public const string ParticipatingOrganisation = "ParticipatingOrganisation";

    /// <summary>Only the lead principal's unit or the coordinator closes, revises the plan or changes the lead.</summary>
    public const string LeadOrCoordinator = "LeadOrCoordinator";

    /// <summary>The regional variant where only the coordinator closes (<see cref="SipAccessRules.OnlyCoordinatorCloses"/>).</summary>
    public const string CoordinatorCloses = "CoordinatorCloses";

    /// <summary>A case whose individual has a protected identity is read and acted on only by users the case names.</summary>
    public const string ProtectedIdentityNamedUser = "ProtectedIdentityNamedUser";

    /// <summary>Invited actors read but do not act (<see cref="SipAccessRules.InvitedActorsMayAct"/> off).</summary>
    public const string InvitedActorsRead = "InvitedActorsRead";

    /// <summary>The support administrator reads any case, always with a why-code, and is always logged.</summary>
    public const string Administrator = "Administrator";

    /// <summary>The support administrator gave no why-code.</summary>
    public const string AdministratorReason = "AdministratorReason";

    /// <summary>
    /// Gallring is done by the actors of <see cref="SipAccessRules.GallringRole"/> — the records function, not the parties —
    /// or, without one, by any identified actor the host lets run it.
    /// </summary>
    public const string Gallring = "Gallring";

    /// <summary>
    /// The host's system functions — integrity checks, checkpoints, the gallring list, the event feed — read without a
    /// person (<see cref="SipAccessAction.SystemRead"/>); a host that exposes them to users decides who may, in its own rules.
    /// </summary>
    public const string SystemRead = "SystemRead";

    /// <summary>The host named <see cref="SipAccessPolicies.AllowAll"/>.</summary>
    public const string AllowAll = "AllowAll";
}

/// <summary>
/// The default access rules, as data: which actors read and act on a case, and the regional variants as switches. On unless
/// the host replaces them (<see cref="SipWorkflowOptions.Access"/>); adjust with <c>with</c>.
/// </summary>
/// <remarks>
/// <para>In order, for an identified actor:</para>
/// <list type="number">
/// <item>The host's system functions read (<see cref="SipAccessRuleNames.SystemRead"/>).</item>
/// <item>A read without a reader is refused (<see cref="SipAccessRuleNames.ReaderNamed"/>).</item>
/// <item>Gallring is for the actors of <see cref="GallringRole"/>, or any identified actor without one (<see cref="SipAccessRuleNames.Gallring"/>).</item>
/// <item>An actor in <see cref="AdministratorRole"/> reads any case, given a why-code; the engine logs it as a warning too.
/// The role gives no right to act.</item>
/// <item>Anyone identified opens a case (<see cref="SipAccessRuleNames.OpenCase"/>).</item>
/// <item>Only an actor of a unit taking part — a called unit, the lead unit, the coordinator, an invited actor, and the
/// opening unit (<see cref="OpeningUnitTakesPart"/>; off, only until the first party takes part) — reads or acts
/// (<see cref="SipAccessRuleNames.ParticipatingOrganisation"/>).</item>
/// <item>A case whose individual has a protected identity is read and acted on only by users the case names: its opener, the
/// coordinator, a participant's contact person or substitute, by user id (<see cref="SipAccessRuleNames.ProtectedIdentityNamedUser"/>).</item>
/// <item>Once a lead principal is appointed, only its unit or the coordinator closes, revises the plan or changes the lead
/// (<see cref="LeadOnlyActions"/>; <see cref="SipAccessRuleNames.LeadOrCoordinator"/>); with <see cref="OnlyCoordinatorCloses"/>
/// only the coordinator closes.</item>
/// <item>Invited actors act unless <see cref="InvitedActorsMayAct"/> is off.</item>
/// </list>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipAccessRules : ISipAccessPolicy
{
    /// <summary>The default rules.</summary>
    public static SipAccessRules Default { get; } = new();

    /// <summary>
    /// The role (<see cref="SipActor.Role"/>, compared without regard to case) of support staff who may read any case, always
    /// with a why-code and always logged; <see langword="null"/> for none. "Sip.Administrator" unless changed.
    /// </summary>
    public string? AdministratorRole
    {
        get;
        init => field = Check.OptionalText(value, nameof(AdministratorRole), SipLimits.NameMaxLength);
    } = "Sip.Administrator";

    /// <summary>The actions only the lead unit or the coordinator takes once a lead is appointed: closing, revising the plan, changing the lead unless changed.</summary>
    public IReadOnlySet<SipAccessAction> LeadOnlyActions
    {
        get;
        init => field = Check.NotNull(value, nameof(LeadOnlyActions)).All(Enum.IsDefined)
            ? value.ToFrozenSet()
            : throw new ArgumentException($"'{nameof(LeadOnlyActions)}' holds an action that is not defined; allowed: {string.Join(", ", Enum.GetNames<SipAccessAction>())}.", nameof(LeadOnlyActions));
    } = new[] { SipAccessAction.Close, SipAccessAction.Revise, SipAccessAction.ChangeLead }.ToFrozenSet();

    /// <summary>
    /// Only the coordinator closes an ongoing SIP, not the rest of the lead unit ("Endast samordningsansvarig kan avsluta en
    /// pågående SIP", Lifecare SP in Gävleborg). Off unless set.
    /// </summary>
    public bool OnlyCoordinatorCloses { get; init; }

    /// <summary>A case whose individual has a protected identity is read and acted on only by users the case names. On unless turned off.</summary>
    public bool ProtectedIdentityNamedUsersOnly { get; init; } = true;

    /// <summary>
    /// The opening unit stays a party of the case after other parties are added, as the unit that identified the need and
    /// called the others in. On unless turned off; off, it reads and acts only until the first party takes part, and after
    /// that only if it was added as a party itself.
    /// </summary>
    public bool OpeningUnitTakesPart { get; init; } = true;

    /// <summary>Invited actors (not principals) take steps as well as read. On unless turned off.</summary>
    public bool InvitedActorsMayAct { get; init; } = true;

    /// <summary>
    /// The role (<see cref="SipActor.Role"/>) of the exchange with the other principal's system (<see cref="Exchange.SipExchange"/>):
    /// an actor in it stands for a unit's system, not a person, so the protected-identity rule — which names persons — does
    /// not apply to it, and a unit whose case the case links (<see cref="SipCase.ExternalReferences"/>: the SIP's other half)
    /// takes part in it; every other rule applies (it closes or revises only for the lead unit). <see langword="null"/> to give the exchange no standing of its own. <see cref="Exchange.SipExchange.ReceivingRole"/>
    /// unless changed.
    /// </summary>
    public string? ExchangeRole
    {
        get;
        init => field = Check.OptionalText(value, nameof(ExchangeRole), SipLimits.NameMaxLength);
    } = Exchange.SipExchange.ReceivingRole;

    /// <summary>
    /// The role (<see cref="SipActor.Role"/>, compared without regard to case) of the actors who purge closed cases whose
    /// retention has passed (<i>gallring</i>): the records function (<i>arkivfunktionen</i>), which is seldom a party to the
    /// case. <see langword="null"/>, as unless set, for any identified actor the host lets run gallring — which the host's
    /// own records rules (its <i>dokumenthanteringsplan</i>) decide.
    /// </summary>
    public string? GallringRole
    {
        get;
        init => field = Check.OptionalText(value, nameof(GallringRole), SipLimits.NameMaxLength);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public SipAccessDecision Decide(SipAccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var isRead = request.Action is SipAccessAction.ReadCase or SipAccessAction.ReadHistory or SipAccessAction.ReadDocument or SipAccessAction.Export or SipAccessAction.List;

        // They answer with ids, versions, hashes and codes, or are the host's system-to-system outbox: the host's own services
        // call them, and a host that shows them to users puts its own rule in front.
        if (request.Action == SipAccessAction.SystemRead)
        {
            return SipAccessDecision.Allow(SipAccessRuleNames.SystemRead);
        }

        if (request.Actor is not { } actor)
        {
            return SipAccessDecision.Refuse(SipAccessRuleNames.ReaderNamed);
        }

        if (request.Action == SipAccessAction.Purge)
        {
            return GallringRole is null || InRole(actor, GallringRole)
                ? SipAccessDecision.Allow(SipAccessRuleNames.Gallring)
                : SipAccessDecision.Refuse(SipAccessRuleNames.Gallring);
        }

        if (isRead && InRole(actor, AdministratorRole))
        {
            return request.Reason is null
                ? SipAccessDecision.Refuse(SipAccessRuleNames.AdministratorReason)
                : new SipAccessDecision(true, SipAccessRuleNames.Administrator, AsAdministrator: true);
        }

        if (request.Case is not { } sipCase)
        {
            return request.Action == SipAccessAction.Open ? SipAccessDecision.Allow(SipAccessRuleNames.OpenCase) : SipAccessDecision.Refuse(SipAccessRuleNames.ParticipatingOrganisation);
        }

        var roles = sipCase.RolesOf(actor);
        var takesPart = SipCaseRoles.CalledUnit | SipCaseRoles.LeadUnit | SipCaseRoles.Coordinator | SipCaseRoles.InvitedActor;

        // The exchange stands for a unit of the other principal's system; the case is one half of a SIP whose other half that
        // unit keeps when the case links it (the exchange links it before the first step), so it takes part in it.
        var isExchange = InRole(actor, ExchangeRole);
        var linkedUnit = isExchange && LinksUnitOf(sipCase, actor);

        // The opening unit reads and acts until parties take part; after that as one of them unless the rules keep it a party.
        if ((roles & takesPart) == 0 && !linkedUnit && !(roles.HasFlag(SipCaseRoles.OpeningUnit) && (OpeningUnitTakesPart || !sipCase.Participants.Any(p => p.IsActive))))
        {
            return SipAccessDecision.Refuse(SipAccessRuleNames.ParticipatingOrganisation);
        }

        if (ProtectedIdentityNamedUsersOnly && sipCase.Individual.HasProtectedIdentity && !roles.HasFlag(SipCaseRoles.NamedUser) && !isExchange)
        {
            return SipAccessDecision.Refuse(SipAccessRuleNames.ProtectedIdentityNamedUser);
        }

        if (isRead)
        {
            return SipAccessDecision.Allow(SipAccessRuleNames.ParticipatingOrganisation);
        }

        // Before a lead is appointed there is no lead to hold these steps back for: the parties taking part take them.
        if (sipCase.LeadPrincipal is not null && LeadOnlyActions.Contains(request.Action))
        {
            if (OnlyCoordinatorCloses && request.Action == SipAccessAction.Close)
            {
                return roles.HasFlag(SipCaseRoles.Coordinator) ? SipAccessDecision.Allow(SipAccessRuleNames.CoordinatorCloses) : SipAccessDecision.Refuse(SipAccessRuleNames.CoordinatorCloses);
            }

            return (roles & (SipCaseRoles.LeadUnit | SipCaseRoles.Coordinator)) != 0
                ? SipAccessDecision.Allow(SipAccessRuleNames.LeadOrCoordinator)
                : SipAccessDecision.Refuse(SipAccessRuleNames.LeadOrCoordinator);
        }

        if (!InvitedActorsMayAct && (roles & (takesPart | SipCaseRoles.OpeningUnit)) == SipCaseRoles.InvitedActor)
        {
            return SipAccessDecision.Refuse(SipAccessRuleNames.InvitedActorsRead);
        }

        return SipAccessDecision.Allow(SipAccessRuleNames.ParticipatingOrganisation);
    }

    /// <inheritdoc />
    /// <remarks>
    /// They do: a list decision reads the case's units, participants, lead principal, opener, consents, linked cases and
    /// whether the individual's identity is protected, all members of its head.
    /// </remarks>
    public bool DecidesListsOnHeads => true;

    /// <inheritdoc />
    /// <remarks>
    /// The cases <see cref="Decide"/> lets the reader list — exactly, but for a protected identity with more than
    /// <see cref="Storage.SipCaseAccessKeys.MaxProtectedCombinations"/> ways times named users, which it selects for every
    /// reader of its units and the engine then decides one by one. The access keys (<see cref="Storage.SipCaseAccessKeys"/>) of
    /// the ways the reader's unit and user take part — a unit taking part, the opening unit (<see cref="OpeningUnitTakesPart"/>),
    /// a linked unit for the exchange, the coordinator, and for a protected identity each of those only with a user the case
    /// names — so a store loads no case these rules would leave out. An administrator with a why-code sees every case; without
    /// one, none.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    public SipListScope ListScope(SipReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var actor = reader.Actor;
        if (InRole(actor, AdministratorRole))
        {
            return reader.Reason is null ? SipListScope.Nothing : SipListScope.Everything;
        }

        var isExchange = InRole(actor, ExchangeRole);
        var user = Storage.SipCaseAccessKeys.UserKey(actor.UserId)!;
        var keys = new List<string> { Storage.SipCaseAccessKeys.Key(Storage.SipCaseAccessKeys.Coordinator, string.Empty, user) };
        string[] groups = isExchange
            ? [Storage.SipCaseAccessKeys.TakesPart, OpeningGroup, Storage.SipCaseAccessKeys.Linked]
            : [Storage.SipCaseAccessKeys.TakesPart, OpeningGroup];
        foreach (var organisationKey in Storage.SipCaseAccessKeys.ReaderSideKeys(actor.Unit))
        {
            foreach (var group in groups)
            {
                keys.Add(Storage.SipCaseAccessKeys.Key(group, organisationKey, null));

                // A protected identity: the exchange and the rules without the named-user rule take part as on any case;
                // everyone else only as a user the case names.
                if (isExchange || !ProtectedIdentityNamedUsersOnly)
                {
                    keys.Add(Storage.SipCaseAccessKeys.Key(Storage.SipCaseAccessKeys.Protected + group, organisationKey, null));
                }
                else
                {
                    keys.Add(Storage.SipCaseAccessKeys.Key(group, organisationKey, user));

                    // A protected case with too many parties to key by user is keyed by unit: selected, then decided.
                    keys.Add(Storage.SipCaseAccessKeys.Key(Storage.SipCaseAccessKeys.Wide + group, organisationKey, null));
                }
            }
        }

        return SipListScope.AnyOf(keys);
    }

    // Roles compare trimmed and without regard to case, as hosts spell them; no role set is no one's role.
    private static bool InRole(SipActor actor, string? role) => role is not null && string.Equals(actor.Role.Trim(), role.Trim(), StringComparison.OrdinalIgnoreCase);

    // A loop rather than a lambda over the actor: a captured actor costs every decision a closure, exchange or not.
    private static bool LinksUnitOf(SipCase sipCase, SipActor actor)
    {
        var unit = actor.Unit;
        foreach (var reference in sipCase.ExternalReferences)
        {
            if (reference.Organisation.IsSameOrganisation(unit))
            {
                return true;
            }
        }

        return false;
    }

    // The opening unit takes part for good, or only until the first party does.
    private string OpeningGroup => OpeningUnitTakesPart ? Storage.SipCaseAccessKeys.Opening : Storage.SipCaseAccessKeys.OpeningBeforeParties;

    /// <summary>Value equality, the lead-only actions by content.</summary>
    /// <param name="other">The other rules.</param>
    /// <returns>Whether they are the same rules.</returns>
    public bool Equals(SipAccessRules? other)
        => other is not null && string.Equals(AdministratorRole, other.AdministratorRole, StringComparison.Ordinal) && LeadOnlyActions.SetEquals(other.LeadOnlyActions)
            && OnlyCoordinatorCloses == other.OnlyCoordinatorCloses && ProtectedIdentityNamedUsersOnly == other.ProtectedIdentityNamedUsersOnly
            && InvitedActorsMayAct == other.InvitedActorsMayAct && OpeningUnitTakesPart == other.OpeningUnitTakesPart
            && string.Equals(ExchangeRole, other.ExchangeRole, StringComparison.Ordinal)
            && string.Equals(GallringRole, other.GallringRole, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(AdministratorRole, LeadOnlyActions.Count, OnlyCoordinatorCloses, ProtectedIdentityNamedUsersOnly, InvitedActorsMayAct, OpeningUnitTakesPart, ExchangeRole, GallringRole);
}
