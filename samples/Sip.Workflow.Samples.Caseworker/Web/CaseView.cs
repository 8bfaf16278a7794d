using Sip.Workflow.Samples.Caseworker.Demo;

namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>A case as the pages show it: the case, the person from the host's own record, and the policy it runs under.</summary>
internal sealed record CaseView(SipCase Case, DemoPerson? Person, SipPolicy Policy)
{
    public string PersonName => Person?.Name ?? Case.Individual.Reference.Value;

    /// <summary>Whether the address must be kept secret: the case's own flag (the one the summons carries), or the record's.</summary>
    public bool ProtectedIdentity => Case.Individual.HasProtectedIdentity || Person?.HasProtectedIdentity == true;

    /// <summary>The address, or <see langword="null"/> when it must not be shown.</summary>
    public string? Address => ProtectedIdentity ? null : Person?.Address;

    public IReadOnlyList<SipDeadline> OpenDeadlines => SipDeadlines.Open(Case, Policy);

    public static async Task<CaseView?> LoadAsync(ISipWorkflow workflow, Guid id, CancellationToken cancellationToken)
    {
        if (id == Guid.Empty || await workflow.GetCaseAsync(new SipCaseId(id), cancellationToken) is not { } sipCase)
        {
            return null;
        }

        // A case runs under the policy it was opened under; the engine refuses one it does not know before this is reached.
        var policy = workflow.Policies.FirstOrDefault(p => p.Name == sipCase.PolicyName) ?? workflow.Policies[0];
        return new CaseView(sipCase, DemoRegister.Find(sipCase), policy);
    }
}
