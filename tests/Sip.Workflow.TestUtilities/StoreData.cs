using Sip.Workflow.Storage;
using Sip.Workflow.Testing.Internal;

namespace Sip.Workflow.TestUtilities;

/// <summary>
/// Builds cases and correctly chained events to write to a store directly, without the engine: the same ones the
/// store-contract classes of Sip.Workflow.Testing write.
/// </summary>
public static class StoreData
{
    public static SipCase NewCase(SipCaseId? id = null, string subject = ContractData.Subject, DateTimeOffset? nextDeadline = null)
        => ContractData.NewCase(id, subject, nextDeadline);

    /// <summary>The next version of a case with its event, chained to <paramref name="previous"/>.</summary>
    public static (SipCase Case, SipEvent Event) Next(SipCase current, SipEvent previous, CommandId? commandId = null, Func<SipCase, SipCase>? change = null)
        => ContractData.Next(current, previous, commandId, change);

    public static Task<(SipCase Case, SipEvent Event)> CreateAsync(ISipCaseStore store, SipCase? sipCase = null) => ContractData.CreateAsync(store, sipCase);
}
