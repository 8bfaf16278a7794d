using Sip.Workflow.Internal;

namespace Sip.Workflow.Exchange;

/// <summary>Who this system is in the exchange between the two principals' systems.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipExchangeOptions
{
    /// <summary>This system's name as the other principal knows it (e.g. <c>"Treserva"</c>, <c>"Cosmic"</c>): it is the <see cref="ExternalCaseReference.System"/> of every case sent from here.</summary>
    public required string System
    {
        get;
        init => field = Check.Text(value, nameof(System), SipLimits.NameMaxLength);
    }

    /// <summary>The principal this system keeps records for.</summary>
    public required PrincipalKind Principal
    {
        get;
        init => field = Check.Defined(value, nameof(Principal));
    }

    /// <summary>
    /// The units this system receives for and sends from (their HSA ids or organisation numbers, with names): a message to
    /// another unit is refused, and a case's messages are sent from the first of these that takes part in it.
    /// </summary>
    public required IReadOnlyList<OrganisationReference> Units
    {
        get;
        init => field = Check.List(value, nameof(Units), SipLimits.MaxItems) is { Count: > 0 } units
            ? units
            : throw new ArgumentException($"'{nameof(Units)}' is empty; name at least one unit this system serves.", nameof(Units));
    }

    /// <summary>
    /// Which summoned parties get the summons through the exchange. The default: the called units of the other principal
    /// (<see cref="Participant.Principal"/> differs from <see cref="Principal"/>); invited actors and this principal's own
    /// units are reached the way the host reaches them today.
    /// </summary>
    public Func<Participant, bool>? SendsSummonsTo { get; init; }

    /// <summary>Shows the system and principal only.</summary>
    public override string ToString() => $"SipExchangeOptions ({System}, {Principal})";
}
