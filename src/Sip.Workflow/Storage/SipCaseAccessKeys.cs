using Sip.Workflow.Internal;

namespace Sip.Workflow.Storage;

/// <summary>
/// The access keys of a case: opaque values a store keeps beside the case (one row per key) so that a list or due-work query
/// selects, in the database, only the cases a reader may see — the reader's list scope (<see cref="ISipAccessPolicy.ListScope"/>)
/// names keys, and a case is selected when it holds at least one of them (<see cref="SipCaseQuery.AccessKeys"/>). The core
/// computes them (<see cref="Of"/>), so every provider keys cases alike.
/// </summary>
/// <remarks>
/// <para>A key stands for one way of taking part in the case: a unit taking part, the opening unit, a unit whose case the
/// case links, the coordinator — and, for an individual with a protected identity, each of those together with each user
/// the case names. It is a truncated, unsalted SHA-256 of that fact: the key table holds no names or user ids in clear
/// text, but someone who can read it and guesses a unit or user id can test the guess, so it is protected as the cases are.</para>
/// <para>The keys narrow what a store loads; they never widen what a reader is shown: the engine still decides every case it
/// loads under the rules. A store that does not keep them (or a key row removed outside the library) can only leave a case
/// out of a list, never show it to someone the rules refuse.</para>
/// <para>If a later release changes how keys are derived, the stores rebuild them (a migration), as for <see cref="SipCaseIndex"/>.</para>
/// </remarks>
public static class SipCaseAccessKeys
{
    /// <summary>The length of a key: 32 lowercase hexadecimal characters (128 bits).</summary>
    public const int KeyLength = 32;

    /// <summary>The most keys a query may name (<see cref="SipCaseQuery.AccessKeys"/>).</summary>
    public const int MaxQueryKeys = 64;

    // The ways of taking part, as the default rules (SipAccessRules) read them. "P" before a group: the same fact on a case
    // whose individual has a protected identity, for the readers the protected-identity rule does not restrict.
    internal const string TakesPart = "t";
    internal const string Opening = "a";
    internal const string OpeningBeforeParties = "a0";
    internal const string Linked = "l";
    internal const string Coordinator = "c";
    internal const string Protected = "P";
    internal const string Wide = "W";

    /// <summary>
    /// The case's keys, sorted and without duplicates: what a store writes for the case, replacing the keys of the version
    /// before when <see cref="MayDiffer"/> says they may have changed.
    /// </summary>
    /// <param name="sipCase">The case.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<string> Of(SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var ways = new List<(string Group, string OrganisationKey)>();
        void Add(string group, OrganisationReference organisation)
        {
            foreach (var organisationKey in CaseSideKeys(organisation))
            {
                ways.Add((group, organisationKey));
            }
        }

        foreach (var participant in sipCase.Participants)
        {
            if (participant.IsActive)
            {
                Add(TakesPart, participant.Organisation);
            }
        }

        if (sipCase.LeadPrincipal is { } lead)
        {
            Add(TakesPart, lead.Organisation);
            if (UserKey(lead.Coordinator?.UserId) is { } coordinator)
            {
                // The coordinator takes part by user id, and is a user the case names: one key serves both rules.
                keys.Add(Key(Coordinator, string.Empty, coordinator));
            }
        }

        if ((sipCase.IdentifyingUnit ?? sipCase.OpenedBy?.Unit) is { } opening)
        {
            Add(Opening, opening);
            if (!sipCase.Participants.Any(p => p.IsActive))
            {
                Add(OpeningBeforeParties, opening);
            }
        }

        foreach (var reference in sipCase.ExternalReferences)
        {
            Add(Linked, reference.Organisation);
        }

        var namedUsers = sipCase.Individual.HasProtectedIdentity ? NamedUsers(sipCase) : null;

