using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records that the ready-for-discharge notice was revoked (the patient is no longer ready): the discharge summons
/// deadline falls away until a renewed notice (<see cref="RecordReadyForDischarge"/>).
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RevokeReadyForDischarge : SipCaseCommand
{
    /// <summary>When it was revoked; now unless given. Not in the future.</summary>
    public DateTimeOffset? RevokedAt
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(RevokedAt));
    }

    internal override SipTrigger Trigger => SipTrigger.RevokeReadyForDischarge;

    internal override string EventType => SipEventTypes.ReadyForDischargeRevoked;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var at = Check.Recorded(RevokedAt ?? context.Now, context.Now, nameof(RevokedAt));
        var stay = CurrentStay(current, "command");
        if (stay.StandingNotice is not { } notice)
        {
            throw new ArgumentException("No ready-for-discharge notice stands for the current stay; there is nothing to revoke.", "command");
        }

        if (at < notice.NotifiedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(RevokedAt), at, $"'{nameof(RevokedAt)}' lies before the notice it revokes.");
        }

        var notices = Replace(stay.ReadyNotices, notice, notice with { RevokedAt = at });
        return new SipApplied(ReplaceStay(current, stay with { ReadyNotices = notices }), Details(("revokedAt", Moment(at))));
    }
}
