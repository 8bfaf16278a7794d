using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Records a consent (<i>samtycke</i>).</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordConsent : SipCaseCommand
{
    /// <summary>
    /// The consent as given: its <see cref="Consent.GivenAt"/> must not lie in the future. A consent is recorded
    /// standing; <see cref="WithdrawConsent"/> withdraws it.
    /// </summary>
    public required Consent Consent
    {
        get;
        init => field = Check.NotNull(value, nameof(Consent));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordConsent;

    internal override string EventType => SipEventTypes.ConsentRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var consent = Consent;
        if (consent.WithdrawnAt is not null)
        {
            throw new ArgumentException(
                $"'{nameof(Consent)}.{nameof(Workflow.Consent.WithdrawnAt)}' is set: a consent is recorded as given and withdrawn with WithdrawConsent.",
                $"{nameof(Consent)}.{nameof(Workflow.Consent.WithdrawnAt)}");
        }

        Check.Recorded(consent.GivenAt, context.Now, nameof(Consent.GivenAt));
        if (current.Individual.IsChild && consent.GivenBy != ConsentGiver.LegalGuardian)
        {
            throw new ArgumentException(
                "The individual is a child: the legal guardians consent for a child (föräldrabalken 6 kap.). Record each guardian's consent " +
                "with ConsentGiver.LegalGuardian; the child's own view belongs in the plan.", nameof(Consent.GivenBy));
        }

        if (!current.Individual.IsChild && consent.GivenBy == ConsentGiver.LegalGuardian)
        {
            throw new ArgumentException(
                "The individual is an adult: an adult consents themself or through a proxy (ConsentGiver.Proxy), not through a legal guardian.",
                nameof(Consent.GivenBy));
        }

        if (consent.GivenBy is ConsentGiver.LegalGuardian or ConsentGiver.Proxy && consent.GiverReference is null)
        {
            throw new ArgumentException(
                $"'{nameof(Consent.GiverReference)}' is required when a {consent.GivenBy} consents, so that the library knows who consented.",
                nameof(Consent.GiverReference));
        }

        if (consent.GivenBy == ConsentGiver.LegalGuardian && !current.Individual.IsLegalGuardian(consent.GiverReference))
        {
            throw new ArgumentException(
                $"'{nameof(Consent.GiverReference)}' does not name one of the child's {current.Individual.LegalGuardianCount} legal guardian(s) " +
                "given when the case was opened (Individual.LegalGuardians).", nameof(Consent.GiverReference));
        }

        if (current.Consents.Any(x => x.Id == consent.Id))
        {
            throw new ArgumentException($"Consent {consent.Id} is already recorded on this case.", $"{nameof(Consent)}.{nameof(Workflow.Consent.Id)}");
        }

        return new SipApplied(current with { Consents = [.. current.Consents, consent] },
            Details(("consentId", consent.Id.ToString()), ("scope", consent.Scope.ToString()), ("givenBy", consent.GivenBy.ToString()),
                ("form", consent.Form.ToString())));
    }
}
