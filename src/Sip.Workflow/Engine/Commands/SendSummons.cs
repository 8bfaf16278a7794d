using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>Sends the summons to the called principals and the invitations to the invited actors for the plan meeting.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SendSummons : SipCaseCommand
{
    internal override SipTrigger Trigger => SipTrigger.SendSummons;

    internal override string EventType => SipEventTypes.SummonsSent;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        // Without a meeting there is nothing to summon to; the SUMMONS-MEETING guard reports it with the rest.
        if (current.MeetingToSummon is not { } meeting)
        {
            return new SipApplied(current, Details());
        }

        // A meeting already begun is refused by the SUMMONS-MEETING-AHEAD guard, so the checklist shows it too.
        var summons = SummonsTo(current, meeting.Id, context.Now);
        return new SipApplied(current with { SummonsSent = [.. current.SummonsSent, summons], FirstSummonsSentAt = current.FirstSummonsSentAt ?? context.Now },
            Details(("meetingId", meeting.Id.ToString()), ("called", Count(summons.Called.Count)), ("invited", Count(summons.Invited.Count)),
                ("interpreterNeeded", Flag(summons.InterpreterLanguage is not null)), ("protectedIdentity", Flag(summons.ProtectedIdentity))));
    }
}
