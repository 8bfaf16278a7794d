using System.Globalization;
using Sip.Workflow.Internal;
using Sip.Workflow.Storage;

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

    /// <summary>Whether a case passes the filters (not the page); stores that filter in memory use this.</summary>
    /// <param name="sipCase">The case.</param>
    /// <returns>Whether it matches (tested on its <see cref="SipCaseIndex"/>, as the SQL stores test their columns).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    public bool Matches(SipCase sipCase) => SipCaseIndex.Of(sipCase).Matches(this);
}

/// <summary>One page of cases.</summary>
/// <param name="Cases">The cases, in query order.</param>
/// <param name="ContinuationToken">Pass it as <see cref="SipCaseQuery.ContinuationToken"/> for the next page; <see langword="null"/> on the last page.</param>
public sealed record SipCasePage(IReadOnlyList<SipCase> Cases, string? ContinuationToken)
{
    /// <summary>The cases, in query order.</summary>
    public IReadOnlyList<SipCase> Cases
    {
        get;
        // A frozen copy with value equality, so that the value equals its copy read back from JSON.
        init => field = SipList<SipCase>.Of(value);
    } = SipList<SipCase>.Of(Cases);
}

