namespace Sip.Workflow;

/// <summary>How the engine runs.</summary>
public sealed class SipWorkflowOptions
{
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
    /// A secret key for the audit trail. When set, each event's hash is an HMAC-SHA-256 under this key, so that someone who
    /// can write to the database but does not hold the key cannot rewrite the history and recompute a chain that verifies.
    /// Keep it outside the database (a key vault, the host's secrets); every node of one database needs the same key, and
    /// verifying needs it too.
    /// </summary>
    /// <value>The default is none: plain SHA-256, which finds edits but not a full rewrite by someone with write access.
    /// At least 32 bytes when set.</value>
    public byte[]? AuditKey { get; set; }

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

        var names = KnownPolicies.Where(p => p is not null).Select(p => p.Name).Append(Policy?.Name).Where(n => n is not null).ToList();
        foreach (var duplicate in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            if (KnownPolicies.Where(p => p is not null && p.Name == duplicate.Key).Append(Policy).Where(p => p?.Name == duplicate.Key).Distinct().Count() > 1)
            {
                problems.Add($"Two different policies are named '{duplicate.Key}'; a case finds its policy by name, so names must be unique.");
            }
        }

        if (AuditKey is { Length: < 32 })
        {
            problems.Add($"AuditKey is {AuditKey.Length} bytes; an audit key must be at least 32 bytes (use RandomNumberGenerator.GetBytes(32)).");
        }

        if (!Enum.IsDefined(Language))
        {
            problems.Add($"Language is {Language}; allowed: {string.Join(", ", Enum.GetNames<SipLanguage>())}.");
        }

        return problems;
    }
}
