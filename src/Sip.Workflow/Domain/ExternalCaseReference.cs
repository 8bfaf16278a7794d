using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>
/// The same SIP's case in the other principal's system (<i>motpartens ärende</i>): the municipality's and the region's
/// systems each keep a case for one SIP, and this links them, so that what one sends the other is applied to the right
/// case. A case opened from a received summons carries the sender's reference.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record ExternalCaseReference
{
    /// <summary>The other system, as the two principals name it (e.g. <c>"Cosmic"</c>, <c>"Lifecare SP"</c>, <c>"Treserva"</c>).</summary>
    public required string System
    {
        get;
        init => field = Check.Text(value, nameof(System), SipLimits.NameMaxLength);
    }

    /// <summary>The case's id in that system, as it gives it (an opaque key; never a personal identity number).</summary>
    public required string CaseId
    {
        get;
        init => field = Check.Text(value, nameof(CaseId), SipLimits.SubjectReferenceMaxLength);
    }

    /// <summary>The principal's unit that keeps the case there, by name and HSA id or organisation number.</summary>
    public required OrganisationReference Organisation
    {
        get;
        init => field = Check.NotNull(value, nameof(Organisation));
    }

    /// <summary>Whether this names the same case as <paramref name="other"/>: the same system and case id.</summary>
    /// <param name="other">The other reference.</param>
    /// <returns><see langword="true"/> when both name one case.</returns>
    public bool IsSameCaseAs(ExternalCaseReference other)
        => other is not null && string.Equals(System, other.System, StringComparison.OrdinalIgnoreCase) && string.Equals(CaseId, other.CaseId, StringComparison.Ordinal);

    /// <summary>Shows the system only, never the other system's key.</summary>
    public override string ToString() => $"ExternalCaseReference ({System})";
}
