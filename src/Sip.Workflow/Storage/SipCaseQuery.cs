using System.Globalization;
using Sip.Workflow.Internal;

namespace Sip.Workflow;

/// <summary>Filters and paging for <see cref="ISipCaseStore.QueryAsync"/>. Filters combine with AND; unset filters match all.</summary>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record SipCaseQuery
{
    /// <summary>Only cases in this state.</summary>
    public SipState? State
    {
        get;
        init => field = value is { } v ? Check.Defined(v, nameof(State)) : null;
    }

    /// <summary>Only cases for this individual.</summary>
    public SubjectReference? Subject { get; init; }

    /// <summary>Only cases whose lead principal is this kind.</summary>
    public PrincipalKind? LeadPrincipal
    {
        get;
        init => field = value is { } v ? Check.Defined(v, nameof(LeadPrincipal)) : null;
    }

    /// <summary>Only cases whose lead principal's organisation has this identifier (or, when it has none, this name).</summary>
    public string? LeadOrganisation
    {
        get;
        init => field = Check.OptionalText(value, nameof(LeadOrganisation), SipLimits.NameMaxLength);
    }

    /// <summary>Only cases with a next deadline at or before this moment (due work).</summary>
    public DateTimeOffset? DeadlineAtOrBefore
    {
        get;
        init => field = Check.OptionalMoment(value, nameof(DeadlineAtOrBefore));
    }

    /// <summary>The page size.</summary>
    /// <value>The default is 100; 1 to 1,000.</value>
    public int PageSize
    {
        get;
        init => field = value >= 1 && value <= MaxPageSize
            ? value
            : throw new ArgumentOutOfRangeException(nameof(PageSize), value, $"'{nameof(PageSize)}' is {value}; it must be between 1 and {MaxPageSize}.");
    } = 100;

    /// <summary>Where the page starts: the <see cref="SipCasePage.ContinuationToken"/> of the page before, or <see langword="null"/> for the first.</summary>
    public string? ContinuationToken
    {
        get;
        init => field = value is null ? null : SipCaseCursor.Parse(value, nameof(ContinuationToken)).ToString();
    }

    /// <summary>The largest page a query returns: 1,000.</summary>
    public static int MaxPageSize { get; } = 1000;

    /// <summary>The lead-organisation key a case is filed under: the identifier, or the name when there is none.</summary>
    /// <param name="leadPrincipal">The lead principal.</param>
    public static string? LeadOrganisationKey(LeadPrincipal? leadPrincipal)
        => leadPrincipal is null ? null : leadPrincipal.Organisation.Identifier ?? leadPrincipal.Organisation.Name;

    /// <summary>Whether a case passes the filters (not the page); stores that filter in memory use this.</summary>
    /// <param name="sipCase">The case.</param>
    public bool Matches(SipCase sipCase)
    {
        ArgumentNullException.ThrowIfNull(sipCase);
        return (State is null || sipCase.State == State)
            && (Subject is null || string.Equals(sipCase.Individual.Reference.Value, Subject.Value, StringComparison.Ordinal))
            && (LeadPrincipal is null || sipCase.LeadPrincipal?.Principal == LeadPrincipal)
            && (LeadOrganisation is null || string.Equals(LeadOrganisationKey(sipCase.LeadPrincipal), LeadOrganisation, StringComparison.Ordinal))
            && (DeadlineAtOrBefore is null || (sipCase.NextDeadline is { } d && d <= DeadlineAtOrBefore));
    }
}

/// <summary>One page of cases.</summary>
/// <param name="Cases">The cases, in query order.</param>
/// <param name="ContinuationToken">Pass it as <see cref="SipCaseQuery.ContinuationToken"/> for the next page; <see langword="null"/> on the last page.</param>
public sealed record SipCasePage(IReadOnlyList<SipCase> Cases, string? ContinuationToken)
{
    /// <summary>
    /// Makes a page from up to <paramref name="pageSize"/> + 1 cases read in query order: the extra one, when there, only
    /// shows that another page follows. Stores read one more than they return for this.
    /// </summary>
    /// <param name="rows">The cases read, in query order, at most one more than <paramref name="pageSize"/>.</param>
    /// <param name="pageSize">The page size asked for.</param>
    public static SipCasePage FromRows(IReadOnlyList<SipCase> rows, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Count > pageSize
            ? new SipCasePage([.. rows.Take(pageSize)], SipCaseCursor.After(rows[pageSize - 1]).ToString())
            : new SipCasePage(rows, null);
    }
}

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
