using System.Text.Json.Serialization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>Who answered an evaluation of a SIP meeting: their answers are kept and summarised apart.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvaluationRespondent>))]
public enum EvaluationRespondent
{
    /// <summary>The individual the plan is for (<i>den enskilde</i>).</summary>
    [JsonStringEnumMemberName("Individual")]
    Individual = 1,

    /// <summary>Next of kin (<i>närstående</i>).</summary>
    [JsonStringEnumMemberName("NextOfKin")]
    NextOfKin = 2,

    /// <summary>A professional taking part (<i>medverkande verksamhet</i>).</summary>
    [JsonStringEnumMemberName("Professional")]
    Professional = 3,
}

/// <summary>One answer of an evaluation: a question, by the id the host's questionnaire gives it, and a score of 1 to 5.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record EvaluationAnswer
{
    /// <summary>The lowest score.</summary>
    public const int LowestScore = 1;

    /// <summary>The highest score.</summary>
    public const int HighestScore = 5;

    /// <summary>The question's id in the host's questionnaire: 1 to 40 letters a–z, digits, '-' or '_' (a code, never the question's text).</summary>
    /// <exception cref="ArgumentException">The id is empty, too long or holds another character.</exception>
    public required string QuestionId
    {
        get;
        init => field = ValidQuestionId(value, nameof(QuestionId));
    }

    /// <summary>The score, <see cref="LowestScore"/> (not at all) to <see cref="HighestScore"/> (fully).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 1 to 5.</exception>
    public required int Score
    {
        get;
        init => field = value is >= LowestScore and <= HighestScore
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Score), value, $"A score is {LowestScore} to {HighestScore}.");
    }

    /// <summary>Shows the question id and score: codes and numbers only.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"EvaluationAnswer {QuestionId}={Score}";

    internal static string ValidQuestionId(string? value, string paramName)
    {
        // A code, so it can name a sum of the indicators and can never carry free text.
        if (string.IsNullOrEmpty(value) || value.Length > 40 || !value.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_'))
        {
            throw new ArgumentException($"'{paramName}' must be 1 to 40 letters a-z, digits, '-' or '_': a question's id, not its text.", paramName);
        }

        return value;
    }
}

/// <summary>
/// An evaluation of a SIP meeting by one respondent, in the manner of SIPKollen (a short questionnaire after each
/// meeting, recommended in Riktlinje SIP, Västra Götaland): the questions are the host's data, named by id; the answers
/// are scores. Stored on the case and summarised, per respondent kind and question, in the indicators.
/// </summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Evaluation
{
    /// <summary>The meeting evaluated.</summary>
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

    /// <summary>The answers, one per question.</summary>
    public required IReadOnlyList<EvaluationAnswer> Answers
    {
        get;
        init => field = Check.List(value, nameof(Answers), SipLimits.MaxItems);
    }

    /// <summary>When it was recorded. Stamped by the engine. Whatever a command carries here (from JSON, say) is replaced.</summary>
    [JsonInclude]
    public DateTimeOffset RecordedAt
    {
        get;
        internal init => field = Check.Stamped(value, Check.Moment, nameof(RecordedAt));
    }

    /// <summary>Shows the meeting, the respondent kind and how many answers.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Evaluation {MeetingId} ({Respondent}, {Answers.Count} answers)";
}
