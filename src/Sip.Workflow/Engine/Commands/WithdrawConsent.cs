using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records a withdrawal of consent (<i>återkallelse</i>): by whom, and of what — a scope, or the cover of one party.
/// </summary>
/// <remarks>
/// <para>
/// The withdrawal touches the consents of the one who withdraws: the individual's own (given by them, their ombud, or a
/// god man or förvaltare) when the individual or someone for them withdraws; one guardian's consents when a guardian
/// withdraws — never the other guardian's; the socialnämnd's decision when the nämnd withdraws it.
/// </para>
/// <para>
/// It ends the SIP (the case is closed with <see cref="ClosureReason.ConsentWithdrawn"/>) when it takes away consent to
/// the plan or to information sharing as a whole: always when the individual (or someone for them, or a mature child)
/// withdraws a scope, and when a guardian's or the nämnd's withdrawal leaves no one's consent to that scope standing.
/// One of two guardians withdrawing leaves the case open, and the guards then say that the joint consent no longer
/// stands. A withdrawal towards one <see cref="Party"/> never ends the SIP: that party's cover goes, and a participant
/// of that organisation no longer covered is taken out of the SIP (<see cref="Participant.ConsentWithdrawnAt"/>).
/// </para>
/// </remarks>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record WithdrawConsent : SipCaseCommand
{
    /// <summary>Who withdraws: the individual, their ombud or representative, one legal guardian, or the socialnämnd.</summary>
    public required ConsentGiver WithdrawnBy
    {
        get;
        init => field = Check.Defined(value, nameof(WithdrawnBy));
    }

    /// <summary>
    /// Which guardian, ombud or representative withdraws, as the host identifies them (as in
    /// <see cref="Consent.GiverReference"/>); required for those, never a personal identity number.
    /// </summary>
    public string? WithdrawnByReference
    {
        get;
        init
        {
            field = Check.OptionalText(value, nameof(WithdrawnByReference), SipLimits.NameMaxLength);
            PersonalIdentityNumber.Refuse(value, nameof(WithdrawnByReference));
        }
    }

    /// <summary>The scope withdrawn; every scope unless given. Ignored when <see cref="Party"/> is given.</summary>
    public ConsentScope Scope
    {
        get;
        init => field = Check.Flags(value, nameof(Scope));
    } = ConsentScope.All;

    /// <summary>The one party the consent is withdrawn towards ("I no longer want the school told"); <see langword="null"/> to withdraw <see cref="Scope"/>.</summary>
    public OrganisationReference? Party { get; init; }

    /// <summary>When it was withdrawn; now unless given. Not in the future.</summary>
    public DateTimeOffset? WithdrawnAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(WithdrawnAt));
    }

    /// <summary>A note on the withdrawal, if any.</summary>
    public string? Note
    {
        get;
        init => field = Check.OptionalText(value, nameof(Note), SipLimits.LongTextMaxLength, multiline: true);
    }

    internal override int LimitReservePercent => 10;

    internal override SipTrigger Trigger => SipTrigger.WithdrawConsent;

    internal override string EventType => SipEventTypes.ConsentWithdrawn;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var at = Check.Recorded(WithdrawnAt ?? context.Now, context.Now, nameof(WithdrawnAt));
        var today = SipLegalReferences.SwedishDateOf(context.Now);
        if (Party is null && Scope == ConsentScope.None)
        {
            throw new ArgumentException($"'{nameof(Scope)}' is None: name the scope withdrawn, or the one {nameof(Party)} it is withdrawn towards.", nameof(Scope));
        }

        if (WithdrawnByReference is null && WithdrawnBy is ConsentGiver.LegalGuardian or ConsentGiver.Proxy or ConsentGiver.CourtAppointedRepresentative)
        {
            throw new ArgumentException(
                $"'{nameof(WithdrawnByReference)}' is required when a {WithdrawnBy} withdraws, so that the record says who did.", nameof(WithdrawnByReference));
        }

        var isChild = current.IsChildOn(today);
        EnsureMayWithdraw(current, isChild, context.Policy);
        var individualsSide = WithdrawnBy is ConsentGiver.Individual or ConsentGiver.Proxy or ConsentGiver.CourtAppointedRepresentative;
        var touched = current.Consents.Where(c => c.IsActive && IsTouched(c, isChild, individualsSide)).ToArray();
        if (touched.Length == 0)
        {
            return Refusal(current, at, isChild, individualsSide, context);
        }

        if (touched.Any(x => x.GivenAt > at))
        {
            throw new ArgumentOutOfRangeException(nameof(WithdrawnAt), at,
                $"'{nameof(WithdrawnAt)}' lies before a standing consent was given; a consent is withdrawn after it is given.");
        }

        var scope = Party is null ? Scope : ConsentScope.None;
        if (Party is null && !touched.Any(c => (c.StandingScope & scope) != 0))
        {
            throw new ArgumentException(
                $"No standing consent of this {WithdrawnBy} covers {Scope}; nothing would be withdrawn.", nameof(Scope));
        }

        var withdrawal = new ConsentWithdrawal { WithdrawnAt = at, WithdrawnBy = WithdrawnBy, WithdrawnByReference = WithdrawnByReference, Scope = scope, Party = Party };
        var consents = current.Consents.Select(c =>
        {
            if (Array.IndexOf(touched, c) < 0 || (Party is null && (c.StandingScope & scope) == 0))
            {
                return c;
            }

            var withdrawn = c with { Withdrawals = [.. c.Withdrawals, withdrawal with { Scope = c.StandingScope & scope }] };
            return withdrawn.StandingScope == ConsentScope.None ? withdrawn with { WithdrawnAt = at } : withdrawn;
        }).ToArray();
        var staged = current with { Consents = consents };

        if (Party is { } party)
        {
            // The party's cover goes; a participant of that organisation the consents no longer cover leaves the SIP.
            var left = 0;
            var participants = staged.Participants.Select(p =>
            {
                if (!p.IsActive || !p.Organisation.MayBeSameOrganisation(party) || staged.IsCoveredByConsent(p, today, context.Policy))
                {
                    return p;
                }

                left++;
                return p with { ConsentWithdrawnAt = at };
            }).ToArray();
            return new SipApplied(staged with { Participants = participants },
                Details(("withdrawnBy", WithdrawnBy.ToString()), ("towardsOneParty", Flag(true)), ("participantsLeft", Count(left)), ("withdrawnAt", Moment(at))));
        }

        // Only consent to the plan, or to information sharing as a whole, ends the SIP: the individual's own withdrawal
        // always; a guardian's or the nämnd's when no one's consent to the scope is left standing.
        var ends = individualsSide
            || ((scope & ConsentScope.InformationSharing) != 0 && !staged.HasConsent(ConsentScope.InformationSharing, today, context.Policy))
            || ((scope & ConsentScope.PlanEstablishment) != 0 && !staged.HasConsent(ConsentScope.PlanEstablishment, today, context.Policy));
        if (ends)
        {
            staged = EndSip(staged, context);
        }

        return new SipApplied(staged,
            Details(("withdrawnBy", WithdrawnBy.ToString()), ("scope", scope.ToString()), ("withdrawnConsents", Count(touched.Length)),
                ("endsSip", Flag(ends)), ("withdrawnAt", Moment(at))));
    }

    // The SIP ends: closed for a withdrawn consent, and a booked follow-up will not be held.
    private SipCase EndSip(SipCase staged, SipCommandContext context) => Closed(staged, ClosureReason.ConsentWithdrawn, context.Now, Note);

    // Only someone who may consent may withdraw: a guardian while the individual is a child, a god man or förvaltare where
    // the policy lets them consent, and a guardian named on the case.
    private void EnsureMayWithdraw(SipCase current, bool isChild, SipPolicy policy)
    {
        if (WithdrawnBy is ConsentGiver.LegalGuardian or ConsentGiver.SocialWelfareBoard && !isChild)
        {
            throw new ArgumentException(
                $"The individual is an adult{(current.Individual.IsChild ? " (come of age: the guardians' consents have lapsed)" : string.Empty)}; " +
                $"a {WithdrawnBy} no longer decides. The individual withdraws, or says no (WithdrawnBy = Individual).", nameof(WithdrawnBy));
        }

        if (WithdrawnBy == ConsentGiver.CourtAppointedRepresentative && !policy.CourtAppointedRepresentativeMayConsent)
        {
            throw new ArgumentException(
                $"The policy '{policy.Name}' does not let a god man or förvaltare consent, so neither do they withdraw: consent is the individual's own.",
                nameof(WithdrawnBy));
        }

        if (WithdrawnBy == ConsentGiver.LegalGuardian && !current.Individual.IsLegalGuardian(WithdrawnByReference))
        {
            throw new ArgumentException(
                $"'{nameof(WithdrawnByReference)}' does not name one of the child's legal guardians (Individual.LegalGuardians).", nameof(WithdrawnBy));
        }
    }

    // Someone with no standing consent of their own says no: one of two guardians while the other consents alone (the
    // other is then no longer "prevented"), or a young adult after the guardians' consents lapsed (the SIP ends).
    private SipApplied Refusal(SipCase current, DateTimeOffset at, bool isChild, bool individualsSide, SipCommandContext context)
    {
        var refusal = new ConsentWithdrawal { WithdrawnAt = at, WithdrawnBy = WithdrawnBy, WithdrawnByReference = WithdrawnByReference, Scope = Party is null ? Scope : ConsentScope.None, Party = Party };
        var guardianObjects = WithdrawnBy == ConsentGiver.LegalGuardian && current.Individual.LegalGuardianCount == 2
            && current.Consents.Any(c => c.IsActive && c.GivenBy == ConsentGiver.LegalGuardian);
        var youngAdultRefuses = individualsSide && !isChild && current.Individual.IsChild && current.Consents.Any(c => c.IsActive);
        if (!guardianObjects && !youngAdultRefuses)
        {
            throw new ArgumentException(
                $"Case {current.Id} has no standing consent given by this {WithdrawnBy} to withdraw. A guardian withdraws their own consent, " +
                "the individual (or someone for them) the individual's; if the individual says no to the offer of a SIP, record DeclineOffer.",
                nameof(WithdrawnBy));
        }

        var staged = current with { ConsentRefusals = [.. current.ConsentRefusals, refusal] };
        var ends = youngAdultRefuses && Party is null;
        if (ends)
        {
            staged = EndSip(staged, context);
        }

        return new SipApplied(staged,
            Details(("withdrawnBy", WithdrawnBy.ToString()), ("refusal", Flag(true)), ("scope", refusal.Scope.ToString()),
                ("towardsOneParty", Party is null ? null : Flag(true)), ("endsSip", Flag(ends)), ("withdrawnAt", Moment(at))));
    }

    private bool IsTouched(Consent consent, bool isChild, bool individualsSide)
    {
        if (individualsSide)
        {
            // The individual's own consents, whoever of their side gave them; a child withdraws only the child's own.
            return isChild
                ? consent.GivenBy == ConsentGiver.Individual
                : consent.GivenBy is ConsentGiver.Individual or ConsentGiver.Proxy or ConsentGiver.CourtAppointedRepresentative;
        }

        return WithdrawnBy switch
        {
            ConsentGiver.LegalGuardian => consent.GivenBy == ConsentGiver.LegalGuardian && SipConsentRules.SameGuardian(consent.GiverReference, WithdrawnByReference),
            _ => consent.GivenBy == ConsentGiver.SocialWelfareBoard,
        };
    }
}
