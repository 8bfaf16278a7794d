using Sip.Workflow.Samples.Caseworker.Demo;

namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>
/// A case as the pages show it: the case, the person from the host's own record, and the policy it runs under —
/// <see langword="null"/> for a policy this host does not know (taken out of <c>KnownPolicies</c>): the case is still
/// listed, but shows no deadlines of another policy, and the engine refuses its checklist and steps with words the
/// error page gives.
/// </summary>
internal sealed record CaseView(SipCase Case, DemoPerson? Person, SipPolicy? Policy)
{
    public string PersonName => Person?.Name ?? Case.Individual.Reference.Value;

    /// <summary>Whether the address must be kept secret: the case's own flag (the one the summons carries), or the record's.</summary>
    public bool ProtectedIdentity => Case.Individual.HasProtectedIdentity || Person?.HasProtectedIdentity == true;

    /// <summary>The address, or <see langword="null"/> when it must not be shown.</summary>
    public string? Address => ProtectedIdentity ? null : Person?.Address;

    public IReadOnlyList<SipDeadline> OpenDeadlines => Policy is null ? [] : SipDeadlines.Open(Case, Policy);

    /// <summary>Reads the case as <paramref name="reader"/>: every read of a case names its reader and is in the access log.</summary>
    public static async Task<CaseView?> LoadAsync(ISipWorkflow workflow, SipReader reader, Guid id, CancellationToken cancellationToken)
    {
        return id != Guid.Empty && await workflow.ReadCaseAsync(new SipCaseId(id), reader, cancellationToken) is { } sipCase ? Of(workflow, sipCase) : null;
    }

    public static CaseView Of(ISipWorkflow workflow, SipCase sipCase)
        => new(sipCase, DemoRegister.Find(sipCase), workflow.Policies.FirstOrDefault(p => p.Name == sipCase.PolicyName));
}
