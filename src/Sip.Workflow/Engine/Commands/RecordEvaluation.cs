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
    /// <summary>The evaluation: the meeting (one of the case's that has begun), who answered, and 1 to 50 answers, each
    /// question once; the engine stamps when it was recorded.</summary>
    public required Evaluation Evaluation
    {
        get;
        init => field = Check.NotNull(value, nameof(Evaluation));
    }

    internal override SipTrigger Trigger => SipTrigger.RecordEvaluation;

    internal override string EventType => SipEventTypes.EvaluationRecorded;

    internal override SipApplied Apply(SipCase current, SipCommandContext context)
    {
        const string Meeting = $"{nameof(Evaluation)}.{nameof(Workflow.Evaluation.MeetingId)}", Answers = $"{nameof(Evaluation)}.{nameof(Workflow.Evaluation.Answers)}";
        var given = Evaluation;
        var meeting = current.Meetings.FirstOrDefault(m => m.Id == given.MeetingId)
            ?? throw new ArgumentException($"'{Meeting}' {given.MeetingId} is not a meeting of this case.", Meeting);
        if (meeting.StartsAt > context.Now + Check.ClockSkew)
        {
            throw new ArgumentException($"Meeting {meeting.Id} has not begun; record its evaluation once it has been held.", Meeting);
        }

        if (given.Answers.Count is 0 or > 50)
        {
            throw new ArgumentException($"'{Answers}' holds {given.Answers.Count} answers; give 1 to 50, one per question answered.", Answers);
        }

        if (given.Answers.GroupBy(a => a.QuestionId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"'{Answers}' answers question '{twice.Key}' more than once; each question is answered once.", Answers);
        }

        var evaluation = given with { RecordedAt = context.Now };
        return new SipApplied(current with { Evaluations = [.. current.Evaluations, evaluation] },
            Details(("meetingId", evaluation.MeetingId.ToString()), ("respondent", evaluation.Respondent.ToString()), ("answers", Count(evaluation.Answers.Count))));
    }
}
