using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records that one principal documented the closing of a closed case (<i>varje huvudman ansvarar för att dokumentera
/// avslutet</i>): until every principal that took part has, the closing is due work
/// (<see cref="SipRequirements.ClosingDocumented"/>). The only step a closed case takes.
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
        if (current.PrincipalClosings.Any(c => c.Principal == Closing.Principal))
        {
            throw new ArgumentException($"The {Closing.Principal} has already documented the closing of this case.",
                $"{nameof(Closing)}.{nameof(PrincipalClosing.Principal)}");
        }

        var closing = Closing with { DocumentedAt = context.Now };
        return new SipApplied(current with { PrincipalClosings = [.. current.PrincipalClosings, closing] },
            Details(("principal", closing.Principal.ToString())));
    }
}
