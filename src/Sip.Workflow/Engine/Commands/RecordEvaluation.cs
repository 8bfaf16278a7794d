using Sip.Workflow.Internal;
using static Sip.Workflow.CommandHelpers;

namespace Sip.Workflow;

/// <summary>
/// Records one respondent's evaluation of a SIP meeting already begun, in the manner of SIPKollen: the individual's, next
/// of kin's and professionals' answers are kept apart (<see cref="Evaluation"/>), and summarised in the indicators.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record RecordEvaluation : SipCaseCommand
{
    /// <summary>The meeting evaluated: one of the case's meetings that has begun.</summary>
    public required MeetingId MeetingId
    {
        get;
        init => field = Check.Id(value, nameof(MeetingId));
    }

    /// <summary>Who answered.</summary>
    public required EvaluationRespondent Respondent
    {
        get;
        init => field = Check.Defined(value, nameof(Respondent));
    }

    /// <summary>The answers: 1 to 50, each question once.</summary>
    public required IReadOnlyList<EvaluationAnswer> Answers
    {
        get;
        init => field = Check.List(value, nameof(Answers), 50);
    }

    internal override SipTrigger Trigger => SipTrigger.RecordEvaluation;

    internal override string EventType => SipEventTypes.EvaluationRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        var meeting = current.Meetings.FirstOrDefault(m => m.Id == MeetingId)
            ?? throw new ArgumentException($"'{nameof(MeetingId)}' {MeetingId} is not a meeting of this case.", nameof(MeetingId));
        if (meeting.StartsAt > context.Now + Check.ClockSkew)
        {
            throw new ArgumentException($"Meeting {meeting.Id} has not begun; record its evaluation once it has been held.", nameof(MeetingId));
        }

        if (Answers.Count == 0)
        {
            throw new ArgumentException($"'{nameof(Answers)}' is empty; give one answer per question answered.", nameof(Answers));
        }

        if (Answers.GroupBy(a => a.QuestionId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"'{nameof(Answers)}' answers question '{twice.Key}' more than once; each question is answered once.", nameof(Answers));
        }

        var evaluation = new Evaluation { MeetingId = MeetingId, Respondent = Respondent, Answers = Answers, RecordedAt = context.Now };
        return new SipApplied(current with { Evaluations = [.. current.Evaluations, evaluation] },
            Details(("meetingId", MeetingId.ToString()), ("respondent", Respondent.ToString()), ("answers", Count(Answers.Count))));
    }
}
