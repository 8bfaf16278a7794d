using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records a ready-for-discharge notice (<i>underrättelse om utskrivningsklar</i>) for the current stay, or a renewed one
/// after a revocation: the discharge summons deadline runs from the latest standing notice.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordReadyForDischarge : SipCaseCommand
{
    /// <summary>When the notice was received; not in the future.</summary>
    public required DateTimeOffset NotifiedAt
    {
        get;
        init => field = Check.Moment(value, nameof(NotifiedAt));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordReadyForDischarge;

    internal override string EventType => SipEventTypes.ReadyForDischargeRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        Check.Recorded(NotifiedAt, context.Now, nameof(NotifiedAt));
        var stay = CurrentStay(current, nameof(NotifiedAt));
        if (stay.StandingNotice is not null)
        {
            throw new ArgumentException(
                "A ready-for-discharge notice already stands for this stay; revoke it (RevokeReadyForDischarge) before a renewed notice.", nameof(NotifiedAt));
        }

        if ((stay.AdmittedAt is { } admitted && NotifiedAt < admitted) || (stay.ReadyNotices.Count > 0 && NotifiedAt < stay.ReadyNotices[^1].RevokedAt))
        {
            throw new ArgumentOutOfRangeException(nameof(NotifiedAt), NotifiedAt,
                $"'{nameof(NotifiedAt)}' lies before the admission or the last revocation; a notice follows them.");
        }

        var renewed = stay.ReadyNotices.Count > 0;
        return new SipApplied(ReplaceStay(current, stay with { ReadyNotices = [.. stay.ReadyNotices, new ReadyForDischargeNotice { NotifiedAt = NotifiedAt }] }),
            Details(("notifiedAt", Moment(NotifiedAt)), ("renewed", Flag(renewed))));
    }
}
