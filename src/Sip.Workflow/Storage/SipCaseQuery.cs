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

    /// <summary>
    /// Only cases holding at least one of these access keys (<see cref="SipCaseAccessKeys"/>); <see langword="null"/> for
    /// any case, empty for none. The reads that name a reader (<see cref="ISipWorkflow.ReadCasesAsync"/>,
    /// <see cref="ISipWorkflow.ReadDueWorkAsync"/>) set it from the reader's list scope (<see cref="ISipAccessPolicy.ListScope"/>),
    /// replacing what a caller set, so that a store loads only the cases the reader may see; the reads without a reader pass
    /// on what the caller set.
    /// </summary>
    /// <remarks>Not part of the query's JSON: a client never chooses what it may see.</remarks>
    /// <exception cref="ArgumentException">A key is not of the form of an access key, or there are more than <see cref="SipCaseAccessKeys.MaxQueryKeys"/>.</exception>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string>? AccessKeys
    {
        get;
        init => field = value is null ? null : CheckAccessKeys(value, nameof(AccessKeys));
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

    // Sorted and without duplicates, so that equal sets make equal queries and SQL.
    internal static SipList<string> CheckAccessKeys(IEnumerable<string> keys, string parameterName)
    {
        var list = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!SipCaseAccessKeys.IsKey(key))
            {
                throw new ArgumentException(
                    $"'{parameterName}' holds a value that is not an access key; an access key is {SipCaseAccessKeys.KeyLength} lowercase hexadecimal characters (SipCaseAccessKeys.Of).",
                    parameterName);
            }

            list.Add(key);
        }

        return list.Count > SipCaseAccessKeys.MaxQueryKeys
            ? throw new ArgumentException($"'{parameterName}' holds {list.Count} access keys; at most {SipCaseAccessKeys.MaxQueryKeys} are allowed.", parameterName)
            : SipList<string>.Of([.. list]);
    }

    /// <summary>The largest page a query returns: 1,000.</summary>
    public static int MaxPageSize { get; } = 1000;

    /// <summary>Whether a case passes the filters (not the page); stores that filter in memory use this.</summary>
    /// <param name="sipCase">The case.</param>
    /// <returns>Whether it matches (tested on its <see cref="SipCaseIndex"/>, as the SQL stores test their columns).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sipCase"/> is <see langword="null"/>.</exception>
    public bool Matches(SipCase sipCase)
        => SipCaseIndex.Of(sipCase).Matches(this) && (AccessKeys is not { } keys || SipCaseAccessKeys.Of(sipCase).Any(k => keys.Contains(k, StringComparer.Ordinal)));
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

