namespace Sip.Workflow;

/// <summary>How the engine runs.</summary>
public sealed class SipWorkflowOptions
{
    private const int MinimumCaseDocumentBytes = 64 * 1024;
    private const int MinimumEventsPerCase = 100;
    private const int MaximumCaseDocumentBytes = 256 * 1024 * 1024;
    private const int MaximumEventsPerCase = 1_000_000;
    private const int MaximumConcurrencyRetries = 5;

    /// <summary>The policy cases are run under.</summary>
    /// <value>The default is <see cref="SipPolicy.NationalGuidance"/>.</value>
    public SipPolicy Policy { get; set; } = SipPolicy.NationalGuidance;

    /// <summary>
    /// Further policies cases may have been opened under (an earlier version of a regional agreement, a neighbouring
    /// region's): a case is always run under the policy it was opened under, found by name here or in <see cref="Policy"/>.
    /// </summary>
    /// <value>The default is none.</value>
    public IList<SipPolicy> KnownPolicies { get; } = [];

    /// <summary>
    /// Who may read and act on a case: consulted before every command and every read, with the case at hand. The default
    /// rules (<see cref="SipAccessRules.Default"/>) unless replaced; a host that wants no checks names
    /// <see cref="SipAccessPolicies.AllowAll"/> here — there is no silent allow-all, and <see langword="null"/> is refused.
    /// </summary>
    /// <value>The default is <see cref="SipAccessRules.Default"/>.</value>
    public ISipAccessPolicy Access { get; set; } = SipAccessRules.Default;

    /// <summary>
    /// Where reads are logged, when the case store does not keep the access log itself (a host's own store): the SQLite,
    /// PostgreSQL and in-memory stores do (<see cref="Storage.ISipAccessLogStore"/>), and are used unless this is set.
    /// </summary>
    /// <value>The default is none: the case store.</value>
    public Storage.ISipAccessLogStore? AccessLog { get; set; }

    /// <summary>
    /// A secret key for the audit trail. When set, each event's hash is an HMAC-SHA-256 under this key, so that someone who
    /// can write to the database but does not hold the key cannot rewrite the history and recompute a chain that verifies.
    /// Keep it outside the database (a key vault, the host's secrets); every node of one database needs the same key, and
    /// verifying needs it too.
    /// </summary>
    /// <value>The default is none: plain SHA-256, which finds edits but not a full rewrite by someone with write access.
    /// At least 32 bytes when set.</value>
    public byte[]? AuditKey { get; set; }

    /// <summary>
    /// The id of <see cref="AuditKey"/>, written on every event it seals (<see cref="SipEvent.AuditKeyId"/>), so that the
    /// key can be rotated: give the new key a new id and keep the old one in <see cref="RetiredAuditKeys"/>.
    /// </summary>
    /// <value>The default is <c>"1"</c>. 1 to 64 printable characters; not secret.</value>
    public string AuditKeyId { get; set; } = "1";

