namespace Sip.Workflow;

/// <summary>Whether a consent stands (<see cref="Given"/>) and whether it is complete as the law requires (<see cref="Complete"/>).</summary>
/// <param name="Given">Someone with the right to consent has consented (CONSENT-INFORMATION-SHARING, CONSENT-PLAN).</param>
/// <param name="Complete">For a child, the guardians' consent as föräldrabalken requires it, or the mature child's own (CONSENT-BOTH-GUARDIANS); always true for an adult.</param>
internal readonly record struct ConsentStanding(bool Given, bool Complete);

/// <summary>
/// Who may consent for the individual on a given day, and what together makes a consent stand: the one place the
/// consent rules of OSL 12 kap. 2–3 §§ and föräldrabalken 6 kap. 2, 11, 13 and 13 a §§ are read.
/// </summary>
internal static class SipConsentRules
{
    /// <summary>Evaluates the consents to <paramref name="scope"/> on <paramref name="asOf"/>, towards <paramref name="party"/> when given.</summary>
    public static ConsentStanding Evaluate(SipCase sipCase, ConsentScope scope, DateOnly asOf, SipPolicy policy, Participant? party)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var individual = sipCase.Individual;
        var consents = sipCase.Consents;

        if (!sipCase.IsChildOn(asOf))
        {
            // An adult's consent is their own; a guardian's consent lapsed when they came of age (FB 6 kap. 2 §).
            return new(consents.Any(c => Stands(c, scope, party) && IsIndividualsOwn(c, policy)), Complete: true);
        }

        // A child the policy lets decide over their own secrecy, with the maturity assessment recorded (OSL 12 kap. 3 §):
        // once the child has consented, the child's consents alone decide — the guardians cannot cover a party the child
        // excepted or withdrew from.
        if (consents.Any(c => IsMatureChildsOwn(c, policy)))
        {
            var own = consents.Any(c => Stands(c, scope, party) && IsMatureChildsOwn(c, policy));
            return new(Given: own, Complete: own);
        }

        var guardians = consents.Where(c => Stands(c, scope, party) && c.GivenBy == ConsentGiver.LegalGuardian && individual.IsLegalGuardian(c.GiverReference)).ToList();
        if (guardians.Count == 0)
        {
            return new(Given: false, Complete: false);
        }

        var everyGuardian = individual.LegalGuardians.All(g => guardians.Any(c => SameGuardian(c.GiverReference, g)));
        var twoGuardians = individual.LegalGuardianCount == 2;

        // 13 § andra stycket: one guardian alone while the other is prevented — not once the other has refused.
        var alone = twoGuardians && guardians.Any(c => c.SoleGuardianReason is not null && !OtherGuardianRefused(sipCase, c, scope, party));

        // 13 a §: the socialnämnd decided that the measure may go ahead without the other guardian's consent.
        var board = twoGuardians && consents.Any(c => Stands(c, scope, party) && c.GivenBy == ConsentGiver.SocialWelfareBoard);
        return new(Given: true, Complete: everyGuardian || alone || board);
    }

    /// <summary>Whether a consent by this giver is the individual's own: the individual, their ombud, or a god man or förvaltare where the policy allows.</summary>
    public static bool IsIndividualsOwn(Consent consent, SipPolicy policy)
        => consent.GivenBy is ConsentGiver.Individual or ConsentGiver.Proxy
            || (consent.GivenBy == ConsentGiver.CourtAppointedRepresentative && policy.CourtAppointedRepresentativeMayConsent);

    /// <summary>Whether a consent is a child's own, given with the maturity assessment under a policy that allows it.</summary>
    public static bool IsMatureChildsOwn(Consent consent, SipPolicy policy)
        => consent.GivenBy == ConsentGiver.Individual && consent.MaturityAssessment is not null && policy.ChildConsentFromAge is not null;

    /// <summary>Whether two guardian references name the same guardian (without regard to case or surrounding white space).</summary>
    public static bool SameGuardian(string? a, string? b)
        => a is not null && b is not null && string.Equals(Individual.GuardianKey(a), Individual.GuardianKey(b), StringComparison.Ordinal);

    /// <summary>Whether the guardian other than the giver of <paramref name="alone"/> has withdrawn consent to <paramref name="scope"/> (or towards the party).</summary>
    public static bool OtherGuardianRefused(SipCase sipCase, Consent alone, ConsentScope scope, Participant? party)
    {
        bool Refuses(ConsentWithdrawal w) => (w.Scope & scope) != 0 || (party is not null && w.Party is { } p && p.MayBeSameOrganisation(party.Organisation));
        return sipCase.Consents.Any(c => c.GivenBy == ConsentGiver.LegalGuardian && !SameGuardian(c.GiverReference, alone.GiverReference) && c.Withdrawals.Any(Refuses))
            || sipCase.ConsentRefusals.Any(w => w.WithdrawnBy == ConsentGiver.LegalGuardian && !SameGuardian(w.WithdrawnByReference, alone.GiverReference) && Refuses(w));
    }

    private static bool Stands(Consent consent, ConsentScope scope, Participant? party)
        => consent.Covers(scope) && (party is null || consent.CoversParty(party.Kind, party.Organisation));
}
