using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records that one principal documented the closing of a closed case (<i>varje huvudman ansvarar för att dokumentera
/// avslutet</i>), once per principal that took part, naming a unit of it on the case. Where the policy asks for it
/// (<see cref="SipPolicy.RequireClosingByEachPrincipal"/>), the closing is due work until every such principal has
/// (<see cref="SipRequirements.DeadlineClosingDocumented"/>). The only step a closed case takes.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record DocumentClosing : SipCaseCommand
{
    /// <summary>The principal documenting, its unit and note. The engine stamps when.</summary>
    public required PrincipalClosing Closing
    {
        get;
        init => field = Check.NotNull(value, nameof(Closing));
    }

    internal override SipTrigger Trigger => SipTrigger.DocumentClosing;

    internal override string EventType => SipEventTypes.ClosingDocumented;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var principalParam = $"{nameof(Closing)}.{nameof(PrincipalClosing.Principal)}";
        if (current.PrincipalClosings.Any(c => c.Principal == Closing.Principal))
        {
            throw new ArgumentException($"The {Closing.Principal} has already documented the closing of this case.", principalParam);
        }

        // The principals that took part document; the unit named is one of theirs on this case.
        var units = current.UnitsOf(Closing.Principal).ToList();
        if (units.Count == 0)
        {
            throw new ArgumentException(
                $"The {Closing.Principal} took no part in this SIP (no unit of it was called); only the principals that took part document the closing.", principalParam);
        }

        if (!units.Contains(Closing.Organisation))
        {
            var param = $"{nameof(Closing)}.{nameof(PrincipalClosing.Organisation)}";
            throw new ArgumentException(
                $"'{param}' is '{Closing.Organisation.Name}', which is not a unit of the {Closing.Principal} on this case (" +
                string.Join(", ", units.Distinct().Select(u => $"'{u.Name}'")) + ").", param);
        }

        var closing = Closing with { DocumentedAt = context.Now };
        return new SipApplied(current with { PrincipalClosings = [.. current.PrincipalClosings, closing] },
            Details(("principal", closing.Principal.ToString())));
    }
}
