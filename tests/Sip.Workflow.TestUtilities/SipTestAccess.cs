using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.TestUtilities;

/// <summary>The access rule sets the tests' engines run under, named explicitly as a host would name its own.</summary>
public static class SipTestAccess
{
    /// <summary>
    /// The default rules for every command and every read that names its reader, and the older reads without a reader
    /// allowed (the tests read to assert, as the host itself): the scenarios' commands must satisfy the default rules.
    /// </summary>
    public static ISipAccessPolicy DefaultWithUnattributedReads => ContractAccess.DefaultWithUnattributedReads;

    /// <summary><paramref name="rules"/> for everything that names an actor, and the reads without a reader allowed.</summary>
    public static ISipAccessPolicy WithUnattributedReads(ISipAccessPolicy rules) => ContractAccess.WithUnattributedReads(rules);
}
