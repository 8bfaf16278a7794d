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
        // A consent is recorded as given: one copied from a stored one carries its withdrawals and is refused.
        const string withdrawn = "when consent is withdrawn (WithdrawConsent); a consent is recorded as given";
        EnsureNotSent(consent.WithdrawnAt is not null, $"{nameof(Consent)}.{nameof(Workflow.Consent.WithdrawnAt)}", withdrawn);
        EnsureNotSent(consent.Withdrawals.Count > 0, $"{nameof(Consent)}.{nameof(Workflow.Consent.Withdrawals)}", withdrawn);

        Check.Recorded(consent.GivenAt, context.Now, nameof(Consent.GivenAt));

        consent.Parties.Validated($"{nameof(Consent)}.{nameof(Workflow.Consent.Parties)}");
        var today = SipLegalReferences.SwedishDateOf(context.Now);
        var individual = current.Individual;
        var isChild = current.IsChildOn(today);
        EnsureBasis(consent, individual, isChild, today, context.Policy, current);
        if (consent.MaturityAssessment is { } assessment)
        {
            Check.Recorded(assessment.AssessedAt, context.Now, $"{nameof(Consent)}.{nameof(Workflow.Consent.MaturityAssessment)}.{nameof(MaturityAssessment.AssessedAt)}");
        }

        if (consent.ChildsViews is not null && !isChild)
        {
            throw new ArgumentException(
                $"'{nameof(Consent.ChildsViews)}' records a child's own views; the individual is an adult, whose own consent says it.", nameof(Consent.ChildsViews));
        }

        if (current.Consents.Any(x => x.Id == consent.Id))
        {
            throw new ArgumentException($"Consent {consent.Id} is already recorded on this case.", $"{nameof(Consent)}.{nameof(Workflow.Consent.Id)}");
        }

        return new SipApplied(current with { Consents = [.. current.Consents, consent] },
            Details(("consentId", consent.Id.ToString()), ("scope", consent.Scope.ToString()), ("givenBy", consent.GivenBy.ToString()),
                ("form", consent.Form.ToString()), ("everyParty", Flag(consent.Parties.IsEveryone)),
                ("guardianAlone", consent.SoleGuardianReason is null ? null : Flag(true)),
                ("maturityAssessed", consent.MaturityAssessment is null ? null : Flag(true))));
    }

    // Who may consent, and on what basis, for this individual on this day; every refusal names the way the law allows.
    private static void EnsureBasis(Consent consent, Individual individual, bool isChild, DateOnly today, SipPolicy policy, SipCase current)
    {
        var givenBy = consent.GivenBy;
        void Refuse(string message, string param = nameof(Consent.GivenBy)) => throw new ArgumentException(message, param);

        if (consent.SoleGuardianReason is not null && givenBy != ConsentGiver.LegalGuardian)
        {
            Refuse($"'{nameof(Consent.SoleGuardianReason)}' is for a legal guardian consenting alone (föräldrabalken 6 kap. 13 § andra stycket); this consent is given by {givenBy}.",
                nameof(Consent.SoleGuardianReason));
        }

        if (consent.MaturityAssessment is not null && !(isChild && givenBy == ConsentGiver.Individual))
        {
            Refuse($"'{nameof(Consent.MaturityAssessment)}' is recorded with a child's own consent only.", nameof(Consent.MaturityAssessment));
        }

        if (!isChild)
        {
            var cameOfAge = individual.IsChild ? " (the individual has come of age: the guardians' consents have lapsed and the young adult consents themself)" : string.Empty;
            switch (givenBy)
            {
                case ConsentGiver.LegalGuardian or ConsentGiver.SocialWelfareBoard:
                    Refuse($"The individual is an adult{cameOfAge}: an adult consents themself or through an ombud with a power of attorney (ConsentGiver.Individual or Proxy), not through a {givenBy}.");
                    break;
                case ConsentGiver.CourtAppointedRepresentative when !policy.CourtAppointedRepresentativeMayConsent:
                    Refuse($"The policy '{policy.Name}' does not let a god man or förvaltare consent: consent to lift secrecy is personal (OSL 12 kap. 2 §) " +
                        "and an appointment does not by itself carry it. Record the individual's own consent, or an ombud's with a power of attorney; " +
                        "a policy may allow it with CourtAppointedRepresentativeMayConsent where legal advice holds the appointment covers it.");
                    break;
            }

            EnsureDocuments(consent);
            return;
        }

        switch (givenBy)
        {
            case ConsentGiver.Proxy or ConsentGiver.CourtAppointedRepresentative:
                Refuse($"The individual is a child: the legal guardians consent for a child (föräldrabalken 6 kap. 11 §), not a {givenBy}.");
                break;

            case ConsentGiver.Individual when policy.ChildConsentFromAge is not { } fromAge:
                Refuse($"The individual is a child, and the policy '{policy.Name}' does not let a child consent themself: the legal guardians consent " +
                    "(ConsentGiver.LegalGuardian), and the child's own views are recorded with their consent (ChildsViews). A policy may let a mature child " +
                    "consent with ChildConsentFromAge (OSL 12 kap. 3 §).");
                break;

            case ConsentGiver.Individual:
                if (consent.MaturityAssessment is null)
                {
                    Refuse($"'{nameof(Consent.MaturityAssessment)}' is required when a child consents themself: record who assessed the child's maturity, and when.",
                        nameof(Consent.MaturityAssessment));
                }

                if (individual.BirthYearMonth is null)
                {
                    Refuse($"A child's own consent needs the child's age: record the birth year-month (ChangeIndividual.BirthYearMonth) first.");
                }

                if (!individual.HasReachedAgeOn(policy.ChildConsentFromAge!.Value, today))
                {
                    Refuse($"The policy '{policy.Name}' lets a child consent themself from the age of {policy.ChildConsentFromAge}, which the child has not reached " +
                        "by the birth year-month; the legal guardians consent.");
                }

                break;

            case ConsentGiver.LegalGuardian:
                if (!individual.IsLegalGuardian(consent.GiverReference))
                {
                    Refuse($"'{nameof(Consent.GiverReference)}' does not name one of the child's {individual.LegalGuardianCount} legal guardian(s) " +
                        "given when the case was opened (Individual.LegalGuardians).", nameof(Consent.GiverReference));
                }

                if (consent.SoleGuardianReason is not null)
                {
                    if (individual.LegalGuardianCount != 2)
                    {
                        Refuse($"'{nameof(Consent.SoleGuardianReason)}' is for a child with two guardians; a sole guardian always decides alone.", nameof(Consent.SoleGuardianReason));
                    }

                    if (SipConsentRules.OtherGuardianRefused(current, consent, consent.Scope, party: null))
                    {
                        Refuse("The other guardian has withdrawn their consent: a guardian consents alone only while the other is prevented " +
                            "(föräldrabalken 6 kap. 13 § andra stycket), not when the other says no. The socialnämnd may decide under 13 a § " +
                            "(ConsentGiver.SocialWelfareBoard).", nameof(Consent.SoleGuardianReason));
                    }
                }

                break;

            case ConsentGiver.SocialWelfareBoard when individual.LegalGuardianCount != 2:
                Refuse("The socialnämnd decides without a guardian's consent (föräldrabalken 6 kap. 13 a §) only for a child with two guardians, one of whom does not consent.");
                break;
        }

        EnsureDocuments(consent);
    }

    // Who gave the consent, and the document it rests on, once the giver is one the law allows.
    private static void EnsureDocuments(Consent consent)
    {
        var givenBy = consent.GivenBy;
        void Refuse(string message, string param) => throw new ArgumentException(message, param);

        if (consent.GiverReference is null && givenBy is ConsentGiver.LegalGuardian or ConsentGiver.Proxy or ConsentGiver.CourtAppointedRepresentative)
        {
            Refuse($"'{nameof(Consent.GiverReference)}' is required when a {givenBy} consents, so that the library knows who consented.", nameof(Consent.GiverReference));
        }

        if (consent.DocumentReference is null && givenBy is ConsentGiver.Proxy or ConsentGiver.CourtAppointedRepresentative or ConsentGiver.SocialWelfareBoard)
        {
            var document = givenBy switch
            {
                ConsentGiver.Proxy => "the power of attorney (fullmakt)",
                ConsentGiver.CourtAppointedRepresentative => "the appointment (förordnande)",
                _ => "the socialnämnd's decision (föräldrabalken 6 kap. 13 a §)",
            };
            Refuse($"'{nameof(Consent.DocumentReference)}' is required when a {givenBy} consents: name {document}.", nameof(Consent.DocumentReference));
        }

    }
}