    /// <summary>
    /// Earlier audit keys by id, kept to verify the events they sealed; nothing new is sealed with them. Turning a key on
    /// for an existing store needs nothing here: events sealed before it have no key id and verify as plain SHA-256, and
    /// from a case's first keyed event on, an unkeyed event no longer verifies.
    /// </summary>
    /// <value>The default is none.</value>
    public IDictionary<string, byte[]> RetiredAuditKeys { get; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>
    /// Set this when turning <see cref="AuditKey"/> on for a store that already holds history: the moment the key was turned
    /// on. Events before it may be unkeyed; every later one must be keyed. Left unset with a key, every event must be
    /// keyed — so that nobody can pass off a history stripped of its keys and rehashed as plain SHA-256.
    /// </summary>
    /// <value>The default is none. Keep it in the host's configuration, outside the database.</value>
    public DateTimeOffset? UnkeyedHistoryBefore { get; set; }

    /// <summary>The audit keys as a ring: the current key (if any) and the retired ones.</summary>
    /// <returns>The key ring; <see cref="Storage.SipAuditKeyRing.None"/> without keys.</returns>
    /// <exception cref="ArgumentException">A key or id is not valid (see <see cref="Validate"/>).</exception>
    public Storage.SipAuditKeyRing AuditKeys()
        => AuditKey is { } key ? Storage.SipAuditKeyRing.Create(AuditKeyId, key, RetiredAuditKeys.AsReadOnly(), UnkeyedHistoryBefore)
            : RetiredAuditKeys.Count > 0 ? Storage.SipAuditKeyRing.Retired(RetiredAuditKeys.AsReadOnly())
            : Storage.SipAuditKeyRing.None;

    /// <summary>
    /// The most a case document may hold, in UTF-8 bytes; a command that would make it larger is refused with
    /// <see cref="SipCaseLimitExceededException"/> before anything is written.
    /// </summary>
    /// <value>
    /// The default is 4 MiB (4,194,304 bytes); 64 KiB to 256 MiB. A real plan revision is some 20–50 KB (a few dozen goals and
    /// interventions of a few hundred characters), so the default holds about a hundred revisions — decades of follow-ups —
    /// while a command on a case at the limit still reads, hashes and writes it in milliseconds. One revision with every
    /// list full of maximum-length texts (some 10 MB) is refused.
    /// </value>
    public int MaxCaseDocumentBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The most events a case's history may hold; a command that would add one more is refused with
    /// <see cref="SipCaseLimitExceededException"/> before anything is written.
    /// </summary>
    /// <value>
    /// The default is 5,000; 100 to 1,000,000. A whole SIP from need to closing takes some 20–40 events and a follow-up cycle
    /// about ten, so even quarterly follow-ups for twenty years stay under 1,000; verifying a case reads its whole history,
    /// and 5,000 events still verify in well under a second.
    /// </value>
    public int MaxEventsPerCase { get; set; } = 5000;

    /// <summary>
    /// The hash form (docs/audit-trail.md) the engine seals new events in: 4, or 3 while any process that shares the store
    /// still runs a build of Sip.Workflow that does not know form 4 (a rolling upgrade). Such a build reports a form-4
    /// event as changed and refuses a command on its case, so set 3 on every node first, upgrade them all, then set 4.
    /// One history may mix the forms; each event verifies in its own.
    /// </summary>
    /// <value>4 (the default) or 3.</value>
    public int SealedHashForm { get; set; } = Storage.SipAuditChain.CurrentForm;

    /// <summary>
    /// How many times a command on an existing case is run again when another writer saved the case between this
    /// command's read and its save (two caseworkers adding a party at once). Each run starts over on the case as it now
    /// is — loaded, applied, every requirement checked again — so a command that no longer applies is refused as it would
    /// be if sent now, and one that still applies is saved. A command that names the version its author saw
    /// (<see cref="SipCaseCommand.ExpectedVersion"/>) is never run again: its author asked for that version only.
    /// </summary>
    /// <value>The default is 0: a lost race raises <see cref="SipConcurrencyException"/> for the caller to decide. 0 to 5.</value>
    public int ConcurrencyRetries { get; set; }

    /// <summary>The language of refusals and checklists.</summary>
    /// <value>The default is <see cref="SipLanguage.Swedish"/>.</value>
    public SipLanguage Language { get; set; } = SipLanguage.Swedish;

    /// <summary>Lists every problem with these options; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Policy is null)
        {
            problems.Add("Policy is required: pick a preset such as SipPolicy.NationalGuidance and adjust it with 'with'.");
        }
        else
        {
            problems.AddRange(Policy.Validate().Select(p => $"Policy '{Policy.Name}': {p}"));
        }

        foreach (var known in KnownPolicies)
        {
            if (known is null)
            {
                problems.Add("KnownPolicies has a null entry.");
                continue;
            }

            problems.AddRange(known.Validate().Select(p => $"Known policy '{known.Name}': {p}"));
        }

        foreach (var policy in KnownPolicies.Prepend(Policy))
        {
            if (PresetNameProblem(policy) is { } problem)
            {
                problems.Add(problem);
            }
        }

        var names = KnownPolicies.Where(p => p is not null).Select(p => p.Name).Append(Policy?.Name).Where(n => n is not null).ToList();
        foreach (var duplicate in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            if (KnownPolicies.Where(p => p is not null && p.Name == duplicate.Key).Append(Policy).Where(p => p?.Name == duplicate.Key).Distinct().Count() > 1)
            {
                problems.Add($"Two different policies are named '{duplicate.Key}'; a case finds its policy by name, so names must be unique.");
            }
        }

        if (Access is null)
        {
            problems.Add("Access is required: keep the default rules (SipAccessRules.Default), adjust them with 'with', give your own ISipAccessPolicy, or name SipAccessPolicies.AllowAll to turn the checks off.");
        }

        problems.AddRange(Storage.SipAuditKeyRing.Problems(AuditKeyId, AuditKey, RetiredAuditKeys.AsReadOnly()));

        if (MaxCaseDocumentBytes is < MinimumCaseDocumentBytes or > MaximumCaseDocumentBytes)
        {
            problems.Add($"MaxCaseDocumentBytes is {MaxCaseDocumentBytes}; allowed: {MinimumCaseDocumentBytes} (64 KiB, so that an ordinary SIP fits) to {MaximumCaseDocumentBytes} (256 MiB).");
        }

        if (MaxEventsPerCase is < MinimumEventsPerCase or > MaximumEventsPerCase)
        {
            problems.Add($"MaxEventsPerCase is {MaxEventsPerCase}; allowed: {MinimumEventsPerCase} (so that an ordinary SIP fits) to {MaximumEventsPerCase}.");
        }

        if (SealedHashForm is not (3 or Storage.SipAuditChain.CurrentForm))
        {
            problems.Add($"SealedHashForm is {SealedHashForm}; allowed: {Storage.SipAuditChain.CurrentForm} (the default) or 3 (while a build that does not know form {Storage.SipAuditChain.CurrentForm} still shares the store).");
        }

        if (ConcurrencyRetries is < 0 or > MaximumConcurrencyRetries)
        {
            problems.Add($"ConcurrencyRetries is {ConcurrencyRetries}; allowed: 0 (off) to {MaximumConcurrencyRetries}. A case that keeps changing under a command needs a person to look, not more retries.");
        }

        if (!Enum.IsDefined(Language))
        {
            problems.Add($"Language is {Language}; allowed: {string.Join(", ", Enum.GetNames<SipLanguage>())}.");
        }

        return problems;
    }

    // A case stores only its policy's name, so a name must mean one set of rules everywhere: a preset adjusted under the
    // preset's own name would run cases under other rules than a node, or a later release, that reads the name as the
    // preset — the "preset's name, blank rules" a configuration binder once produced, found here whatever made it.
    private static string? PresetNameProblem(SipPolicy? policy)
    {
        if (policy is null || SipPolicy.Presets.FirstOrDefault(p => p.Name == policy.Name) is not { } preset || preset == policy)
        {
            return null;
        }

        var differing = typeof(SipPolicy).GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0 && p.DeclaringType == typeof(SipPolicy) && !p.GetMethod!.IsStatic && !Equals(p.GetValue(policy), p.GetValue(preset)))
            .Select(p => p.Name);
        return $"Policy '{policy.Name}' has the name of a preset but other rules ({string.Join(", ", differing)}); give an adjusted policy a name of its own " +
            $"(Name = \"{policy.Name}, …\"), so that cases opened under it are never run under the preset's rules, or the other way round.";
    }
}
