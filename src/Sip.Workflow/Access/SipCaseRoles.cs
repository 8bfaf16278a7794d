using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>
/// What an actor is in one case, derived by the library from the case (<see cref="SipCase.RolesOf"/>); an actor may hold
/// several at once.
/// </summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<SipCaseRoles>))]
public enum SipCaseRoles
{
    /// <summary>No part in the case.</summary>
    None = 0,

    /// <summary>The unit that opened the case (<see cref="SipCase.IdentifyingUnit"/>, or the opener's organisation).</summary>
    OpeningUnit = 1,

    /// <summary>A called principal's unit still taking part (<see cref="ParticipationRole.Called"/>).</summary>
    CalledUnit = 2,

    /// <summary>An invited actor still taking part (<see cref="ParticipationRole.Invited"/>).</summary>
    InvitedActor = 4,

    /// <summary>The unit holding the lead (<see cref="LeadPrincipal.Organisation"/>).</summary>
    LeadUnit = 8,

    /// <summary>The named coordinator (<see cref="LeadPrincipal.Coordinator"/>, by <see cref="ContactPerson.UserId"/>).</summary>
    Coordinator = 16,

    /// <summary>
    /// A user the case names by user id: its opener, its coordinator, a participant's contact person or substitute. Only they
    /// read a case whose individual has a protected identity under the default rules.
    /// </summary>
    NamedUser = 32,

    /// <summary>The individual's proxy (<i>ombud</i>): the giver of a standing consent given by <see cref="ConsentGiver.Proxy"/>, by user id.</summary>
    Proxy = 64,
}

/// <summary>How the roles are derived.</summary>
internal static class SipCaseRoleRules
{
    public static SipCaseRoles Of(SipCase sipCase, SipActor actor)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        ArgumentNullException.ThrowIfNull(actor);
        var unit = actor.Unit;
        var roles = SipCaseRoles.None;
        if (sipCase.IdentifyingUnit is { } opening ? opening.IsSameOrganisation(unit) : sipCase.OpenedBy?.Unit.IsSameOrganisation(unit) == true)
        {
            roles |= SipCaseRoles.OpeningUnit;
        }

        // Indexed loops, not LINQ or an enumerator: the rules derive the roles on every command and every read.
        var participants = sipCase.Participants;
        for (var i = 0; i < participants.Count; i++)
        {
            var participant = participants[i];
            // A party that forwarded its summons or towards whom consent was withdrawn takes no part any more: it must not read on.
            if (participant.IsActive && participant.Organisation.IsSameOrganisation(unit))
            {
                roles |= participant.Role == ParticipationRole.Called ? SipCaseRoles.CalledUnit : SipCaseRoles.InvitedActor;
            }

            if (Names(participant.Contact, actor) || Names(participant.Substitute?.Person, actor))
            {
                roles |= SipCaseRoles.NamedUser;
            }
        }

        if (sipCase.LeadPrincipal is { } lead)
        {
            if (lead.Organisation.IsSameOrganisation(unit))
            {
                roles |= SipCaseRoles.LeadUnit;
            }

            if (Names(lead.Coordinator, actor))
            {
                roles |= SipCaseRoles.Coordinator | SipCaseRoles.NamedUser;
            }
        }

        if (sipCase.OpenedBy is { } opener && SameUser(opener.UserId, actor.UserId))
        {
            roles |= SipCaseRoles.NamedUser;
        }

        var consents = sipCase.Consents;
        for (var i = 0; i < consents.Count; i++)
        {
            if (consents[i] is { IsActive: true, GivenBy: ConsentGiver.Proxy } consent && SameUser(consent.GiverReference, actor.UserId))
            {
                roles |= SipCaseRoles.Proxy;
                break;
            }
        }

        return roles;
    }

    private static bool Names(ContactPerson? person, SipActor actor) => SameUser(person?.UserId, actor.UserId);

    // Trimmed and without regard to case, as the access keys compare them (SipCaseAccessKeys.UserKey).
    private static bool SameUser(string? named, string userId) => named is not null && Internal.SipKeyText.Same(named, userId);
}
