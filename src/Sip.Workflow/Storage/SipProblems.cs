namespace Sip.Workflow.Storage;

/// <summary>
/// The one format for "these settings are not valid" messages: a subject, then one line per problem. Every options type
/// of the library and of its store providers reports its problems through it, so a host sees them all alike.
/// </summary>
public static class SipProblems
{
    /// <summary>Formats problems as one message: <c>"{subject}:"</c> followed by <c>"- {problem}"</c> on a line each.</summary>
    /// <param name="subject">What is not valid, e.g. "The SQLite store options are not valid".</param>
    /// <param name="problems">One sentence per problem.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> or <paramref name="problems"/> is <see langword="null"/>.</exception>
    public static string ToMessage(string subject, IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(problems);
        return $"{subject}:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}";
    }
}
