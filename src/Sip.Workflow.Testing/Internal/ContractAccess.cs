namespace Sip.Workflow.Testing.Internal;

/// <summary>The access rules the contract tests' engines run under, named explicitly as a host would name its own.</summary>
internal static class ContractAccess
{
    /// <summary>
    /// The default rules for every command and every read that names its reader, and the older reads without a reader
    /// allowed: the tests read to assert, as the host itself, not as a user. The commands the tests issue must satisfy the
    /// default rules, so that they model lawful use.
    /// </summary>
    public static ISipAccessPolicy DefaultWithUnattributedReads { get; } = new UnattributedReads(SipAccessRules.Default);

    /// <summary><paramref name="rules"/> for everything that names an actor, and the reads without one allowed.</summary>
    public static ISipAccessPolicy WithUnattributedReads(ISipAccessPolicy rules) => new UnattributedReads(rules);

    private sealed class UnattributedReads(ISipAccessPolicy rules) : ISipAccessPolicy
    {
        public SipAccessDecision Decide(SipAccessRequest request)
            => request.Actor is null ? SipAccessDecision.Allow("TestUnattributedRead") : rules.Decide(request);

        // The rules' own scope, so that the lists the tests read are selected in the store as a host's are.
        public SipListScope ListScope(SipReader reader) => rules.ListScope(reader);

        // It reads nothing of a case itself: lists are decided on heads exactly when the rules decide them so.
        public bool DecidesListsOnHeads => rules.DecidesListsOnHeads;
    }
}