        // A protected identity keys each way with each named user, which grows as their product: past a bound the case is
        // keyed by its ways alone for every reader of those units (Wide), and the rules decide each such case when loaded.
        var wide = namedUsers is not null && ways.Count * namedUsers.Count > MaxProtectedCombinations;
        foreach (var (group, organisationKey) in ways)
        {
            if (namedUsers is null)
            {
                keys.Add(Key(group, organisationKey, null));
                continue;
            }

            keys.Add(Key(Protected + group, organisationKey, null));
            if (wide)
            {
                keys.Add(Key(Wide + group, organisationKey, null));
                continue;
            }

            foreach (var user in namedUsers)
            {
                keys.Add(Key(group, organisationKey, user));
            }
        }

        return [.. keys];
    }

    /// <summary>
    /// The most ways of taking part times named users a case with a protected identity is keyed by exactly; a larger one
    /// (a case with very many parties) is selected for every reader of its units, and the rules decide each when it is loaded.
    /// </summary>
    public const int MaxProtectedCombinations = 256;

    /// <summary>
    /// Whether the keys of <paramref name="after"/> may differ from those of <paramref name="before"/>: false when every
    /// part they are derived from is the very same instance, as after most steps — so a store rewrites keys only when needed.
    /// </summary>
    /// <param name="before">The version the store holds.</param>
    /// <param name="after">The version it writes.</param>
    /// <returns>Whether to write the keys again.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static bool MayDiffer(SipCase before, SipCase after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return !(ReferenceEquals(before.Participants, after.Participants)
            && ReferenceEquals(before.LeadPrincipal, after.LeadPrincipal)
            && ReferenceEquals(before.IdentifyingUnit, after.IdentifyingUnit)
            && ReferenceEquals(before.OpenedBy, after.OpenedBy)
            && ReferenceEquals(before.ExternalReferences, after.ExternalReferences)
            && before.Individual.HasProtectedIdentity == after.Individual.HasProtectedIdentity);
    }

    /// <summary>Whether <paramref name="value"/> has the form of a key: <see cref="KeyLength"/> lowercase hexadecimal characters.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Whether it is a key.</returns>
    public static bool IsKey(string? value)
        => value is { Length: KeyLength } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    // How the case's side of IsSameOrganisation is keyed: by identifier when it has one, and by name in a form that only a
    // reader without an identifier matches ("m"); by name alone when it has none ("n"), which every reader matches. So a key
    // matches exactly when IsSameOrganisation would: both identifiers equal, or the names equal when either lacks one.
    internal static IEnumerable<string> CaseSideKeys(OrganisationReference organisation)
        => organisation.IdentifierKey is { } id ? ["i:" + id, "m:" + organisation.NameKey] : ["n:" + organisation.NameKey];

    internal static IEnumerable<string> ReaderSideKeys(OrganisationReference unit)
        => unit.IdentifierKey is { } id ? ["i:" + id, "n:" + unit.NameKey] : ["n:" + unit.NameKey, "m:" + unit.NameKey];

    // User ids compare trimmed and without regard to case (SipCaseRoles).
    internal static string? UserKey(string? userId) => userId?.Trim().ToUpperInvariant();

    internal static string Key(string group, string organisationKey, string? userKey)
        => SipFieldHash.Of("sip-access-key/1").Field(group).Field(organisationKey).Field(userKey).Finish(default)[..KeyLength];

    // The users a case names (SipCaseRoles.NamedUser): its opener, its coordinator, every participant's contact person and
    // substitute.
    private static List<string> NamedUsers(SipCase sipCase)
    {
        var users = new List<string>();
        void Add(string? userId)
        {
            if (UserKey(userId) is { } key && !users.Contains(key))
            {
                users.Add(key);
            }
        }

        Add(sipCase.OpenedBy?.UserId);
        Add(sipCase.LeadPrincipal?.Coordinator?.UserId);
        foreach (var participant in sipCase.Participants)
        {
            Add(participant.Contact?.UserId);
            Add(participant.Substitute?.Person?.UserId);
        }

        return users;
    }
}
