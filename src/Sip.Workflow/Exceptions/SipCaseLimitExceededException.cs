using System.Globalization;
using System.Text.Json.Serialization;

namespace Sip.Workflow;

/// <summary>Which bound of a case a command would cross (see <see cref="SipWorkflowOptions.MaxCaseDocumentBytes"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SipCaseLimit>))]
public enum SipCaseLimit
{
    /// <summary>The size of the stored case document, in UTF-8 bytes.</summary>
    DocumentSize = 1,

    /// <summary>The number of events in the case's history.</summary>
    EventCount = 2,
}

/// <summary>
/// A command would make a case larger than the engine allows (<see cref="SipWorkflowOptions.MaxCaseDocumentBytes"/>,
/// <see cref="SipWorkflowOptions.MaxEventsPerCase"/>). Nothing was written. Closing the case, withdrawing consent,
/// declining and changing the individual's details (protected identity) have a reserve above the limits and still go through.
/// </summary>
/// <remarks>
/// A case that reaches a limit is almost always a mistake or an attack (a whole journal pasted into a plan, a loop
/// re-sending a command): the bound keeps every command on the case fast and every copy of it readable. A SIP that has
/// truly outgrown it is closed and a new one opened for the individual (<c>CloseAndRestart</c>).
/// </remarks>
/// <threadsafety>Immutable once thrown; safe to share between threads.</threadsafety>
public sealed class SipCaseLimitExceededException : SipWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="limit">Which bound.</param>
    /// <param name="maximum">The bound in force for this command.</param>
    /// <param name="actual">What the case would have become.</param>
    public SipCaseLimitExceededException(SipCaseId caseId, SipCaseLimit limit, long maximum, long actual)
        : base(Describe(caseId, limit, maximum, actual))
    {
        CaseId = caseId;
        Limit = limit;
        Maximum = maximum;
        Actual = actual;
    }

    /// <summary>The case.</summary>
    public SipCaseId CaseId { get; }

    private static string Describe(SipCaseId caseId, SipCaseLimit limit, long maximum, long actual) => limit == SipCaseLimit.DocumentSize
        ? string.Create(CultureInfo.InvariantCulture,
            $"Case {caseId} would grow to {actual} bytes, above the limit of {maximum} bytes (MaxCaseDocumentBytes). Nothing was saved. Shorten the text of this change; a SIP that has truly outgrown the limit is closed and a new one opened.")
        : string.Create(CultureInfo.InvariantCulture,
            $"Case {caseId} would have {actual} events, above the limit of {maximum} (MaxEventsPerCase). Nothing was saved. A SIP that has truly outgrown the limit is closed and a new one opened.");

    /// <summary>Which bound the command would cross.</summary>
    public SipCaseLimit Limit { get; }

    /// <summary>The bound in force for this command (with the reserve, for a command that has one).</summary>
    public long Maximum { get; }

    /// <summary>What the case would have become: bytes or events.</summary>
    public long Actual { get; }
}
