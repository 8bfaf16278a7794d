using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records that the information needed after discharge was transferred to the kommun and outpatient care, when it was
/// not recorded with the discharge itself: clears <see cref="SipRequirements.DeadlineDischargeInformation"/>.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordInformationTransfer : SipCaseCommand
{
    /// <summary>When it was transferred; now unless given. Not in the future, nor before the admission.</summary>
    public DateTimeOffset? TransferredAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(TransferredAt));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordInformationTransfer;

    internal override string EventType => SipEventTypes.InformationTransferRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var at = Check.Recorded(TransferredAt ?? context.Now, context.Now, nameof(TransferredAt));
        // The earliest discharge still without its transfer: a new admission since does not hide it.
        if (current.DischargeEpisodes.FirstOrDefault(e => e is { IsDischarged: true, InformationTransferredAt: null }) is not { } stay)
        {
            throw new ArgumentException(
                current.DischargeEpisodes.Any(e => e.IsDischarged)
                    ? "The transfer of information is already recorded for every discharge."
                    : "No discharge awaits its transfer of information; record the discharge (RecordDischarge), with the transfer if it was made.",
                "command");
        }

        if (stay.AdmittedAt is { } admitted && at < admitted)
        {
            throw new ArgumentOutOfRangeException(nameof(TransferredAt), at, $"'{nameof(TransferredAt)}' lies before the admission.");
        }

        var onTime = SipLegalReferences.SwedishDateOf(at) <= SipLegalReferences.SwedishDateOf(stay.DischargedAt!.Value);
        return new SipApplied(current with { DischargeEpisodes = Replace(current.DischargeEpisodes, stay, stay with { InformationTransferredAt = at }) },
            Details(("transferredAt", Moment(at)), ("informationTransferredByDischargeDay", Flag(onTime))));
    }
}
