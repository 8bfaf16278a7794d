using System.Globalization;
using Sip.Workflow.Internal;

namespace Sip.Workflow.Storage;

/// <summary>
/// A position in the query order (next deadline, then id): what a continuation token encodes. Stores use it to seek
/// to the next page.
/// </summary>
/// <param name="NextDeadlineUtcTicks">The last case's next deadline in UTC ticks, or <see langword="null"/> when it had none.</param>
/// <param name="CaseId">The last case's id.</param>
public readonly record struct SipCaseCursor(long? NextDeadlineUtcTicks, SipCaseId CaseId)
{
    /// <summary>The cursor just after <paramref name="sipCase"/>.</summary>
    /// <param name="sipCase">The last case of a page.</param>
    public static SipCaseCursor After(SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        return new(sipCase.NextDeadline?.UtcTicks, sipCase.Id);
    }

    /// <summary>Whether <paramref name="sipCase"/> comes after this cursor in query order.</summary>
    /// <param name="sipCase">A case.</param>
    public bool IsBefore(SipCase sipCase) => Compare(SipCaseCursor.After(sipCase), this) > 0;

    /// <summary>Orders cursors: next deadline ascending with none last, then case id.</summary>
    /// <param name="a">One.</param>
    /// <param name="b">The other.</param>
    public static int Compare(SipCaseCursor a, SipCaseCursor b)
    {
        var byDeadline = (a.NextDeadlineUtcTicks, b.NextDeadlineUtcTicks) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } x, { } y) => x.CompareTo(y),
        };
        return byDeadline != 0 ? byDeadline : a.CaseId.Value.CompareTo(b.CaseId.Value);
    }

    /// <summary>The token text.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{NextDeadlineUtcTicks?.ToString(CultureInfo.InvariantCulture) ?? "-"}.{CaseId}");

    /// <summary>Reads a token made by <see cref="ToString"/>.</summary>
    /// <param name="token">The token.</param>
    /// <param name="paramName">The argument name to report.</param>
    /// <exception cref="ArgumentException">The token was not made by a store.</exception>
    public static SipCaseCursor Parse(string token, string paramName = "token")
    {
        ArgumentNullException.ThrowIfNull(token);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0
            && Guid.TryParseExact(token.AsSpan(dot + 1), "D", out var id)
            && id != Guid.Empty
            && (token[..dot] == "-" || long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            long? ticks = token[..dot] == "-" ? null : long.Parse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture);
            return new(ticks, new SipCaseId(id));
        }

        throw new ArgumentException($"'{paramName}' is not a continuation token this library made; pass the token of the previous page unchanged.", paramName);
    }
}
