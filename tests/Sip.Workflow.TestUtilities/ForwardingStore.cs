using Sip.Workflow.Storage;

namespace Sip.Workflow.TestUtilities;

/// <summary>A store that passes every call to another; tests override the one call they bend.</summary>
public abstract class ForwardingStore(ISipCaseStore inner) : SipCaseStoreDecorator(inner);
