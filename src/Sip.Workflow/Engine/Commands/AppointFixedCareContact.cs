using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records the fixed care contact (<i>fast vårdkontakt</i>) region-financed outpatient care appointed for the current
/// stay: the one who summons to SIP within three days of the ready-for-discharge notice. A new appointment replaces the old.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record AppointFixedCareContact : SipCaseCommand
{
    /// <summary>The fixed care contact; its <see cref="FixedCareContact.AppointedAt"/> is stamped now.</summary>
    public required FixedCareContact FixedCareContact
    {
        get;
        init => field = Check.NotNull(value, nameof(FixedCareContact));
    }

    internal override SipTrigger Trigger => SipTrigger.AppointFixedCareContact;

    internal override string EventType => SipEventTypes.FixedCareContactAppointed;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var stay = CurrentStay(current, nameof(FixedCareContact));
        var contact = FixedCareContact with { AppointedAt = context.Now };
        return new SipApplied(ReplaceStay(current, stay with { FixedCareContact = contact }),
            Details(("replaced", Flag(stay.FixedCareContact is not null))));
    }
}
