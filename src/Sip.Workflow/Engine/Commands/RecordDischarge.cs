using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Records that the patient was discharged from the current stay, and when the information was transferred.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordDischarge : SipCaseCommand
{
    /// <summary>When the patient was discharged; not in the future.</summary>
    public required DateTimeOffset DischargedAt
    {
        get;
        init => field = Check.Moment(value, nameof(DischargedAt));
    }

    /// <summary>
    /// When the information needed after discharge was transferred to the kommun and outpatient care (due at the latest
    /// on the day of discharge), if it was; not in the future.
    /// </summary>
    public DateTimeOffset? InformationTransferredAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(InformationTransferredAt));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordDischarge;

    internal override string EventType => SipEventTypes.DischargeRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        Check.Recorded(DischargedAt, context.Now, nameof(DischargedAt));
        if (InformationTransferredAt is { } transferred)
        {
            Check.Recorded(transferred, context.Now, nameof(InformationTransferredAt));
        }

        var stay = CurrentStay(current, nameof(DischargedAt));
        if (stay.AdmittedAt is { } admitted && DischargedAt < admitted)
        {
            throw new ArgumentOutOfRangeException(nameof(DischargedAt), DischargedAt, $"'{nameof(DischargedAt)}' lies before the admission.");
        }

        var sameDay = InformationTransferredAt is { } at
            && SipLegalReferences.SwedishDateOf(at) <= SipLegalReferences.SwedishDateOf(DischargedAt);
        return new SipApplied(ReplaceStay(current, stay with { DischargedAt = DischargedAt, InformationTransferredAt = InformationTransferredAt }),
            Details(("dischargedAt", Moment(DischargedAt)), ("informationTransferredByDischargeDay", Flag(sameDay))));
    }
}
